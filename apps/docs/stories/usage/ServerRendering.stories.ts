import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import ssrPage from '../../examples/ssr/index.html?raw';
import ssrPackage from '../../examples/ssr/package.json';
import ssrServer from '../../examples/ssr/server.js?raw';
import ssrClient from '../../examples/ssr/src/client.js?raw';
import { code } from '../../src/code.js';
import { page } from '../../src/page.js';
import { npmInstall } from '../../src/snippets.js';

const meta: Meta = {
  title: 'Usage/Server rendering',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** Lit SSR on a Node server, hydrated in the browser. */
export const ServerRendering: StoryObj = {
  name: 'Server rendering',
  render: () =>
    page(
      'Server rendering',
      html`The server sends <code>&lt;digit-canvas&gt;</code> already rendered: Lit SSR writes the
        element's shadow root into the page as a declarative shadow root (<code
          >&lt;template shadowrootmode="open"&gt;</code
        >), so the drawing pad is there before any JavaScript runs. In the browser, the element then
        hydrates. The app is in the repository's <code>apps/docs/examples/ssr/</code>: a
        <code>node:http</code> server and a client built with Vite. Its
        <code>tests/bundlers</code> installs it from the packed packages, builds it, checks the
        served HTML, and reads a digit drawn on the hydrated element in Chromium.`,
      html`${code(npmInstall(ssrPackage, { dev: true }), 'sh')}
        <h2>server.js</h2>
        <p>
          Importing the element in Node (it needs no DOM for that) defines
          <code>&lt;digit-canvas&gt;</code> for Lit SSR. <code>render()</code> and
          <code>collectResult()</code> turn the template into HTML, which goes into the built page.
          The server renders markup only: the model is loaded in the browser.
        </p>
        ${code(ssrServer, 'js')}
        <p>
          Build the client, then start the server:
          <code>npx ${ssrPackage.scripts.build}</code>, then
          <code>${ssrPackage.scripts.start}</code> (on port 3000, or <code>PORT</code>).
        </p>
        <h2>index.html</h2>
        <p>The page Vite builds, with the place where the server puts the element:</p>
        ${code(ssrPage, 'html')}
        <h2>src/client.js</h2>
        ${code(ssrClient, 'js')}
        <h2>What hydration means here</h2>
        <p>
          When the client imports the element, <code>&lt;digit-canvas&gt;</code> is defined and the
          server's element upgrades. Without the hydrate support, Lit would render the element's
          template again, replacing the shadow root the server sent. With
          <code>@lit-labs/ssr-client/lit-element-hydrate-support.js</code> imported before the
          element, the element adopts that shadow root, the same <code>&lt;canvas&gt;</code>
          included, instead of creating a new one. From then on it is the same element as on any
          page: it takes the pen, loads the model and answers with
          <code>digit-prediction</code>. The test checks both halves: the served HTML holds the
          shadow root with its canvas, and after hydration the element still has the server's canvas
          and reads the digit drawn on it.
        </p>
        <h2>Next.js, Nuxt, SvelteKit, Astro</h2>
        <p>
          <code>@digit-canvas/element</code>, its registration module
          <code>@digit-canvas/element/digit-canvas.js</code> and the React component
          <code>@digit-canvas/element/react</code> import in Node without throwing (tested), so
          server code may import them. To send the element rendered, render it with Lit SSR as
          above, where the framework lets you, and import the hydrate support before the element in
          the client. Where it does not, render the element on the client only (the framework's
          client-only component or its after-mount hook): the element renders itself when its module
          loads in the browser.
        </p>`,
    ),
};
