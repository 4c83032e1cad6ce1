// fuseViews and toPrediction: how the CNN's and the trajectory model's probabilities become one
// answer, and which view it is said to come from. Plain arrays, no model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { fuseViews, toPrediction } from '../src/index.js';
import { emptyPrediction } from '../src/postprocess.js';

/** Ten probabilities: `share` on each listed digit, the rest spread evenly over the others. */
function probabilities(shares: Record<number, number>): number[] {
  const given = Object.values(shares).reduce((a, b) => a + b, 0);
  const rest = (1 - given) / (10 - Object.keys(shares).length);
  return Array.from({ length: 10 }, (_, k) => shares[k] ?? rest);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const input = new Float32Array(784);

describe('fuseViews', () => {
  it('is the normalised product of the two views', () => {
    const image = probabilities({ 3: 0.6, 5: 0.3 });
    const trajectory = probabilities({ 3: 0.2, 5: 0.7 });
    const fused = fuseViews(image, trajectory);
    const product = image.map((p, i) => (p + 1e-6) * (trajectory[i] + 1e-6));
    const total = sum(product);
    fused.forEach((p, i) => {
      assert.ok(Math.abs(p - product[i] / total) < 1e-12, `digit ${i}: ${p}`);
    });
    assert.ok(Math.abs(sum(fused) - 1) < 1e-12, `sums to 1: ${sum(fused)}`);
    // 0.6 · 0.2 = 0.12 against 0.3 · 0.7 = 0.21: the trajectory's 5 wins.
    assert.equal(fused.indexOf(Math.max(...fused)), 5, 'the larger product wins');
  });

  it('agrees with both views when they agree, and is surer than either', () => {
    const image = probabilities({ 7: 0.8 });
    const trajectory = probabilities({ 7: 0.7 });
    const fused = fuseViews(image, trajectory);
    assert.equal(fused.indexOf(Math.max(...fused)), 7, 'digit 7');
    assert.ok(fused[7] > 0.8, `surer than either view: ${fused[7]}`);
  });

  it('does not let a hard zero in one view veto the other', () => {
    // The CNN rules 4 out completely; the pen path is all but certain it is a 4.
    const image = probabilities({ 9: 0.6, 4: 0 });
    const trajectory = probabilities({ 4: 0.999999 });
    const fused = fuseViews(image, trajectory);
    assert.ok(fused.every(Number.isFinite), `all finite: ${fused}`);
    assert.ok(fused[4] > 0, `4 keeps some probability: ${fused[4]}`);
    assert.ok(Math.abs(sum(fused) - 1) < 1e-12, `sums to 1: ${sum(fused)}`);
    // Zeros on both sides: the floor still gives a distribution, not 0 / 0.
    const zeros = new Array<number>(10).fill(0);
    const both = fuseViews(zeros, zeros);
    assert.ok(
      both.every((p) => Math.abs(p - 0.1) < 1e-12),
      `uniform when both are 0: ${both}`,
    );
  });

  it('takes Float32Arrays as the models output them, and returns 10 numbers', () => {
    const fused = fuseViews(
      Float32Array.from(probabilities({ 2: 0.9 })),
      Float32Array.from(probabilities({ 2: 0.5 })),
    );
    assert.ok(Array.isArray(fused), 'a plain array');
    assert.equal(fused.length, 10, '10 values');
    assert.ok(Math.abs(sum(fused) - 1) < 1e-9, `sums to 1: ${sum(fused)}`);
  });
});

describe('toPrediction with two views', () => {
  const cases: [string, number[], number[], number, string][] = [
    ['both say 3', probabilities({ 3: 0.6 }), probabilities({ 3: 0.9 }), 3, 'both'],
    [
      'the pen path outweighs',
      probabilities({ 3: 0.5 }),
      probabilities({ 5: 0.95 }),
      5,
      'trajectory',
    ],
    ['the image outweighs', probabilities({ 3: 0.95 }), probabilities({ 5: 0.5 }), 3, 'image'],
    // Each view's second choice, 8, is the best compromise: neither view's first choice decided.
    [
      'neither first choice',
      probabilities({ 3: 0.5, 8: 0.45 }),
      probabilities({ 5: 0.5, 8: 0.45 }),
      8,
      'both',
    ],
  ];
  for (const [what, image, trajectory, digit, decidedBy] of cases) {
    it(`${what}: digit ${digit}, decided by ${decidedBy}`, () => {
      const p = toPrediction(image, input, 0, 1, trajectory);
      assert.equal(p.digit, digit, 'digit');
      assert.equal(p.decidedBy, decidedBy, 'decidedBy');
      assert.deepEqual(p.probabilities, fuseViews(image, trajectory), 'fused probabilities');
      assert.deepEqual(p.views, { image, trajectory }, "each view's own probabilities");
      assert.equal(p.confidence, p.probabilities[digit], "confidence is the answer's");
    });
  }

  it('is the image alone without a trajectory view', () => {
    const image = probabilities({ 6: 0.7 });
    const p = toPrediction(Float32Array.from(image), input, 0, 1);
    assert.equal(p.digit, 6, 'digit');
    assert.equal(p.decidedBy, 'image', 'decided by the image');
    assert.equal(p.views.trajectory, null, 'no trajectory view');
    assert.deepEqual(p.probabilities, p.views.image, 'the probabilities are the image view');
  });

  it('applies minConfidence to the fused confidence', () => {
    const image = probabilities({ 3: 0.5 });
    const trajectory = probabilities({ 3: 0.5 });
    const fused = fuseViews(image, trajectory)[3];
    assert.ok(fused > 0.85, `the views together are sure: ${fused}`);
    assert.equal(toPrediction(image, input, 0.85, 1, trajectory).digit, 3, 'sure when fused');
    assert.equal(toPrediction(image, input, 0.85, 1).digit, null, 'not sure from the image alone');
  });

  it('decides nothing for an empty input', () => {
    const p = emptyPrediction(input, 0);
    assert.equal(p.decidedBy, null, 'decidedBy null');
    assert.deepEqual(p.views, { image: new Array(10).fill(0), trajectory: null }, 'views');
  });
});
