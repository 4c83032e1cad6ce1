// Stroke-level augmentation: what it changes in a pen-drawn digit, and that it stays seeded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { preprocessStrokes } from '@digit-canvas/core';

import { augmentBatch, DEFAULT_AUGMENT } from '../src/data/augment.js';
import {
  augmentStrokes,
  DEFAULT_STROKE_AUGMENT,
  renderAugmentedStrokes,
} from '../src/data/stroke-augment.js';
import type { UnipenSample } from '../src/data/unipen.js';
import { Random } from '../src/random.js';
import { NO_STROKE_DISTORTION } from './unipen-fixtures.js';

const seven: UnipenSample = {
  label: 7,
  writer: 'w',
  strokes: [
    Array.from({ length: 13 }, (_, i) => ({ x: i * 5, y: 0 })).concat(
      Array.from({ length: 12 }, (_, i) => ({ x: 60 - i * 3, y: (i + 1) * 8 })),
    ),
    [
      { x: 15, y: 50 },
      { x: 45, y: 50 },
    ],
  ],
};

describe('augmentStrokes', () => {
  it('with no distortion draws the digit exactly as preprocessStrokes does', () => {
    const same = augmentStrokes(seven, new Random(1), NO_STROKE_DISTORTION);
    assert.deepEqual(
      Array.from(preprocessStrokes(same)),
      Array.from(preprocessStrokes(seven.strokes)),
      'only moved (preprocessStrokes places every digit itself)',
    );
  });

  it('resamples coarsely, keeping both ends of every stroke', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = augmentStrokes(seven, new Random(seed), {
        ...NO_STROKE_DISTORTION,
        resampleStep: 4,
      });
      assert.equal(out.length, 2, 'the same strokes');
      const kept = out[0]!.length;
      // Every k-th of 25 points (k in 1..4), the last among them: 25, 13, 9 or 7 points.
      assert.ok([25, 13, 9, 7].includes(kept), `seed ${seed}: ${kept} points`);
      assert.equal(out[1]!.length, 2, 'a two-point bar keeps both points');
    }
  });

  it('distorts within its ranges and is the same for the same seed', () => {
    const a = augmentStrokes(seven, new Random(5), DEFAULT_STROKE_AUGMENT);
    const b = augmentStrokes(seven, new Random(5), DEFAULT_STROKE_AUGMENT);
    assert.deepEqual(a, b, 'seeded');
    assert.notDeepEqual(a, augmentStrokes(seven, new Random(6), DEFAULT_STROKE_AUGMENT));
  });
});

describe('renderAugmentedStrokes', () => {
  it('draws each digit into MNIST bytes, afresh for each seed', () => {
    const samples = [seven, seven];
    const first = new Uint8Array(2 * 784);
    const again = new Uint8Array(2 * 784);
    const other = new Uint8Array(2 * 784);
    renderAugmentedStrokes(samples, new Random(3), first);
    renderAugmentedStrokes(samples, new Random(3), again);
    renderAugmentedStrokes(samples, new Random(4), other);
    assert.deepEqual(first, again, 'the same seed draws the same digits');
    assert.notDeepEqual(first, other, 'another seed, other distortions');
    assert.notDeepEqual(first.subarray(0, 784), first.subarray(784), 'each digit its own');
    assert.ok(
      Math.max(...first) === 255 && first.some((v) => v > 0 && v < 255),
      'ink, anti-aliased',
    );
  });

  it('leaves drawn digits to the training batch as they are (no second distortion)', () => {
    const images = new Uint8Array(2 * 784);
    renderAugmentedStrokes([seven], new Random(3), images.subarray(784));
    images.fill(200, 0, 784); // an "MNIST" image before them
    const batch = augmentBatch(images, [1, 0], new Random(1), DEFAULT_AUGMENT, 1);
    assert.deepEqual(
      Array.from(batch.subarray(0, 784)),
      Array.from(Float32Array.from(images.subarray(784), (v) => v / 255)),
      'index 1 ≥ plainFrom: copied',
    );
    assert.notDeepEqual(
      Array.from(batch.subarray(784)),
      Array.from(Float32Array.from(images.subarray(0, 784), (v) => v / 255)),
      'index 0 < plainFrom: augmented',
    );
  });
});
