import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import bundlerHtml from '../examples/bundler/index.html?raw';
import bundlerMain from '../examples/bundler/main.ts?raw';
import coreInNode from '../examples/core-in-node.mjs?raw';
import plainHtml from '../examples/plain-html.html?raw';
import { page } from '../src/page.js';

const meta: Meta = {
  title: 'Usage',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** Where the bundle is on a CDN; the live example loads this site's own copy instead. */
const cdn = 'https://cdn.jsdelivr.net/npm/@digit-canvas/element/dist/';

function code(text: string, language: string) {
  // Focusable, so a keyboard can scroll a long line into view.
  return html`<pre tabindex="0"><code class=${`language-${language}`}>${text.trim()}</code></pre>`;
}

/** One script tag and the element: no build step, no npm. */
export const PlainHtml: StoryObj = {
  name: 'Plain HTML',
  render: () =>
    page(
      'Plain HTML: one script tag',
      html`<code>dist/digit-canvas.bundle.js</code> holds the element, TensorFlow.js and the code
        that finds the model: it loads <code>model.json</code> and <code>weights.bin</code> from the
        folder it is served from. Serve the package's <code>dist/</code> folder (or use a CDN) and
        write the tag.`,
      html`<h2>The page</h2>
        ${code(plainHtml.replace('../element/', cdn), 'html')}
        <p>
          Self-hosted: copy <code>node_modules/@digit-canvas/element/dist/</code> to your site and
          point <code>src</code> at its <code>digit-canvas.bundle.js</code>; keep
          <code>model.json</code>, <code>weights.bin</code> and the <code>.wasm</code> files beside
          it.
        </p>
        <h2>Live</h2>
        <p>The same page, served by this site from its own copy of the bundle:</p>
        <iframe
          src="./examples/plain-html.html"
          title="The plain HTML example running"
          style="width: 340px; height: 400px; border: 1px solid #dcdcdc; border-radius: 8px"
        ></iframe>`,
    ),
};

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

/** The recognizer without the element: scripts, servers, tests. */
export const CoreInNode: StoryObj = {
  name: 'Core in Node',
  render: () =>
    page(
      '@digit-canvas/core in Node',
      html`The preprocessing and the recognizer run in Node 20 with no DOM and no native TensorFlow:
        the model loads from the package on disk and runs on the pure-JS <code>cpu</code> backend
        (or <code>wasm</code>, faster).`,
      html`${code('npm install @digit-canvas/core', 'sh')}
        <h2>recognize.mjs</h2>
        ${code(coreInNode, 'js')} ${code('$ node recognize.mjs\ndigit 7, …% sure, … ms', 'sh')}
        <p>
          Also there: <code>predictNumber(strokes)</code> for a written number,
          <code>preprocessStrokes</code> / <code>preprocessImage</code> for the 28×28 input alone,
          and <code>segmentDigits</code>.
        </p>`,
    ),
};
