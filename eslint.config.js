// @ts-check
import { readFileSync } from 'node:fs';

import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import compat from 'eslint-plugin-compat';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import { noTypeCycle } from './scripts/eslint-no-type-cycle.mjs';

// The supported browsers are the `browserslist` field of packages/core/package.json and
// packages/element/package.json (published, so that users' tools read them too). The two must
// not drift apart: a difference stops the lint here rather than leaving one package linted
// against another list.
const browserslistOf = (/** @type {string} */ dir) =>
  JSON.stringify(
    JSON.parse(readFileSync(new URL(`${dir}/package.json`, import.meta.url), 'utf8')).browserslist,
  );
if (browserslistOf('packages/core') !== browserslistOf('packages/element')) {
  throw new Error(
    'packages/core and packages/element must have the same `browserslist` field in package.json.',
  );
}

// Resolves imports for the import rules: `./x.js` written in a TS source is `./x.ts`.
const resolver = createTypeScriptImportResolver({ alwaysTryTypes: true });

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/storybook-static/**',
      '**/.turbo/**',
      'packages/core/model/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // `.only` left in a test silently skips the rest of the suite.
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'Remove .only before committing.' },
        { object: 'describe', property: 'only', message: 'Remove .only before committing.' },
        { object: 'test', property: 'only', message: 'Remove .only before committing.' },
      ],
    },
  },
  {
    // Imports (the style guide's lint rules: sorted imports, `import/extensions: always`; and
    // no import cycles). The TypeScript resolver maps the `./x.js` that TS sources write
    // to `./x.ts`, so that every rule below follows imports between TS files as the build does.
    plugins: { 'import-x': importX, local: { rules: { 'no-type-cycle': noTypeCycle(resolver) } } },
    settings: {
      'import-x/resolver-next': [resolver],
      // The files the import rules read (their default is JavaScript's alone, so that without
      // this no-cycle would not follow an import into a TS file and find no cycle there).
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
      // The workspace packages are their own group, between external packages and relative
      // imports, whether they resolve through node_modules' links or not.
      'import-x/internal-regex': '^@digit-canvas/',
      // Built output mirrors src/, which is what is checked: no-cycle does not read it.
      'import-x/ignore': ['[\\\\/]dist[\\\\/]'],
    },
    rules: {
      // No import cycles. Dynamic `import()` counts: a module loaded later that imports its
      // loader back is still a cycle. External packages are not followed…
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // …but import-x/no-cycle skips type-only imports, and both cycles the issue named were
      // made of `import type`: this rule reports those (scripts/eslint-no-type-cycle.mjs).
      'local/no-type-cycle': 'error',
      // Groups, with a blank line between them: Node built-ins, external packages, the
      // workspace's `@digit-canvas/*`, then parent and sibling modules together (styles last,
      // apart); each group sorted by path. Side-effect imports (`import './x.js'`) stay where
      // they are, as their order may matter.
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          pathGroups: [{ pattern: './*.css.js', group: 'sibling', position: 'after' }],
          'newlines-between': 'always',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      // Relative imports name the file that runs, `./x.js` (the built file) in TS sources, as
      // browsers and Node's ESM loader need; type-only imports too. Packages resolve through
      // their `exports`, so a bare package name needs none.
      'import-x/extensions': ['error', 'ignorePackages', { checkTypeImports: true }],
    },
  },
  {
    // The framework examples are the files users copy into an Angular or Vite app, whose
    // convention is extension-less relative imports (`./App` for App.tsx).
    files: ['apps/docs/examples/**'],
    rules: { 'import-x/extensions': 'off' },
  },
  {
    // Code that ships to browsers is linted against MDN's browser-compat-data (as eslint-plugin-
    // compat bundles it) for the browsers in the nearest package.json's `browserslist` (see
    // above). Not tests, benchmarks, scripts, stories or config files, and not the trainer (Node
    // only). Core also runs in Node: its `engines` field says which, and its tests run there.
    //
    // An API outside the list needs a feature test, as in packages/element/src/idle.ts:
    // `if (typeof requestIdleCallback === 'function') { …use it… }`. The plugin accepts any use
    // inside an `if` statement (whatever its condition, so keep the guard honest); a use after
    // an early return or in a `? :` / `&&` guard is still reported.
    ...compat.configs['flat/recommended'],
    files: [
      'packages/core/src/**/*.ts',
      'packages/element/src/**/*.ts',
      'packages/element/{digit-canvas,index,bundle}.ts',
    ],
    settings: {
      // ES built-ins too, not only Web APIs: the build (TypeScript to ES2022, no Babel, no
      // core-js) polyfills nothing. The plugin would infer this from the absence of a Babel
      // config; saying it here keeps it so if one appears. It matches an instance method only
      // through the name of the variable it is called on (no type information), so
      // `lib: ["ES2022", ...]` in tsconfig.base.json remains the check for those (Safari 16.4
      // has all of ES2022's built-ins).
      lintAllEsApis: true,
    },
  },
);
