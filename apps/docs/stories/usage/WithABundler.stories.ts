import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import builds from '../../examples/bundler/builds.json';
import bundlerHtml from '../../examples/bundler/index.html?raw';
import bundlerMain from '../../examples/bundler/main.js?raw';
import rollupConfig from '../../examples/bundler/rollup.config.mjs?raw';
import { supportedBrowsers } from '../../src/browsers.js';
import { code } from '../../src/code.js';
import { page } from '../../src/page.js';

const meta: Meta = {
  title: 'Usage/With a bundler',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** npm install and import, with Vite, webpack, Rollup or esbuild. */
export const WithABundler: StoryObj = {
  name: 'With a bundler',
  render: () =>
    page(
      'With a bundler',
      html`Install the element (it brings <code>@digit-canvas/core</code>, TensorFlow.js and the
        model), import its registration module once, and listen for <code>digit-prediction</code>.
        Event details are typed. The models (the CNN and the trajectory model) are found with no
        configuration: core names their files with <code>new URL('…', import.meta.url)</code>, which
        bundlers emit as assets.`,
      html`${code('npm install @digit-canvas/element', 'sh')}
        <h2>main.js</h2>
        ${code(bundlerMain, 'js')}
        <h2>index.html</h2>
        ${code(bundlerHtml, 'html')}
        <h2>Production builds</h2>
        <p>
          Vite and webpack 5 need nothing more. Rollup needs
          <code>@web/rollup-plugin-import-meta-assets</code> to emit the model files. esbuild leaves
          <code>new URL(…, import.meta.url)</code> alone: copy the models and name both with
          <code
            >&lt;digit-canvas model-url="model/model.json"
            trajectory-model-url="model/trajectory.json"&gt;</code
          >
          (a <code>model-url</code> alone reads with that CNN alone), and build with
          <code>--splitting</code> so that TensorFlow.js, which only the <code>wasm</code> and
          <code>webgl</code> backends and models of other layers need, stays in a chunk of its own.
          Every one of these is built and drawn on in Chromium by the repository's
          <code>tests/bundlers</code>, which also checks that a page on the defaults downloads at
          most the element's size budget until its first prediction.
        </p>
        ${Object.entries(builds).map(
          ([bundler, steps]) =>
            html`<h3>${bundler}</h3>
              ${code(steps.join('\n'), 'sh')}`,
        )}
        <h3>rollup.config.mjs</h3>
        ${code(rollupConfig, 'js')} ${supportedBrowsers()}`,
    ),
};
