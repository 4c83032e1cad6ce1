import { html } from 'lit';

/** A code sample; focusable, so a keyboard can scroll a long line into view. */
export function code(text: string, language: string) {
  return html`<pre tabindex="0"><code class=${`language-${language}`}>${text.trim()}</code></pre>`;
}
