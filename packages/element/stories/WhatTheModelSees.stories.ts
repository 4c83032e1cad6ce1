import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import { MNIST_CENTER, MNIST_SIZE } from '@digit-canvas/core';

import '@digit-canvas/element/digit-canvas.js';
import type { DigitPredictionDetail } from '../index.js';
import { paintInputWithGuides } from './support/input-view.js';
import { modelUrl, trajectoryModelUrl } from './support/model.js';
import { inStory, resultArea, showResult, showStatus } from './support/panel.js';

const meta: Meta = {
  title: 'Element/What the model sees',
  component: 'digit-canvas',
};
export default meta;

const SCALE = 10; // 28 px × 10 = 280 px, the size of the drawing pad beside it

/** Paints the model input with its guides and says in words where the ink ended up. */
function describeLayout(input: Float32Array, canvas: HTMLCanvasElement): string {
  const { box, centre } = paintInputWithGuides(canvas, input);
  if (!box || !centre)
    return 'Nothing drawn yet: the model gets an empty image and answers nothing.';
  return (
    `Ink fills ${box.width}×${box.height} of the 28×28 pixels; ` +
    `its centre of mass is at pixel (${centre.x.toFixed(1)}, ${centre.y.toFixed(1)}), ` +
    `where MNIST puts it: (${MNIST_CENTER}, ${MNIST_CENTER}).`
  );
}

function showInput(event: Event, input: Float32Array): void {
  const canvas = inStory<HTMLCanvasElement>(event, '.model-view canvas');
  const caption = inStory(event, '.model-view .layout');
  if (!canvas || !caption) return;
  caption.textContent = describeLayout(input, canvas);
  canvas.setAttribute('aria-label', `The model's 28 by 28 input. ${caption.textContent}`);
}

function update(event: CustomEvent<DigitPredictionDetail>): void {
  showResult(event, event.detail);
  showInput(event, event.detail.input);
}

function reset(event: Event): void {
  showResult(event, null);
  showInput(event, new Float32Array(MNIST_SIZE * MNIST_SIZE));
}

/**
 * The drawing, and beside it the 28×28 image the model actually receives: the digit scaled into a
 * 20×20 box and shifted so its centre of mass sits at the centre, like every MNIST training digit.
 * When an answer looks wrong, this shows why.
 */
export const WhatTheModelSees: StoryObj = {
  name: 'What the model sees',
  render: () =>
    html`<div class="story">
      <div class="column">
        <strong>Your drawing</strong>
        <digit-canvas
          model-url=${modelUrl}
          trajectory-model-url=${trajectoryModelUrl}
          @digit-prediction=${update}
          @digit-clear=${reset}
          @digit-error=${(e: CustomEvent) => showStatus(e, e.detail.message, true)}
        ></digit-canvas>
        <p class="status-line" role="status">Draw a digit; press Escape to clear.</p>
      </div>
      <div class="column model-view">
        <strong>What the model sees (28×28, enlarged ${SCALE}×)</strong>
        <canvas
          width=${28 * SCALE}
          height=${28 * SCALE}
          role="img"
          aria-label="The model's 28 by 28 input, empty"
        ></canvas>
        <ul class="legend-list">
          <li>
            <span class="key" style="border-color:#777;border-top-style:dashed"></span>the 20×20 box
            MNIST digits are scaled into
          </li>
          <li><span class="key" style="border-color:#0063a6"></span>bounding box of the ink</li>
          <li><span class="key" style="border-color:#d00000"></span>centre of mass of the ink</li>
        </ul>
        <p class="note layout">
          Nothing drawn yet: the model gets an empty image and answers nothing.
        </p>
      </div>
      ${resultArea()}
    </div>`,
  play: async ({ canvasElement }) => {
    // Paint the empty input once, so the enlarged view shows its grid before the first stroke.
    const canvas = canvasElement.querySelector<HTMLCanvasElement>('.model-view canvas');
    if (canvas) paintInputWithGuides(canvas, new Float32Array(784));
  },
};
