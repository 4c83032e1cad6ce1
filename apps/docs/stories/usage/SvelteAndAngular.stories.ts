import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import angularJson from '../../examples/angular/angular.json?raw';
import angularPackage from '../../examples/angular/package.json';
import angularApp from '../../examples/angular/src/app.ts?raw';
import sveltePackage from '../../examples/svelte/package.json';
import svelteApp from '../../examples/svelte/src/App.svelte?raw';
import svelteTsconfig from '../../examples/svelte/tsconfig.json?raw';
import { code } from '../../src/code.js';
import { page } from '../../src/page.js';
import { blockOf, lineOf, npmInstall } from '../../src/snippets.js';

const meta: Meta = {
  title: 'Usage/Svelte and Angular',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** The packages of an Angular app made with the Angular CLI. */
const angular = [
  '@angular/common',
  '@angular/compiler',
  '@angular/core',
  '@angular/platform-browser',
  'rxjs',
  'tslib',
];

/** Svelte 5 with no configuration; Angular with CUSTOM_ELEMENTS_SCHEMA and the model copied. */
export const SvelteAndAngular: StoryObj = {
  name: 'Svelte and Angular',
  render: () =>
    page(
      'Svelte 5 and Angular',
      html`Both take <code>&lt;digit-canvas&gt;</code> in their templates. Svelte 5 needs no
        configuration; Angular needs its custom-elements schema, and a copy of the model files. The
        apps are in the repository's <code>apps/docs/examples/</code> (<code>svelte/</code>,
        <code>angular/</code>); its <code>tests/bundlers</code> installs each from the packed
        packages, type-checks it, builds it for production and reads a digit drawn on it in
        Chromium.`,
      html`<h2>Svelte 5</h2>
        ${code(npmInstall(sveltePackage, { appHas: ['svelte'] }), 'sh')}
        <p>
          Svelte 5 sets a prop as a property when the element has one (<code>strings</code> gets its
          object) and listens with <code>ondigit-prediction</code>. The component imports the
          element first, so it is defined when Svelte sets its props.
        </p>
        <h3>src/App.svelte</h3>
        ${code(svelteApp, 'html')}
        <h3>tsconfig.json</h3>
        <p>
          In <code>compilerOptions</code>, the element's Svelte typings:
          <code>svelte-check</code> then rejects a misspelt prop, a value of the wrong type and a
          handler for another event.
        </p>
        ${code(lineOf(svelteTsconfig, '"types"', 'svelte/tsconfig.json'), 'json')}
        <h2>Angular</h2>
        ${code(npmInstall(angularPackage, { appHas: angular }), 'sh')}
        <p>
          A standalone component lists <code>CUSTOM_ELEMENTS_SCHEMA</code> in its
          <code>schemas</code>, so its template may hold a tag Angular does not know.
          <code>[strings]</code> sets the property, <code>(digit-prediction)</code> listens.
        </p>
        <h3>src/app.ts</h3>
        ${code(angularApp, 'ts')}
        <h3>angular.json</h3>
        <p>
          The Angular CLI's application builder does not emit the files that core names with
          <code>new URL(…, import.meta.url)</code>, which is how bundlers find the shipped models.
          So the build options copy them from the package to <code>model/</code>, and the template's
          <code>model-url</code> and <code>trajectory-model-url</code> point there:
        </p>
        ${code(blockOf(angularJson, '"assets"', 'angular/angular.json'), 'json')}
        <p>
          React: see <strong>Usage / React</strong>; Vue: <strong>Usage / Vue</strong>; SvelteKit
          and other server rendering: <strong>Usage / Server rendering</strong>.
        </p>`,
    ),
};
