import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { centerOfMass, inkBoundingBox, preprocessStrokes, type Stroke } from '../src/index.js';
import { maxDifference } from './helpers/image-stats.js';
import { crossedSeven, five, four, one, seven, transform, zero } from './helpers/shapes.js';

const shapes: Record<string, Stroke[]> = { seven, crossedSeven, four, five, one, zero };

describe('preprocessStrokes', () => {
  it('returns 784 values in [0, 1] with some full ink', () => {
    for (const [name, s] of Object.entries(shapes)) {
      const out = preprocessStrokes(s);
      assert.ok(out instanceof Float32Array && out.length === 784, `${name}: Float32Array(784)`);
      assert.ok(
        out.every((v) => v >= 0 && v <= 1),
        `${name}: values in [0, 1]`,
      );
      assert.ok(Math.max(...out) === 1, `${name}: the pen's core is full ink`);
    }
  });

  it('gives the same array whatever the size, position and device pixel ratio of the drawing', () => {
    for (const [name, s] of Object.entries(shapes)) {
      const reference = preprocessStrokes(transform(s, 280, 0, 0)); // a 280 px canvas
      const small = preprocessStrokes(transform(s, 50, 400, 30)); // small, off to the side
      const hiDpi = preprocessStrokes(transform(s, 3 * 280, 17, 900)); // DPR 3, scrolled
      const tablet = preprocessStrokes(transform(s, 0.013, -5, 2)); // tablet units
      for (const [what, other] of [
        ['small', small],
        ['hiDpi', hiDpi],
        ['tablet', tablet],
      ] as const) {
        const d = maxDifference(reference, other);
        assert.ok(d < 1e-4, `${name} ${what}: max difference ${d}`);
      }
    }
  });

  it('puts the centre of mass within 0.5 px of (14, 14)', () => {
    for (const [name, s] of Object.entries(shapes)) {
      const c = centerOfMass(preprocessStrokes(s));
      assert.ok(c, `${name}: has ink`);
      const off = Math.hypot(c.x - 14, c.y - 14);
      assert.ok(off < 0.5, `${name}: centre of mass (${c.x}, ${c.y}) is ${off} px off`);
    }
  });

  it('fits the ink into 20×20, touching it along the longer side', () => {
    for (const [name, s] of Object.entries(shapes)) {
      const box = inkBoundingBox(preprocessStrokes(s));
      assert.ok(box, `${name}: has ink`);
      assert.ok(box.width <= 20 && box.height <= 20, `${name}: ink box ${box.width}×${box.height}`);
      assert.ok(
        Math.max(box.width, box.height) >= 19,
        `${name}: ink box ${box.width}×${box.height}`,
      );
    }
  });

  it('keeps the aspect ratio of a tall "1" and a wide dash', () => {
    const tall = inkBoundingBox(preprocessStrokes(one));
    // The centreline is 10 × 100: scaled to 16 px tall it is 1.6 px wide, plus the pen (~4 px).
    assert.ok(
      tall && tall.height >= 19 && tall.width >= 4 && tall.width <= 7,
      `tall 1: ${JSON.stringify(tall)}`,
    );
    const dash = inkBoundingBox(
      preprocessStrokes([
        [
          { x: 0, y: 0 },
          { x: 100, y: 5 },
        ],
      ]),
    );
    assert.ok(dash && dash.width >= 19 && dash.height <= 7, `dash: ${JSON.stringify(dash)}`);
  });

  it('returns all zeros for no strokes or empty strokes', () => {
    for (const empty of [[], [[]], [[], []]]) {
      assert.deepEqual(preprocessStrokes(empty), new Float32Array(784), JSON.stringify(empty));
    }
  });

  it('names the point of a NaN instead of silently dropping it', () => {
    assert.throws(
      () =>
        preprocessStrokes([
          [{ x: 1, y: 1 }],
          [
            { x: 2, y: 2 },
            { x: 3, y: NaN },
          ],
        ]),
      {
        name: 'TypeError',
        message: 'Stroke 1, point 1: y must be a finite number, got NaN.',
      },
    );
  });

  it('draws a single tap as a centred dot', () => {
    const dot = preprocessStrokes([[{ x: 40, y: 40 }]]);
    const c = centerOfMass(dot);
    assert.ok(c && Math.hypot(c.x - 14, c.y - 14) < 0.1, `dot centre ${JSON.stringify(c)}`);
    const box = inkBoundingBox(dot);
    assert.ok(box && box.width <= 5 && box.height <= 5, `a pen-sized dot: ${JSON.stringify(box)}`);
  });

  it('does not pile up ink where a stroke is sampled densely or crosses itself', () => {
    const sparse = preprocessStrokes([
      [
        { x: 0, y: 0 },
        { x: 0, y: 100 },
      ],
    ]);
    const dense = preprocessStrokes([
      Array.from({ length: 500 }, (_, i) => ({ x: 0, y: i / 4.99 })),
    ]);
    assert.ok(
      maxDifference(sparse, dense) < 1e-5,
      `dense sampling changes ${maxDifference(sparse, dense)}`,
    );
  });

  it('thickens with penWidth and validates its options', () => {
    const thin = preprocessStrokes(seven, { penWidth: 1 }).reduce((a, b) => a + b);
    const thick = preprocessStrokes(seven, { penWidth: 4 }).reduce((a, b) => a + b);
    assert.ok(thick > 1.8 * thin, `ink mass ${thin} → ${thick}`);
    assert.throws(() => preprocessStrokes(seven, { penWidth: -1 }), {
      name: 'RangeError',
      message: 'penWidth must be in [0, 10] pixels, got -1.',
    });
    assert.throws(() => preprocessStrokes(seven, { edgeSoftness: 0 }), {
      message: 'edgeSoftness must be in (0, 5] pixels, got 0.',
    });
  });
});
