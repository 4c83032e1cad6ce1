import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import '@digit-canvas/element/digit-canvas.js';
import { inStory } from './support/panel.js';
import './support/stories.css';

const meta: Meta = {
  title: 'Element/Errors',
  component: 'digit-canvas',
};
export default meta;

function showError(event: CustomEvent<{ message: string }>): void {
  const out = inStory(event, '.error-message');
  if (out) out.textContent = event.detail.message;
}

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
        <code>&lt;digit-canvas model-url="./no-such-model/model.json"&gt;</code>
        <digit-canvas
          model-url="./no-such-model/model.json"
          @digit-error=${showError}
        ></digit-canvas>
        <p class="status-line">You can still draw here; nothing is recognized.</p>
      </div>
      <div class="column error-panel">
        <strong
          >The page receives <code>digit-error</code>; its <code>detail.message</code>:</strong
        >
        <p class="error-message status-line error" role="status">Waiting for the model to load…</p>
        <pre><code>el.addEventListener('digit-error', (e) => {
  showBanner(e.detail.message); // e.detail.error is the Error, with its cause
});</code></pre>
      </div>
    </div>`,
};
