import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { augmentBatch, NO_AUGMENT, toFloatBatch } from '../src/data/augment.js';
import { loadMnist, type MnistSplit } from '../src/data/mnist.js';
import { Random } from '../src/random.js';

const sum = (a: ArrayLike<number>) =>
  Array.prototype.reduce.call(a, (s: number, v: number) => s + v, 0) as number;

function centreOfMass(img: Float32Array): [number, number] {
  let m = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < 784; i++) {
    m += img[i]!;
    x += img[i]! * (i % 28);
    y += img[i]! * Math.floor(i / 28);
  }
  return [x / m, y / m];
}

describe('augmentation', () => {
  let train: MnistSplit;
  const idx = Uint32Array.from({ length: 50 }, (_, i) => i);
  before(async () => {
    train = (await loadMnist()).train;
  });

  it('without distortion returns the images scaled to [0, 1]', () => {
    const plain = augmentBatch(train.images, idx, new Random(1), NO_AUGMENT);
    assert.deepEqual(plain, toFloatBatch(train.images, idx));
  });

  it('is deterministic for a seed and different for another', () => {
    const a = augmentBatch(train.images, idx, new Random(4));
    const b = augmentBatch(train.images, idx, new Random(4));
    const c = augmentBatch(train.images, idx, new Random(5));
    assert.deepEqual(a, b, 'same seed');
    assert.notDeepEqual(a, c, 'other seed');
    assert.ok(
      a.every((v) => v >= 0 && v <= 1),
      'ink stays in [0, 1]',
    );
  });

  it('thickens and thins strokes with the 3×3 max / min filters', () => {
    const plain = sum(toFloatBatch(train.images, idx));
    const thick = sum(
      augmentBatch(train.images, idx, new Random(1), { ...NO_AUGMENT, thicken: 1 }),
    );
    const thin = sum(augmentBatch(train.images, idx, new Random(1), { ...NO_AUGMENT, thin: 1 }));
    assert.ok(thick > 1.5 * plain, `thickened ink ${thick} vs ${plain}`);
    assert.ok(thin < 0.6 * plain, `thinned ink ${thin} vs ${plain}`);
  });

  it('rotates and shears about the centre, keeping the ink and the digit in place', () => {
    const rng = new Random(2);
    const plain = toFloatBatch(train.images, idx);
    const warped = augmentBatch(train.images, idx, rng, {
      ...NO_AUGMENT,
      rotation: 15,
      shear: 0.3,
    });
    for (let i = 0; i < idx.length; i++) {
      const a = plain.subarray(i * 784, (i + 1) * 784);
      const b = warped.subarray(i * 784, (i + 1) * 784);
      const ratio = sum(b) / sum(a);
      assert.ok(ratio > 0.85 && ratio < 1.15, `image ${i}: ink ratio ${ratio}`);
      const [ax, ay] = centreOfMass(a);
      const [bx, by] = centreOfMass(b);
      assert.ok(
        Math.hypot(ax - bx, ay - by) < 1.5,
        `image ${i}: centre of mass moved ${Math.hypot(ax - bx, ay - by)} px`,
      );
    }
  });

  it('translates by at most the configured fraction of the side', () => {
    const plain = toFloatBatch(train.images, idx);
    const moved = augmentBatch(train.images, idx, new Random(3), {
      ...NO_AUGMENT,
      translate: 0.12,
    });
    let largest = 0;
    for (let i = 0; i < idx.length; i++) {
      const [ax, ay] = centreOfMass(plain.subarray(i * 784, (i + 1) * 784));
      const [bx, by] = centreOfMass(moved.subarray(i * 784, (i + 1) * 784));
      largest = Math.max(largest, Math.abs(bx - ax), Math.abs(by - ay));
    }
    assert.ok(largest <= 0.12 * 28 + 0.5, `largest shift ${largest} px`);
    assert.ok(largest > 1, `some image moved (largest shift ${largest} px)`);
  });
});
