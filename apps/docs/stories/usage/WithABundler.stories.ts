import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import bundlerHtml from '../../examples/bundler/index.html?raw';
import bundlerMain from '../../examples/bundler/main.ts?raw';
import { code } from '../../src/code.js';
import { page } from '../../src/page.js';

const meta: Meta = {
  title: 'Usage/With a bundler',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** npm install and import, with Vite, webpack, esbuild or Rollup. */
export const WithABundler: StoryObj = {
  name: 'With a bundler',
  render: () =>
    page(
      'With a bundler',
      html`Install the element (it brings <code>@digit-canvas/core</code>, TensorFlow.js and the
        model), import its registration module once, and listen for <code>digit-prediction</code>.
        Event details are typed.`,
      html`${code('npm install @digit-canvas/element', 'sh')}
        <h2>main.ts</h2>
        ${code(bundlerMain, 'ts')}
        <h2>index.html</h2>
        ${code(bundlerHtml, 'html')}
        <h2>Serving the model</h2>
        <p>
          The model is two static files, <code>model.json</code> and <code>weights.bin</code>, in
          <code>@digit-canvas/core/model/</code>. Bundlers do not copy files that a module only
          names at run time, so copy that folder into what your site serves (Vite:
          <code>public/model/</code>) and set <code>model-url</code>, as above. This Storybook does
          exactly that.
        </p>
        ${code('cp -r node_modules/@digit-canvas/core/model public/model', 'sh')}`,
    ),
};
