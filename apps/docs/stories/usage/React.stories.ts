import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import react19Package from '../../examples/react/package.json';
import react19App from '../../examples/react/src/App.tsx?raw';
import react19Jsx from '../../examples/react/src/digit-canvas.d.ts?raw';
import react18Package from '../../examples/react18/package.json';
import react18App from '../../examples/react18/src/App.tsx?raw';
import { code } from '../../src/code.js';
import { page } from '../../src/page.js';
import { npmInstall } from '../../src/snippets.js';

const meta: Meta = {
  title: 'Usage/React',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** The React packages a React app has already. */
const react = { appHas: ['react', 'react-dom'] };

/** React 19 with the element itself; React 18 and earlier with the DigitCanvas component. */
export const React: StoryObj = {
  name: 'React',
  render: () =>
    page(
      'React',
      html`React 19 renders <code>&lt;digit-canvas&gt;</code> like any tag: it sets the element's
        properties and listens to its events itself. React 18 and earlier pass every prop to a
        custom element as a string attribute and cannot listen to its events: there, use the
        <code>DigitCanvas</code> component from <code>@digit-canvas/element/react</code>. Both apps
        are in the repository's <code>apps/docs/examples/</code> (<code>react/</code>,
        <code>react18/</code>); its <code>tests/bundlers</code> installs each from the packed
        packages, type-checks it, builds it for production and reads a digit drawn on it in
        Chromium.`,
      html`<h2>React 19: the element itself</h2>
        ${code(npmInstall(react19Package, react), 'sh')}
        <p>
          Import the element before React renders it. React 19 sets a prop as a property when the
          element has a property of that name (<code>strings</code>, <code>recognizer</code>,
          <code>strokes</code>, <code>label</code>…) and as an attribute otherwise
          (<code>min-confidence</code>, <code>model-url</code>); an element that is not defined yet
          has no properties, so an object such as <code>strings</code> would arrive as the text
          <code>[object Object]</code>. Events are <code>on</code> + their name:
          <code>ondigit-prediction</code>, <code>ondigit-error</code>, <code>ondigit-ready</code>,
          <code>ondigit-clear</code>.
        </p>
        <h3>src/App.tsx</h3>
        ${code(react19App, 'tsx')}
        <p>
          TSX knows the tag from the element's generated JSX types
          (<code>@digit-canvas/element/jsx</code>, made from its
          <code>custom-elements.json</code>): each attribute and property with its type, and each
          event with its <code>detail</code>. One file adds them to React's JSX:
        </p>
        <h3>src/digit-canvas.d.ts</h3>
        ${code(react19Jsx, 'ts')}
        <h2>React 18 and earlier: the DigitCanvas component</h2>
        ${code(npmInstall(react18Package, react), 'sh')}
        <p>
          <code>@digit-canvas/element/react</code> wraps the element with <code>@lit/react</code>'s
          <code>createComponent</code>, and registers <code>&lt;digit-canvas&gt;</code> when
          imported. It uses your app's own <code>react</code> (an optional peer dependency, React 17
          or later). Props are the element's properties by their JavaScript names
          (<code>minConfidence</code>, <code>modelUrl</code>, <code>strings</code>…), set as
          properties; its events are <code>onDigitPrediction</code>, <code>onDigitError</code>,
          <code>onDigitReady</code> and <code>onDigitClear</code>, with typed details; the
          <code>ref</code> is the element itself, for <code>clear()</code>, <code>undo()</code>,
          <code>predict()</code> and <code>value</code>.
        </p>
        <h3>src/App.tsx</h3>
        ${code(react18App, 'tsx')}
        <p>
          Server rendering (Next.js and others): see <strong>Usage / Server rendering</strong>.
        </p>`,
    ),
};
