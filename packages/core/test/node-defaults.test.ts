// What a Node user gets with no options: the wasm backend (installed from npm alone, no native
// binary), the shipped model from disk, and no "install tfjs-node" banner from tfjs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  DEFAULT_MODEL_URL,
  DEFAULT_RECOGNIZER_CONFIG,
  DEFAULT_TRAJECTORY_MODEL_URL,
} from '../src/index.js';
import { defaultWeightUrls, shippedWeightUrls } from '../src/model-url.js';

const index = new URL('../src/index.ts', import.meta.url).href;

describe('in Node', () => {
  it('defaults to the wasm backend', () => {
    assert.equal(DEFAULT_RECOGNIZER_CONFIG.backend, 'wasm', 'default backend in Node');
  });

  it('loads the shipped model with no options and prints no tfjs banner', () => {
    // A process of its own: tfjs prints its banner once per process, on the first cpu tensor.
    const script = `
      import { Recognizer } from ${JSON.stringify(index)};
      const recognizer = await Recognizer.load();
      const seven = [[{ x: 10, y: 10 }, { x: 90, y: 12 }, { x: 40, y: 120 }]];
      const { digit, views } = await recognizer.predict(seven);
      const fused = views.trajectory !== null;
      console.log(JSON.stringify({ backend: recognizer.backend, digit, fused }));
      recognizer.dispose();`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    assert.equal(run.status, 0, `exit code; stderr: ${run.stderr}`);
    assert.deepEqual(
      JSON.parse(run.stdout.trim()),
      { backend: 'wasm', digit: 7, fused: true },
      'backend, answer, and both views read the strokes',
    );
    assert.doesNotMatch(
      run.stdout + run.stderr,
      /looks like you are running TensorFlow\.js in Node/,
      'no tfjs banner',
    );
  });
});

/** Checks that model-url.ts names each weight file the shipped `modelJsonUrl` lists, and that it exists. */
function assertWeightsReferenced(modelJsonUrl: string, referenced: Record<string, string>): void {
  const modelJson = JSON.parse(readFileSync(fileURLToPath(modelJsonUrl), 'utf8')) as {
    weightsManifest: { paths: string[] }[];
  };
  const listed = modelJson.weightsManifest.flatMap((group) => group.paths).sort();
  const name = modelJsonUrl.slice(modelJsonUrl.lastIndexOf('/') + 1);
  assert.deepEqual(
    Object.keys(referenced).sort(),
    listed,
    `model-url.ts names every weight file of ${name}`,
  );
  for (const [file, url] of Object.entries(referenced)) {
    assert.ok(existsSync(fileURLToPath(url)), `${file} exists at ${url}`);
  }
}

const trajectoryPath = fileURLToPath(DEFAULT_TRAJECTORY_MODEL_URL);

describe('the shipped model files', () => {
  it('are each referenced statically, so that bundlers emit every weight file', () => {
    assertWeightsReferenced(DEFAULT_MODEL_URL, defaultWeightUrls());
  });

  it('of the trajectory model are referenced statically too', (t) => {
    if (!existsSync(trajectoryPath)) {
      return t.skip(`no shipped trajectory model at ${trajectoryPath} yet (the trainer writes it)`);
    }
    assertWeightsReferenced(
      DEFAULT_TRAJECTORY_MODEL_URL,
      shippedWeightUrls(DEFAULT_TRAJECTORY_MODEL_URL) ?? {},
    );
  });
});
