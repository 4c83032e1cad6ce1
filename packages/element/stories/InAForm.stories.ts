import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import '@digit-canvas/element/digit-canvas.js';
import type { DigitCanvas } from '../index.js';
import { modelUrl, trajectoryModelUrl } from './support/model.js';
import './support/stories.css';

const meta: Meta = {
  title: 'Element/In a form',
  component: 'digit-canvas',
};
export default meta;

function output(form: HTMLFormElement): HTMLOutputElement {
  return form.querySelector('output') as HTMLOutputElement;
}

function submit(event: SubmitEvent): void {
  // The story shows what would be sent instead of leaving the page.
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const data = new FormData(form);
  output(form).textContent = `Submitted: answer=${data.get('answer')}`;
}

function invalid(event: Event): void {
  const el = event.currentTarget as DigitCanvas;
  if (el.form) output(el.form).textContent = `Not submitted: ${el.validationMessage}`;
}

function reset(event: Event): void {
  output(event.currentTarget as HTMLFormElement).textContent = '';
}

/** The element's `change` event: what a submit would send right now. */
function changed(event: Event): void {
  const el = event.currentTarget as DigitCanvas;
  const current = el.form?.querySelector('.current-value');
  if (current)
    current.textContent = el.value ? `The form value is now "${el.value}".` : 'No value yet.';
}

/**
 * `<digit-canvas name required>` is a form control: its recognized digit is submitted under its
 * name, an empty or unreadable drawing blocks submission, and reset clears it.
 */
export const InAForm: StoryObj = {
  name: 'In a form',
  render: () =>
    html`<style>
        .quiz digit-canvas:state(user-invalid) {
          --digit-canvas-border: 2px solid #c00000;
        }
      </style>
      <form class="story stack quiz" @submit=${submit} @reset=${reset}>
        <label id="quiz-question" for="quiz-answer"
          ><strong>What is 3 + 4?</strong> Write the answer:</label
        >
        <digit-canvas
          id="quiz-answer"
          name="answer"
          required
          label="Answer to 3 + 4"
          model-url=${modelUrl}
          trajectory-model-url=${trajectoryModelUrl}
          @invalid=${invalid}
          @change=${changed}
        ></digit-canvas>
        <p class="status-line current-value">
          No value yet: submitting now shows the required message.
        </p>
        <div class="buttons">
          <button type="submit" class="primary">Submit</button>
          <button type="reset">Reset</button>
        </div>
        <output class="status-line" aria-live="polite"></output>
      </form>`,
};
