import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import coreInNode from '../../examples/core-in-node.mjs?raw';
import { code } from '../../src/code.js';
import { page } from '../../src/page.js';

const meta: Meta = {
  title: 'Usage/Core in Node',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** The recognizer without the element: scripts, servers, tests. */
export const CoreInNode: StoryObj = {
  name: 'Core in Node',
  render: () =>
    page(
      '@digit-canvas/core in Node',
      html`The preprocessing and the recognizer run in Node 20 with no DOM and no native TensorFlow:
        the model loads from the package on disk and runs on the <code>wasm</code> backend,
        installed from npm alone (<code>cpu</code> works too, much slower).`,
      html`${code('npm install @digit-canvas/core', 'sh')}
        <h2>recognize.mjs</h2>
        ${code(coreInNode, 'js')} ${code('$ node recognize.mjs\ndigit 7, …% sure, … ms', 'sh')}
        <p>
          Also there: <code>recognize(strokes, { multiple: true })</code> for a written number,
          <code>preprocessStrokes</code> / <code>preprocessImage</code> for the 28×28 input alone,
          and <code>segmentDigits</code>.
        </p>`,
    ),
};
