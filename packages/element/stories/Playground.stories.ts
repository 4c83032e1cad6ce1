import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import '@digit-canvas/element/digit-canvas.js';
import type { DigitCanvas } from '../index.js';
import { modelUrl } from './support/model.js';
import { resultArea, showResult, showStatus } from './support/panel.js';

interface Args {
  modelUrl: string;
  backend: 'cpu' | 'wasm' | 'webgl';
  strokeWidth: number;
  predictDelay: number;
  multiple: boolean;
  minConfidence: number;
  disabled: boolean;
  label: string;
  name: string;
  required: boolean;
}

const meta: Meta<Args> = {
  title: 'Element/Playground',
  component: 'digit-canvas',
  tags: ['autodocs'],
  parameters: {
    // The manifest lists every member for the Docs page; the panel keeps to the attributes.
    controls: {
      include: [
        'modelUrl',
        'backend',
        'strokeWidth',
        'predictDelay',
        'multiple',
        'minConfidence',
        'disabled',
        'label',
        'name',
        'required',
      ],
    },
  },
  args: {
    modelUrl,
    backend: 'cpu',
    strokeWidth: 0,
    predictDelay: 150,
    multiple: false,
    minConfidence: 0,
    disabled: false,
    label: '',
    name: '',
    required: false,
  },
  argTypes: {
    modelUrl: {
      name: 'model-url',
      control: 'text',
      description:
        'URL of a TensorFlow.js layers model.json. Empty means the model shipped in @digit-canvas/core; this site serves that model at ./model/.',
    },
    backend: { control: 'inline-radio', options: ['cpu', 'wasm', 'webgl'] },
    strokeWidth: { name: 'stroke-width', control: { type: 'range', min: 0, max: 40, step: 1 } },
    predictDelay: {
      name: 'predict-delay',
      control: { type: 'range', min: 0, max: 1000, step: 50 },
    },
    minConfidence: {
      name: 'min-confidence',
      control: { type: 'range', min: 0, max: 1, step: 0.05 },
    },
  },
};
export default meta;

function clear(event: Event): void {
  (event.currentTarget as Element)
    .closest('.story')
    ?.querySelector<DigitCanvas>('digit-canvas')
    ?.clear();
}

function undo(event: Event): void {
  (event.currentTarget as Element)
    .closest('.story')
    ?.querySelector<DigitCanvas>('digit-canvas')
    ?.undo();
}

/** Draw with the mouse, a finger or a pen: the answer and all ten probabilities follow each stroke. */
export const Playground: StoryObj<Args> = {
  render: (args) =>
    html`<div class="story">
      <div class="column">
        <digit-canvas
          model-url=${args.modelUrl}
          backend=${args.backend}
          stroke-width=${args.strokeWidth}
          predict-delay=${args.predictDelay}
          min-confidence=${args.minConfidence}
          ?multiple=${args.multiple}
          ?disabled=${args.disabled}
          ?required=${args.required}
          label=${args.label}
          name=${args.name}
          @digit-prediction=${(e: CustomEvent) => showResult(e, e.detail, args.multiple)}
          @digit-clear=${(e: Event) => showResult(e, null, args.multiple)}
          @digit-ready=${(e: CustomEvent) => showStatus(e, `Model loaded (${e.detail.backend} backend).`)}
          @digit-error=${(e: CustomEvent) => showStatus(e, e.detail.message, true)}
        ></digit-canvas>
        <div class="buttons">
          <button @click=${clear}>Clear</button>
          <button @click=${undo}>Undo</button>
        </div>
        <p class="status-line" role="status">Loading the model…</p>
      </div>
      ${resultArea(args.multiple)}
    </div>`,
};
