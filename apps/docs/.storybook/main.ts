import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { StorybookConfig } from '@storybook/web-components-vite';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

// The shipped model is served from the site itself, so the element's model-url works in the
// built, offline Storybook. Storybook refuses a static dir that does not exist, and the model
// only exists once the trainer has exported it: serve it when it is there.
const modelDir = resolve(repoRoot, 'packages/core/model');
// Core looks for the wasm backend's binaries next to model.json, so the Playground's "wasm"
// backend needs them in /model too: tfjs-backend-wasm's wasm-out/ folder holds just those files.
const wasmMain = createRequire(resolve(repoRoot, 'packages/core/package.json')).resolve(
  '@tensorflow/tfjs-backend-wasm',
);
const wasmDir = resolve(dirname(wasmMain), '../wasm-out');
// The element's single-file bundle, for the "one script tag" usage page.
const elementDist = resolve(repoRoot, 'packages/element/dist');

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts', '../../../packages/*/stories/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
  // Storybook's own "Get started" checklist ("Add 20 stories"…) is for people building a
  // Storybook, not for readers of these docs.
  features: { sidebarOnboardingChecklist: false },
  staticDirs: [
    ...(existsSync(modelDir) ? [{ from: modelDir, to: '/model' }] : []),
    { from: wasmDir, to: '/model' },
    ...(existsSync(elementDist) ? [{ from: elementDist, to: '/element' }] : []),
    // The usage pages' examples, live: the plain HTML page runs in an iframe.
    { from: resolve(here, '../examples'), to: '/examples' },
  ],
};

export default config;
