import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import '@digit-canvas/element/digit-canvas.js';
import { resultArea, showResult, showStatus } from './support/panel.js';

const meta: Meta = {
  title: 'Element/Errors',
  component: 'digit-canvas',
};
export default meta;

/**
 * A `model-url` that does not exist. The element fires `digit-error` with a message that says what
 * failed and that drawing still works; it keeps taking strokes and announces that recognition is
 * unavailable. Draw to see that nothing breaks.
 */
export const BrokenModelUrl: StoryObj = {
  name: 'Broken model URL',
  render: () =>
    html`<div class="story">
      <div class="column">
        <digit-canvas
          model-url="./no-such-model/model.json"
          @digit-prediction=${(e: CustomEvent) => showResult(e, e.detail)}
          @digit-error=${(e: CustomEvent) => showStatus(e, `digit-error: ${e.detail.message}`, true)}
        ></digit-canvas>
        <p class="status-line" role="status">Loading ./no-such-model/model.json…</p>
      </div>
      ${resultArea()}
    </div>`,
};
