import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import { ref } from 'lit/directives/ref.js';

import type { Prediction } from '@digit-canvas/core';

import '@digit-canvas/element/digit-canvas.js';
import type { DigitPredictionDetail } from '../index.js';
import { paintInput } from './support/input-view.js';
import { modelUrl, trajectoryModelUrl } from './support/model.js';
import { inStory, resultArea, showResult, showStatus } from './support/panel.js';

const meta: Meta = {
  title: 'Element/Numbers',
  component: 'digit-canvas',
};
export default meta;

function digitCards(digits: readonly Prediction[]) {
  if (digits.length === 0) return html`<p class="note">Each digit found will appear here.</p>`;
  return html`<ol class="digit-cards" aria-label="Digits found, left to right">
    ${digits.map(
      (p, i) =>
        html`<li>
          <canvas
            width="84"
            height="84"
            data-index=${i}
            role="img"
            aria-label=${`Digit ${i + 1} as the model sees it`}
          ></canvas>
          <div class="guess">${p.digit ?? '?'}</div>
          <div>${(100 * p.confidence).toFixed(1)}%</div>
        </li>`,
    )}
  </ol>`;
}

function showDigits(event: Event, digits: readonly Prediction[]): void {
  const area = inStory(event, '.digits-area');
  if (!area) return;
  render(digitCards(digits), area);
  area.querySelectorAll<HTMLCanvasElement>('canvas[data-index]').forEach((canvas) => {
    paintInput(canvas, digits[Number(canvas.dataset.index)].input);
  });
}

/**
 * With `multiple`, the element splits the drawing into digits left to right and reads each one:
 * `value` is the whole number and `digits` holds every digit's prediction and model input.
 */
export const Numbers: StoryObj = {
  render: () =>
    html`<div class="story">
      <div class="column">
        <p class="note">
          Write a number of a few digits, side by side, with a little space between them.
        </p>
        <digit-canvas
          multiple
          model-url=${modelUrl}
          trajectory-model-url=${trajectoryModelUrl}
          style="inline-size: 560px; aspect-ratio: 2 / 1"
          @digit-prediction=${(e: CustomEvent<DigitPredictionDetail>) => {
            showResult(e, e.detail, true);
            showDigits(e, e.detail.digits);
          }}
          @digit-clear=${(e: Event) => {
            showResult(e, null, true);
            showDigits(e, []);
          }}
          @digit-error=${(e: CustomEvent) => showStatus(e, e.detail.message, true)}
        ></digit-canvas>
        <p class="status-line" role="status">Escape clears, Ctrl+Z undoes the last stroke.</p>
        <div
          class="digits-area"
          ${ref((el) => {
            // Its own render root, so showDigits replaces the cards rather than adding to them.
            if (el && !el.hasChildNodes()) render(digitCards([]), el as HTMLElement);
          })}
        ></div>
      </div>
      ${resultArea(true)}
    </div>`,
};
