import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import '@digit-canvas/element/digit-canvas.js';
import type { DigitCanvas } from '../index.js';
import { modelUrl, trajectoryModelUrl } from './support/model.js';
import { sampleTwo } from './support/sample-strokes.js';
import './support/stories.css';

const meta: Meta = {
  title: 'Element/Theming',
  component: 'digit-canvas',
};
export default meta;

/** Puts a sample digit on every element in the story, so each theme shows its ink at once. */
async function drawSample({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  await customElements.whenDefined('digit-canvas');
  canvasElement.querySelectorAll<DigitCanvas>('digit-canvas').forEach((el) => {
    el.strokes = sampleTwo();
  });
}

/** Dark paper and light ink through the element's CSS custom properties. */
export const Dark: StoryObj = {
  render: () =>
    html`<div class="story">
      <div class="theme-card" style="background:#121417;color:#f2f2f2">
        <h3>Dark</h3>
        <digit-canvas
          model-url=${modelUrl}
          trajectory-model-url=${trajectoryModelUrl}
          label="Draw a digit (dark theme)"
          style="--digit-canvas-paper:#1e2227;--digit-canvas-ink:#f5f5f5;--digit-canvas-border:1px solid #5a6270;--digit-canvas-focus-ring:3px solid #8ab4f8"
        ></digit-canvas>
      </div>
    </div>`,
  play: drawSample,
};

/**
 * The element follows the operating system's forced colours (Windows High Contrast): ink becomes
 * CanvasText on Canvas and the focus ring Highlight. To try it here, open DevTools → Rendering →
 * "Emulate CSS media feature forced-colors: active". Beside it, a high-contrast theme of your own.
 */
export const HighContrast: StoryObj = {
  name: 'High contrast',
  render: () =>
    html`<div class="story">
      <div class="theme-card">
        <h3>System colours (forced-colors)</h3>
        <p class="note">
          Emulate <code>forced-colors: active</code> in DevTools → Rendering to see<br />this one
          switch to the system palette.
        </p>
        <digit-canvas
          model-url=${modelUrl}
          trajectory-model-url=${trajectoryModelUrl}
          label="Draw a digit (system colours)"
        ></digit-canvas>
      </div>
      <div class="theme-card" style="background:#000;color:#fff">
        <h3>Black and yellow, thick border</h3>
        <p class="note" style="color:#fff">
          A theme of your own for readers who want strong contrast.
        </p>
        <digit-canvas
          model-url=${modelUrl}
          trajectory-model-url=${trajectoryModelUrl}
          label="Draw a digit (high contrast)"
          style="--digit-canvas-paper:#000;--digit-canvas-ink:#ffeb3b;--digit-canvas-border:3px solid #fff;--digit-canvas-focus-ring:4px solid #ffeb3b"
        ></digit-canvas>
      </div>
    </div>`,
  play: drawSample,
};

/**
 * Ink colour by custom property and pen width by `stroke-width`. The pen width only changes the
 * look: the model input is normalised the same way whatever the width.
 */
export const CustomInkAndPen: StoryObj = {
  name: 'Custom ink and pen width',
  render: () =>
    html`<div class="story">
      ${[6, 18, 32].map(
        (width, i) =>
          html`<div class="theme-card">
            <h3><code>stroke-width="${width}"</code></h3>
            <digit-canvas
              model-url=${modelUrl}
              trajectory-model-url=${trajectoryModelUrl}
              stroke-width=${width}
              label=${`Draw a digit (pen ${width} px)`}
              style=${`--digit-canvas-ink:${['#0063a6', '#1b5e20', '#8e24aa'][i]}`}
            ></digit-canvas>
          </div>`,
      )}
    </div>`,
  play: drawSample,
};

/**
 * `::part(canvas)` styles the drawing surface itself from the page's CSS: here a squared
 * exercise-book paper, a rounder shape and a shadow.
 */
export const Parts: StoryObj = {
  name: '::part styling',
  render: () =>
    html`<style>
        .exercise-book {
          --digit-canvas-border: none;
          --digit-canvas-radius: 20px;
          box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
        }
        .exercise-book::part(canvas) {
          background-color: #fffdf5;
          background-image:
            linear-gradient(#c9dcf0 1px, transparent 1px),
            linear-gradient(90deg, #c9dcf0 1px, transparent 1px);
          background-size: 20px 20px;
        }
      </style>
      <div class="story">
        <div class="theme-card">
          <h3><code>digit-canvas::part(canvas)</code></h3>
          <digit-canvas
            class="exercise-book"
            model-url=${modelUrl}
            trajectory-model-url=${trajectoryModelUrl}
            label="Draw a digit (squared paper)"
          ></digit-canvas>
        </div>
      </div>`,
  play: drawSample,
};
