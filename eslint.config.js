// @ts-check
import { readFileSync } from 'node:fs';

import js from '@eslint/js';
import compat from 'eslint-plugin-compat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
