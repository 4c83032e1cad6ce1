import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import { BACKENDS } from '@digit-canvas/core';

import '@digit-canvas/element/digit-canvas.js';
import type { DigitCanvas } from '../index.js';
import { modelUrl, trajectoryModelUrl } from './support/model.js';
import { inStory, resultArea, showResult, showStatus } from './support/panel.js';

/**
 * Keyed by attribute name, so each control sits on the manifest's row for that attribute; each
 * typed as the property it sets.
 */
interface Args {
  'model-url': DigitCanvas['modelUrl'];
  'trajectory-model-url': DigitCanvas['trajectoryModelUrl'];
  backend: DigitCanvas['backend'];
  'stroke-width': DigitCanvas['strokeWidth'];
  'predict-delay': DigitCanvas['predictDelay'];
  multiple: DigitCanvas['multiple'];
  'min-confidence': DigitCanvas['minConfidence'];
  disabled: DigitCanvas['disabled'];
  label: DigitCanvas['label'];
  name: DigitCanvas['name'];
  required: DigitCanvas['required'];
}

/** The element's own defaults, read from a fresh one, so the controls start where it does. */
const defaults = document.createElement('digit-canvas');

const meta: Meta<Args> = {
  title: 'Element/Playground',
  component: 'digit-canvas',
  tags: ['autodocs'],
  args: {
    // Not the element's default (the shipped models, found by core): the copies this site serves.
    'model-url': modelUrl,
    'trajectory-model-url': trajectoryModelUrl,
    backend: defaults.backend,
    'stroke-width': defaults.strokeWidth,
    'predict-delay': defaults.predictDelay,
    multiple: defaults.multiple,
    'min-confidence': defaults.minConfidence,
    disabled: defaults.disabled,
    label: defaults.label,
    name: defaults.name,
    required: defaults.required,
  },
  argTypes: {
    'model-url': {
      control: 'text',
      description:
        'URL of a TensorFlow.js layers model.json (the CNN). Empty means the model shipped in @digit-canvas/core; this site serves that model at ./model/.',
    },
    'trajectory-model-url': {
      control: 'text',
      description:
        'URL of the trajectory model fused with the CNN on the pen path. Empty with a model-url of its own: the CNN reads alone (clear it to compare). This site serves the shipped one at ./model/trajectory.json.',
    },
    backend: { control: 'inline-radio', options: [...BACKENDS] },
    'stroke-width': { control: { type: 'range', min: 0, max: 40, step: 1 } },
    'predict-delay': { control: { type: 'range', min: 0, max: 1000, step: 50 } },
    'min-confidence': { control: { type: 'range', min: 0, max: 1, step: 0.05 } },
  },
};
export default meta;

function element(event: Event): DigitCanvas | null {
  return inStory<DigitCanvas>(event, 'digit-canvas');
}

/**
 * Draw with the mouse, a finger or a pen: the answer and all ten probabilities follow each
 * stroke, with which view decided (the picture, read by the CNN, or the pen path, read by the
 * trajectory model) and what each read on its own.
 */
export const Playground: StoryObj<Args> = {
  render: (args) =>
    html`<div class="story">
      <div class="column">
        <digit-canvas
          model-url=${args['model-url']}
          trajectory-model-url=${args['trajectory-model-url']}
          backend=${args.backend}
          stroke-width=${args['stroke-width']}
          predict-delay=${args['predict-delay']}
          min-confidence=${args['min-confidence']}
          ?multiple=${args.multiple}
          ?disabled=${args.disabled}
          ?required=${args.required}
          label=${args.label}
          name=${args.name}
          @digit-prediction=${(e: CustomEvent) => showResult(e, e.detail, args.multiple, true)}
          @digit-clear=${(e: Event) => showResult(e, null, args.multiple, true)}
          @digit-ready=${(e: CustomEvent) => showStatus(e, `Model loaded (${e.detail.backend} backend).`)}
          @digit-error=${(e: CustomEvent) => showStatus(e, e.detail.message, true)}
        ></digit-canvas>
        <div class="buttons">
          <button @click=${(e: Event) => element(e)?.clear()}>Clear</button>
          <button @click=${(e: Event) => element(e)?.undo()}>Undo</button>
        </div>
        <p class="status-line" role="status">Loading the model…</p>
      </div>
      ${resultArea(args.multiple)}
    </div>`,
};
