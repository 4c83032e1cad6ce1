import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import vuePackage from '../../examples/vue/package.json';
import vueApp from '../../examples/vue/src/App.vue?raw';
import vueTsconfig from '../../examples/vue/tsconfig.json?raw';
import vueViteConfig from '../../examples/vue/vite.config.ts?raw';
import { code } from '../../src/code.js';
import { page } from '../../src/page.js';
import { lineOf, npmInstall } from '../../src/snippets.js';

const meta: Meta = {
  title: 'Usage/Vue',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** Vue 3: the element in an SFC template, once the compiler knows it is a custom element. */
export const Vue: StoryObj = {
  name: 'Vue',
  render: () =>
    page(
      'Vue 3',
      html`A Vue 3 template takes <code>&lt;digit-canvas&gt;</code> as it is, once Vue's compiler is
        told that the tag is a custom element and not a Vue component. The app is in the
        repository's <code>apps/docs/examples/vue/</code>; its <code>tests/bundlers</code> installs
        it from the packed packages, type-checks it with <code>vue-tsc</code>, builds it for
        production and reads a digit drawn on it in Chromium.`,
      html`${code(npmInstall(vuePackage, { appHas: ['vue'] }), 'sh')}
        <h2>src/App.vue</h2>
        <p>
          The component imports the element, so it is defined before Vue sets anything on it.
          <code>:strings</code> gives the element an object (the words it shows, see
          <code>strings</code> in the element's README), <code>:min-confidence</code> a number, and
          <code>@digit-prediction</code> listens for the answer, whose <code>detail</code> is typed
          by <code>DigitPredictionEvent</code>.
        </p>
        ${code(vueApp, 'html')}
        <h2>vite.config.ts</h2>
        <p>
          <code>isCustomElement</code> keeps Vue from looking for a component named
          <code>digit-canvas</code> (and warning that it cannot find one):
        </p>
        ${code(vueViteConfig, 'ts')}
        <h2>tsconfig.json</h2>
        <p>
          In <code>compilerOptions</code>, the element's Vue typings
          (<code>@digit-canvas/element/vue</code>): <code>vue-tsc</code> then checks the template's
          values for the element and the handler of <code>@digit-prediction</code>, so
          <code>:multiple="'yes'"</code> or a handler for another event is a type error.
        </p>
        ${code(lineOf(vueTsconfig, '"types"', 'vue/tsconfig.json'), 'json')}
        <p>
          Svelte 5 and Angular: see <strong>Usage / Svelte and Angular</strong>. Nuxt and other
          server rendering: see <strong>Usage / Server rendering</strong>.
        </p>`,
    ),
};
