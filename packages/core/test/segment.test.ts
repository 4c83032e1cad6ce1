import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readHeldOutUnipenPoints, unipenSkipReason } from '../../../scripts/unipen.mjs';
import { segmentDigits, type Stroke } from '../src/index.js';
import { crossedSeven, five, four, one, seven, writeNumber, zero } from './helpers/shapes.js';

describe('segmentDigits', () => {
  it('returns no digit for no strokes', () => {
    assert.deepEqual(segmentDigits([]), [], 'no strokes');
    assert.deepEqual(segmentDigits([[], []]), [], 'empty strokes');
  });

  it('keeps one digit of several strokes together', () => {
    for (const [name, d] of Object.entries({ four, five, crossedSeven })) {
      const groups = segmentDigits(writeNumber([d]));
      assert.equal(groups.length, 1, `${name}: one digit`);
      assert.equal(groups[0].length, d.length, `${name}: all its strokes`);
    }
  });

  it('splits a written number into digits, left to right, multi-stroke digits whole', () => {
    const digits = [one, four, five, crossedSeven, zero, seven];
    const written = writeNumber(digits);
    const groups = segmentDigits(written);
    assert.deepEqual(
      groups.map((g) => g.length),
      digits.map((d) => d.length),
      'stroke count per digit',
    );
    let k = 0;
    for (const g of groups)
      for (const stroke of g) assert.equal(stroke, written[k++], `stroke ${k - 1} in order`);
  });

  it('regroups bars drawn after the whole number (cross both 7s at the end)', () => {
    const [a, bar1] = writeNumber([crossedSeven, crossedSeven]).slice(0, 2);
    const [, , b, bar2] = writeNumber([crossedSeven, crossedSeven]);
    const groups = segmentDigits([a, b, bar1, bar2]);
    assert.deepEqual(
      groups,
      [
        [a, bar1],
        [b, bar2],
      ],
      'each bar with its 7, in drawing order',
    );
  });

  it('orders digits by position, not by drawing order', () => {
    const [o, z] = writeNumber([one, zero]);
    assert.deepEqual(segmentDigits([z, o]), [[o], [z]], 'the 1 on the left comes first');
  });

  it('validates its options', () => {
    assert.throws(() => segmentDigits([], { gapRatio: -1 }), {
      message: 'gapRatio must be in [0, 1], got -1.',
    });
    assert.throws(() => segmentDigits([], { overlapRatio: 2 }), {
      name: 'RangeError',
      message: 'overlapRatio must be in [0, 1], got 2.',
    });
  });

  it(
    'segments real two-stroke UNIPEN digits composed side by side',
    { skip: unipenSkipReason() },
    () => {
      const samples = readHeldOutUnipenPoints();
      const twoStroke = samples.filter((s) => s.strokes.length === 2);
      const oneStroke = samples.filter((s) => s.strokes.length === 1);
      // Whole two-stroke digits alone: how often the two strokes stay one digit.
      const kept = twoStroke.filter((s) => segmentDigits(s.strokes).length === 1).length;
      // Numbers of three digits (at least one multi-stroke) written side by side, 0.15 × height apart.
      let seed = 7;
      const pick = <T>(list: T[]): T => list[(seed = (seed * 16807) % 2147483647) % list.length];
      let exact = 0;
      const trials = 500;
      for (let t = 0; t < trials; t++) {
        const digits: Stroke[][] = [
          pick(twoStroke).strokes,
          pick(oneStroke).strokes,
          pick(twoStroke).strokes,
        ];
        const groups = segmentDigits(writeNumber(digits, 100, 0.15));
        if (groups.length === 3 && groups.every((g, i) => g.length === digits[i].length)) exact++;
      }
      const figures = {
        twoStrokeDigits: twoStroke.length,
        keptWhole: +(kept / twoStroke.length).toFixed(4),
        threeDigitNumbers: trials,
        segmentedExactly: +(exact / trials).toFixed(4),
      };
      console.log(JSON.stringify({ check: 'segmentDigits on UNIPEN', ...figures }));
      // The held-out writers give 96.9% and 94.2% (all 268 writers gave more than 97% and 95%,
      // on which the defaults were chosen): these floors catch a regression, they are no target.
      assert.ok(figures.keptWhole > 0.96, `two-stroke digits kept whole: ${figures.keptWhole}`);
      assert.ok(
        figures.segmentedExactly > 0.93,
        `numbers segmented exactly: ${figures.segmentedExactly}`,
      );
    },
  );
});
