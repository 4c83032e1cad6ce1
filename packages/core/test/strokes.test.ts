import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseStrokes, STROKE_LIMITS } from '../src/index.js';
import { strokeBounds } from '../src/strokes.js';

describe('parseStrokes', () => {
  it('accepts {x, y} points and keeps t and pressure', () => {
    const strokes = parseStrokes([
      [
        { x: 1, y: 2, t: 5, pressure: 0.5 },
        { x: 3, y: 4 },
      ],
    ]);
    assert.deepEqual(
      strokes,
      [
        [
          { x: 1, y: 2, t: 5, pressure: 0.5 },
          { x: 3, y: 4 },
        ],
      ],
      'parsed',
    );
  });

  it('accepts [x, y] pairs, as in the UNIPEN JSON', () => {
    assert.deepEqual(
      parseStrokes([
        [
          [0, 0],
          [10, 5],
        ],
        [[3, 3]],
      ]),
      [
        [
          { x: 0, y: 0 },
          { x: 10, y: 5 },
        ],
        [{ x: 3, y: 3 }],
      ],
    );
  });

  it('accepts an empty drawing and empty strokes', () => {
    assert.deepEqual(parseStrokes([]), [], 'no strokes');
    assert.deepEqual(parseStrokes([[]]), [[]], 'one empty stroke');
  });

  it('names the stroke and point of a NaN, an Infinity or a missing coordinate', () => {
    assert.throws(
      () =>
        parseStrokes([
          [{ x: 1, y: 1 }],
          [
            { x: 1, y: 1 },
            { x: NaN, y: 0 },
          ],
        ]),
      {
        name: 'TypeError',
        message: 'Stroke 1, point 1: x must be a finite number, got NaN.',
      },
    );
    assert.throws(() => parseStrokes([[[0, Infinity]]]), {
      message: 'Stroke 0, point 0: y must be a finite number, got Infinity.',
    });
    assert.throws(() => parseStrokes([[{ x: 1 }]]), {
      message: 'Stroke 0, point 0: y must be a finite number, got a value of type undefined.',
    });
    assert.throws(() => parseStrokes([[{ x: '1', y: 2 }]]), {
      message: 'Stroke 0, point 0: x must be a finite number, got the string "1".',
    });
    assert.throws(() => parseStrokes([[{ x: 1, y: 2, pressure: NaN }]]), {
      message: 'Stroke 0, point 0: pressure must be a finite number when given, got NaN.',
    });
  });

  it('rejects non-arrays at every level', () => {
    assert.throws(() => parseStrokes({ strokes: [] }), {
      message: 'Strokes must be an array of strokes, got a value of type object.',
    });
    assert.throws(() => parseStrokes(null), {
      message: 'Strokes must be an array of strokes, got null.',
    });
    assert.throws(() => parseStrokes([[{ x: 0, y: 0 }], 'oops']), {
      message: 'Stroke 1 must be an array of points, got the string "oops".',
    });
    assert.throws(() => parseStrokes([[42]]), {
      message: 'Stroke 0, point 0: expected a point {x, y} or [x, y], got 42.',
    });
    assert.throws(() => parseStrokes([[[1]]]), {
      message: 'Stroke 0, point 0: a point array needs [x, y], got an array of length 1.',
    });
  });

  it('rejects absurd sizes and coordinates', () => {
    assert.throws(() => parseStrokes(new Array(STROKE_LIMITS.maxStrokes + 1).fill([])), {
      name: 'RangeError',
      message: 'Too many strokes: at most 1000 accepted, got 1001.',
    });
    const long = new Array(STROKE_LIMITS.maxPointsPerStroke + 1).fill([0, 0]);
    assert.throws(() => parseStrokes([[], long]), {
      message: 'Stroke 1 has too many points: at most 10000 accepted, got 10001.',
    });
    const many = new Array(11).fill(new Array(10_000).fill([0, 0]));
    assert.throws(() => parseStrokes(many), {
      message: 'Too many points in total: at most 100000 accepted (exceeded at stroke 10).',
    });
    assert.throws(() => parseStrokes([[[1e9, 0]]]), {
      name: 'RangeError',
      message: 'Stroke 0, point 0: |x| must be at most 10000000, got 1000000000.',
    });
  });
});

describe('strokeBounds', () => {
  it('spans every point of every stroke, or is null without points', () => {
    assert.deepEqual(
      strokeBounds([
        [{ x: 1, y: 5 }],
        [
          { x: -2, y: 3 },
          { x: 4, y: 9 },
        ],
      ]),
      {
        minX: -2,
        minY: 3,
        maxX: 4,
        maxY: 9,
      },
    );
    assert.equal(strokeBounds([[], []]), null, 'no points');
  });
});
