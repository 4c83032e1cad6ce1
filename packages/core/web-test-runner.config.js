// Browser tests of core, in Chromium, Firefox and WebKit (scripts/browsers.mjs): the preprocessing gives the same arrays as in Node, and the
// Recognizer loads a model over http and predicts in the browser.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { esbuildPlugin } from '@web/dev-server-esbuild';

import { launchers } from '../../scripts/browsers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const require = createRequire(import.meta.url);

/** Browser path (from the served root) of a file on disk. */
const served = (file) => '/' + relative(repoRoot, file).split('\\').join('/');
const tfjsDist = (name) => join(dirname(require.resolve(`${name}/package.json`)), 'dist');

// tfjs's ESM entries pull in CommonJS that a browser cannot load unbundled; its self-contained
// dist/*.fesm.js builds load as they are, given stand-ins for what they import for Node.
const fesm = {
  '@tensorflow/tfjs-core': 'tf-core.fesm.js',
  '@tensorflow/tfjs-layers': 'tf-layers.fesm.js',
  '@tensorflow/tfjs-backend-cpu': 'tf-backend-cpu.fesm.js',
  '@tensorflow/tfjs-backend-wasm': 'tf-backend-wasm.fesm.js',
  '@tensorflow/tfjs-backend-webgl': 'tf-backend-webgl.fesm.js',
};
const builtin = served(join(here, 'test/browser/shims/node-builtin.js'));
const shims = {
  seedrandom: served(join(here, 'test/browser/shims/seedrandom.js')),
  ...Object.fromEntries(
    ['fs', 'path', 'os', 'perf_hooks', 'worker_threads', 'crypto', 'util'].map((m) => [m, builtin]),
  ),
};
const tfjsInBrowser = {
  name: 'tfjs-fesm',
  resolveImport({ source }) {
    if (fesm[source]) return served(join(tfjsDist(source), fesm[source]));
    return shims[source];
  },
};

// A tiny model built here, at test setup (constant output: digit 3), served over http so the
// browser exercises the Recognizer's real http load path. No real weights, no network.
async function writeTinyModel() {
  const dir = mkdtempSync(join(tmpdir(), 'digit-canvas-browser-model-'));
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [28, 28, 1] }),
      tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'zeros' }),
    ],
  });
  const bias = tf.tensor1d([0, 0, 0, 3, 0, 0, 0, 0, 0, 0]);
  model.layers[1].setWeights([model.layers[1].getWeights()[0], bias]);
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(artifacts.weightData));
      const manifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }];
      const json = {
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: manifest,
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return dir;
}
const modelDir = await writeTinyModel();
process.on('exit', () => rmSync(modelDir, { recursive: true, force: true }));
const tinyModel = {
  name: 'tiny-model',
  serve(context) {
    const match = /^\/__tiny-model__\/(model\.json|weights\.bin)$/.exec(context.path);
    if (!match) return undefined;
    const body = readFileSync(join(modelDir, match[1]));
    return match[1] === 'model.json'
      ? { body: body.toString('utf8'), type: 'json' }
      : { body, type: 'application/octet-stream' };
  },
};

export default {
  // The repo root, so the served paths look like the package's place in the repo.
  rootDir: repoRoot,
  files: [join(here, 'test/browser/**/*.test.ts')],
  plugins: [
    tfjsInBrowser,
    tinyModel,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(here, 'tsconfig.json') }),
  ],
  testRunnerHtml: (testFramework) =>
    `<html><head><script>window.__WASM_DIR__ = ${JSON.stringify(served(tfjsDist('@tensorflow/tfjs-backend-wasm')) + '/')};</script></head>` +
    `<body><script type="module" src="${testFramework}"></script></body></html>`,
  browsers: await launchers(),
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
};
