import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Recognizer } from '@digit-canvas/core';

import { loadMnist } from '../src/data/mnist.js';

// The accuracy gate: the model that @digit-canvas/core ships, loaded by core's own Recognizer
// (the code users run), must classify the 10,000 MNIST test images at 99.5% or better.
const GATE = 0.995;

describe('the shipped model', () => {
  it(`scores at least ${100 * GATE}% on all 10,000 MNIST test images through core's Recognizer`, async () => {
    const recognizer = await Recognizer.load({ backend: 'wasm', minConfidence: 0 });
    const { test } = await loadMnist();
    let correct = 0;
    for (let start = 0; start < test.count; start += 1000) {
      const inputs = Array.from({ length: Math.min(1000, test.count - start) }, (_, i) =>
        Float32Array.from(
          test.images.subarray((start + i) * 784, (start + i + 1) * 784),
          (v) => v / 255,
        ),
      );
      const predictions = await recognizer.predictBatch(inputs);
      predictions.forEach((p, i) => {
        const best = p.probabilities.indexOf(Math.max(...p.probabilities));
        if (best === test.labels[start + i]) correct++;
      });
    }
    recognizer.dispose();
    const accuracy = correct / test.count;
    assert.ok(
      accuracy >= GATE,
      `MNIST test accuracy ${(100 * accuracy).toFixed(2)}% is below the ${100 * GATE}% gate`,
    );
  });
});
