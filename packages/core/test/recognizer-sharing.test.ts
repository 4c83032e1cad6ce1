// Recognizers of one model share it: loads and disposes in any order never hand out a freed
// model, and once every recognizer is disposed it is freed, so the next load reads the files
// anew. On both engines: core's own kernels (cpu) and TensorFlow.js (wasm).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';

import * as tf from '@tensorflow/tfjs-core';

import { type Prediction, Recognizer } from '../src/index.js';
import { seven } from './helpers/shapes.js';
import { constantModel, constantTrajectoryModel, saveToTempDir } from './helpers/tiny-model.js';

/** Ten logits, 0 but 3 for `digit`. */
function favour(digit: number): number[] {
  return Array.from({ length: 10 }, (_, k) => (k === digit ? 3 : 0));
}

/** A real answer: ten probabilities summing to 1, `digit` the first. */
function assertReads(p: Prediction, digit: number, what: string): void {
  assert.equal(p.probabilities.length, 10, `${what}: ten probabilities`);
  const total = p.probabilities.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-5, `${what}: probabilities sum to ${total}`);
  assert.equal(p.digit, digit, `${what}: digit`);
}

/** Puts the weights of `fromPath`'s model in place of `toPath`'s (same layers, other bias). */
function replaceWeights(fromPath: string, toPath: string): void {
  copyFileSync(join(dirname(fromPath), 'weights.bin'), join(dirname(toPath), 'weights.bin'));
}

/** Copies a saved model (model.json and its weights.bin) to `toPath`, a model.json path. */
function copyModel(fromPath: string, toPath: string): void {
  mkdirSync(dirname(toPath), { recursive: true });
  copyFileSync(fromPath, toPath);
  replaceWeights(fromPath, toPath);
}

const engines = [
  { backend: 'cpu', engine: 'js' },
  { backend: 'wasm', engine: 'tfjs' },
] as const;

for (const { backend, engine } of engines) {
  describe(`Recognizers sharing a model on ${backend} (${engine})`, () => {
    it('a load pending while the last other recognizer is disposed gets a live model', async () => {
      const start = tf.memory().numTensors;
      const first = await Recognizer.load({ backend });
      const pending = Recognizer.load({ backend });
      first.dispose();
      const second = await pending;
      assert.equal(second.engine, engine, 'engine');
      // The shipped models read the synthetic 7, each view and both fused.
      const p = await second.predict(seven);
      assertReads(p, 7, 'the shipped model');
      assert.equal(p.decidedBy, 'both', 'both views read the 7');
      second.dispose();
      assert.equal(tf.memory().numTensors, start, 'the model is freed with its last recognizer');
    });

    it('keeps the model while one recognizer or load holds it, in any order', async () => {
      const start = tf.memory().numTensors;
      const three = await saveToTempDir(constantModel(favour(3)));
      const five = await saveToTempDir(constantModel(favour(5)));
      const config = { modelUrl: three, backend };
      // Two loads in flight from cold, the first disposed as soon as it resolves.
      const [a, b] = [Recognizer.load(config), Recognizer.load(config)];
      (await a).dispose();
      const second = await b;
      assertReads(await second.predict(seven), 3, 'loaded beside a disposed one');
      // A load in flight while the last recognizer is disposed, twice.
      const pending = Recognizer.load(config);
      second.dispose();
      second.dispose();
      // Only a load of its own would read the file now.
      replaceWeights(five, three);
      const third = await pending;
      const fourth = await Recognizer.load(config);
      assertReads(await third.predict(seven), 3, 'the load in flight shares the loaded model');
      assertReads(await fourth.predict(seven), 3, 'a later load shares it too');
      third.dispose();
      assertReads(await fourth.predict(seven), 3, 'the last recognizer still reads');
      fourth.dispose();
      // TensorFlow.js frees its tensors; core's kernels hold none, and drop the model from the cache.
      assert.equal(tf.memory().numTensors, start, 'freed with the last recognizer');
      const fresh = await Recognizer.load(config);
      assertReads(await fresh.predict(seven), 5, 'once freed, the next load reads the file anew');
      fresh.dispose();
      assert.equal(tf.memory().numTensors, start, 'back to the start');
    });

    it('counts no user for a load that failed', async () => {
      const start = tf.memory().numTensors;
      const path = await saveToTempDir(constantModel(favour(3)));
      const five = await saveToTempDir(constantModel(favour(5)));
      const weights = join(dirname(path), 'weights.bin');
      rmSync(weights);
      const config = { modelUrl: path, backend };
      const failed = [Recognizer.load(config), Recognizer.load(config)];
      for (const load of failed) await assert.rejects(load, /weight file .* cannot be read/);
      replaceWeights(five, path);
      const r = await Recognizer.load(config);
      assertReads(await r.predict(seven), 5, 'loaded once the file is there');
      r.dispose();
      assert.equal(tf.memory().numTensors, start, 'freed with its one recognizer');
      replaceWeights(await saveToTempDir(constantModel(favour(3))), path);
      const again = await Recognizer.load(config);
      assertReads(await again.predict(seven), 3, 'the failed loads kept nothing alive');
      again.dispose();
    });
  });
}

describe('the model cache', () => {
  it('keeps one model per backend and pair of URLs, whatever characters the paths hold', async () => {
    const dir = dirname(await saveToTempDir(constantModel(favour(0))));
    const trajectory = await saveToTempDir(constantTrajectoryModel(favour(3)));
    // Two pairs whose URLs, joined with a space, read the same.
    const pairs = [
      { modelUrl: join(dir, 'a.json'), trajectoryModelUrl: `${dir}/b ${dir}/t/c.json` },
      { modelUrl: `${dir}/a.json ${dir}/b`, trajectoryModelUrl: join(dir, 't', 'c.json') },
    ];
    copyModel(await saveToTempDir(constantModel(favour(3))), pairs[0].modelUrl);
    copyModel(await saveToTempDir(constantModel(favour(5))), pairs[1].modelUrl);
    for (const pair of pairs) copyModel(trajectory, pair.trajectoryModelUrl);
    const [first, second] = [
      await Recognizer.load({ ...pairs[0], backend: 'cpu' }),
      await Recognizer.load({ ...pairs[1], backend: 'cpu' }),
    ];
    const top = (p: Prediction) => p.views.image.indexOf(Math.max(...p.views.image));
    assert.equal(top(await first.predict(seven)), 3, 'the first pair reads its own CNN');
    assert.equal(top(await second.predict(seven)), 5, 'the second pair reads its own CNN');
    first.dispose();
    second.dispose();
  });
});
