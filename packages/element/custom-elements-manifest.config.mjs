// The manifest is the element's public API for editors, Storybook and other tools: private
// and protected members (`#state`, lifecycle overrides) are implementation, so they are left out.
// Its paths are the published JavaScript modules (dist/), not the TypeScript sources, which the
// package does not ship.

// The callbacks the browser calls on a form-associated element: part of the platform contract,
// like connectedCallback (which the analyzer already drops), not API for the page.
const CALLBACKS = new Set([
  'formAssociatedCallback',
  'formResetCallback',
  'formDisabledCallback',
  'formStateRestoreCallback',
]);

function isPublic(member) {
  return (
    !member.name.startsWith('#') &&
    !['private', 'protected'].includes(member.privacy) &&
    !CALLBACKS.has(member.name)
  );
}

// The published entry points, by source. Everything under src/ is bundled into
// dist/internal/*.js, whose export names are minified, so its declarations are listed under the
// first entry that exports them by name.
const ENTRIES = [
  ['index.ts', 'dist/index.js'],
  ['digit-canvas.ts', 'dist/digit-canvas.js'],
];

/** Rewrites the analyzed source modules into the published modules that export them. */
function toPublishedModules(manifest) {
  const declared = new Map();
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) declared.set(declaration.name, declaration);
  }
  const home = new Map(); // declaration name -> the published module listing it
  manifest.modules = ENTRIES.map(([source, path]) => {
    const entry = manifest.modules.find((mod) => mod.path === source);
    if (!entry) throw new Error(`custom-elements-manifest: ${source} was not analyzed`);
    // Only values: type-only exports (interfaces, `export type *`) have no declaration, and
    // nothing of them exists in the JavaScript.
    const exports = (entry.exports ?? []).filter((e) => declared.has(e.declaration.name));
    const declarations = [];
    for (const { declaration } of exports) {
      if (home.has(declaration.name)) continue;
      home.set(declaration.name, path);
      declarations.push(declared.get(declaration.name));
    }
    return {
      kind: 'javascript-module',
      path,
      declarations,
      exports: exports.map((e) => ({
        ...e,
        declaration: { name: e.declaration.name, module: home.get(e.declaration.name) },
      })),
    };
  });
}

import { generateJsxTypes } from 'custom-element-jsx-integration';

// The detail type of each event the element fires, as exported by dist/index.d.ts. The typings
// generators write `CustomEvent<type>` from an event's type, so they are given the detail.
const EVENT_DETAILS = {
  'digit-prediction': 'DigitPredictionDetail',
  'digit-error': 'DigitErrorDetail',
  'digit-ready': 'DigitReadyDetail',
  'digit-clear': 'undefined',
};

/**
 * The manifest as the typings generators should read it: only what a template can set (no
 * read-only fields such as `value` or `validity`), and only the element's own events, each with
 * its detail type (`input` and `change` are the platform's, which every framework types).
 */
function forTypings(manifest) {
  const copy = structuredClone(manifest);
  for (const declaration of copy.modules.flatMap((mod) => mod.declarations ?? [])) {
    if (!declaration.customElement) continue;
    declaration.members = declaration.members?.filter((member) => !member.readonly);
    declaration.events = declaration.events
      ?.filter((event) => event.name in EVENT_DETAILS)
      .map((event) => ({ ...event, type: { text: EVENT_DETAILS[event.name] } }));
    const missing = Object.keys(EVENT_DETAILS).filter(
      (name) => !declaration.events?.some((event) => event.name === name),
    );
    if (missing.length) throw new Error(`custom-elements-manifest: no @fires for ${missing}`);
  }
  return copy;
}

/**
 * The element's props for JSX, generated from the manifest into dist/jsx.d.ts, with its types
 * taken from the published declarations (dist/index.d.ts). React 19 uses them as they are;
 * types/vue.d.ts and types/svelte.d.ts map the same props to Vue's and Svelte 5's names.
 */
function writeFrameworkTypings(manifest) {
  generateJsxTypes(forTypings(manifest), {
    outdir: './dist',
    fileName: 'jsx.d.ts',
    globalTypePath: './index.js',
    hideLogs: true,
  });
}

export default {
  globs: ['index.ts', 'digit-canvas.ts', 'src/**/*.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-in-published-modules',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.members) declaration.members = declaration.members.filter(isPublic);
          }
        }
        toPublishedModules(customElementsManifest);
      },
    },
    {
      name: 'framework-typings',
      packageLinkPhase({ customElementsManifest }) {
        writeFrameworkTypings(customElementsManifest);
      },
    },
  ],
};
