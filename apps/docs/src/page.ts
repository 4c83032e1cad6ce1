import { html, type TemplateResult } from 'lit';

import './page.css';
import type { Loaded } from './reports.js';

/** The frame every report and usage page shares. */
export function page(title: string, lead: TemplateResult | string, body: unknown): TemplateResult {
  return html`<article class="doc-page">
    <h1>${title}</h1>
    <p class="lead">${lead}</p>
    ${body}
  </article>`;
}

/** Renders a loaded report with `view`, or the reason it is not there. */
export function section<T>(loaded: Loaded<T>, view: (value: T) => unknown): unknown {
  return loaded.ok ? view(loaded.value) : notice(loaded.message);
}

/** A message box; `backticked` parts of the text are shown as code. */
export function notice(message: string): TemplateResult {
  const parts = message.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : part));
  return html`<p class="missing" role="status">${parts}</p>`;
}
