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
  ],
};
