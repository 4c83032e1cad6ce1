import { html, render } from 'lit';
import { ref } from 'lit/directives/ref.js';

import type { Prediction } from '@digit-canvas/core';

import type { DigitPredictionDetail } from '../../index.js';
import { probabilityChart } from './probabilities.js';

import './stories.css';

/** A view's first choice and its probability, e.g. "7 (98.1%)". */
function topChoice(probabilities: readonly number[]): string {
  const best = probabilities.indexOf(Math.max(...probabilities));
  return `${best} (${(100 * probabilities[best]).toFixed(1)}%)`;
}

const DECIDED_BY: Record<NonNullable<Prediction['decidedBy']>, string> = {
  both: 'both views',
  image: 'the picture (CNN)',
  trajectory: 'the pen path (trajectory model)',
  profile: 'your handwriting profile',
};

/** Per digit: which view decided, and each view's own first choice. */
function viewsView(digits: readonly Prediction[]) {
  return html`<ul class="meta views" data-testid="views">
    ${digits.map(
      ({ digit, views, decidedBy }) =>
        html`<li>
          <strong>${digit ?? '?'}</strong>: decided by ${decidedBy ? DECIDED_BY[decidedBy] : '–'} ·
          picture ${topChoice(views.image)} · pen path
          ${views.trajectory ? topChoice(views.trajectory) : 'not read (CNN alone)'}
        </li>`,
    )}
  </ul>`;
}

/**
 * The answer, how sure and how fast, and the ten probabilities, for `digit-prediction`; with
 * `views`, also which view decided each digit and what each view read on its own.
 */
function resultView(detail: DigitPredictionDetail | null, multiple = false, views = false) {
  const empty = !detail || detail.digits.length === 0;
  const answer = empty ? '–' : detail.value || '?';
  const meta = empty
    ? multiple
      ? 'Write a number in the box.'
      : 'Draw a digit in the box.'
    : detail.value
      ? multiple
        ? `${detail.digits.length} digit${detail.digits.length === 1 ? '' : 's'} · the least sure at ${(100 * detail.confidence).toFixed(1)}% · ${detail.ms.toFixed(0)} ms`
        : `${(100 * detail.confidence).toFixed(1)}% sure · ${detail.ms.toFixed(0)} ms`
      : `Not sure (best guess ${(100 * detail.confidence).toFixed(1)}%, below min-confidence)`;
  return html`<div class="result">
    <p class="answer ${detail?.value ? '' : 'unsure'}" data-testid="answer" aria-live="polite">
      ${answer}
    </p>
    <p class="meta">${meta}</p>
    ${views && !empty ? viewsView(detail.digits) : ''}
    ${multiple ? '' : probabilityChart(detail?.probabilities ?? [], detail?.digit ?? null)}
  </div>`;
}

/**
 * The area `showResult` fills, first showing the empty state. It is rendered by its own `render`
 * call, so later updates replace its content instead of adding to what the story template drew.
 */
export function resultArea(multiple = false) {
  return html`<div
    class="result-area"
    ${ref((el) => {
      if (el && !el.hasChildNodes()) render(resultView(null, multiple), el as HTMLElement);
    })}
  ></div>`;
}

/**
 * The element matching `selector` in the same story as the event's listener: several stories
 * can share one docs page, so nothing is looked up by id.
 */
export function inStory<E extends Element = HTMLElement>(event: Event, selector: string): E | null {
  return (event.currentTarget as Element).closest('.story')?.querySelector<E>(selector) ?? null;
}

/** Re-renders the story's result area (found next to the element) after an event. */
export function showResult(
  event: Event,
  detail: DigitPredictionDetail | null,
  multiple = false,
  views = false,
): void {
  const area = inStory(event, '.result-area');
  if (area) render(resultView(detail, multiple, views), area);
}

/** Shows model loading and errors under the element. */
export function showStatus(event: Event, text: string, error = false): void {
  const line = inStory(event, '.status-line');
  if (!line) return;
  line.textContent = text;
  line.classList.toggle('error', error);
}
