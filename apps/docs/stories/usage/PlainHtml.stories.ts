import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import plainHtml from '../../examples/plain-html.html?raw';
import { supportedBrowsers } from '../../src/browsers.js';
import { code } from '../../src/code.js';
import { page } from '../../src/page.js';

const meta: Meta = {
  title: 'Usage/Plain HTML',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** Where the bundle is on a CDN; the live example loads this site's own copy instead. */
const cdn = 'https://cdn.jsdelivr.net/npm/@digit-canvas/element/dist/';

/** One script tag and the element: no build step, no npm. */
export const PlainHtml: StoryObj = {
  name: 'Plain HTML',
  render: () =>
    page(
      'Plain HTML: one script tag',
      html`<code>dist/digit-canvas.bundle.js</code> (21 KB gzip) holds the element, the code that
        runs the model and the code that finds it: it loads <code>model.json</code> and
        <code>weights.bin</code> from the folder it is served from. TensorFlow.js sits beside it,
        fetched only for <code>backend="wasm"</code> or <code>"webgl"</code> or a model of other
        layers. Serve the package's <code>dist/</code> folder (or use a CDN) and write the tag.`,
      html`<h2>The page</h2>
        ${code(plainHtml.replace('../element/', cdn), 'html')}
        <p>
          Self-hosted: copy <code>node_modules/@digit-canvas/element/dist/</code> to your site and
          point <code>src</code> at its <code>digit-canvas.bundle.js</code>; keep
          <code>model.json</code>, <code>weights.bin</code>, the other <code>.js</code> files and
          the <code>.wasm</code> files beside it.
        </p>
        <h2>Live</h2>
        <p>The same page, served by this site from its own copy of the bundle:</p>
        <iframe
          src="./examples/plain-html.html"
          title="The plain HTML example running"
          style="width: 340px; height: 400px; border: 1px solid #dcdcdc; border-radius: 8px"
        ></iframe>
        ${supportedBrowsers()}`,
    ),
};
