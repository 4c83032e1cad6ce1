// trajectoryFeatures on hand-made strokes whose features are known by hand: the pen path the
// trajectory model reads, resampled by arc length and normalised to the digit's box.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  TRAJECTORY_CHANNELS,
  TRAJECTORY_POINTS,
  TRAJECTORY_SIZE,
  trajectoryFeatures,
  type Stroke,
} from '../src/index.js';
import { one, seven } from './helpers/shapes.js';

type Feature = { x: number; y: number; dx: number; dy: number; pen: number };

/** The features as one record per resampled point. */
function points(features: Float32Array): Feature[] {
  return Array.from({ length: TRAJECTORY_POINTS }, (_, k) => {
    const [x, y, dx, dy, pen] = features.subarray(
      k * TRAJECTORY_CHANNELS,
      (k + 1) * TRAJECTORY_CHANNELS,
    );
    return { x, y, dx, dy, pen };
  });
}

/** `count` points equally spaced from (ax, ay) to (bx, by), both ends included. */
function line(ax: number, ay: number, bx: number, by: number, count: number): Stroke {
  return Array.from({ length: count }, (_, i) => {
    const f = i / (count - 1);
    return { x: ax + f * (bx - ax), y: ay + f * (by - ay) };
  });
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length, 'same length');
  return a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
}

const close = (a: number, b: number, eps = 1e-6) => Math.abs(a - b) <= eps;

describe('trajectoryFeatures', () => {
  it('has 48 points × 5 values', () => {
    assert.equal(TRAJECTORY_POINTS, 48, 'points');
    assert.equal(TRAJECTORY_CHANNELS, 5, 'values per point');
    assert.equal(TRAJECTORY_SIZE, 240, 'length');
    const features = trajectoryFeatures(seven);
    assert.ok(features instanceof Float32Array, 'a Float32Array');
    assert.equal(features.length, TRAJECTORY_SIZE, 'TRAJECTORY_SIZE values');
  });

  it('reads a horizontal line as x from -0.5 to 0.5 at y 0, heading right, pen down', () => {
    const features = points(trajectoryFeatures([line(20, 30, 120, 30, 11)]));
    features.forEach((p, k) => {
      const x = -0.5 + k / (TRAJECTORY_POINTS - 1);
      assert.ok(close(p.x, x), `point ${k}: x ${p.x}, expected ${x}`);
      assert.equal(p.y, 0, `point ${k}: y`);
      assert.equal(p.dx, 1, `point ${k}: dx`);
      assert.equal(p.dy, 0, `point ${k}: dy`);
      assert.equal(p.pen, 1, `point ${k}: pen`);
    });
  });

  it('follows the drawing order: a line drawn right to left heads left', () => {
    const features = points(trajectoryFeatures([line(120, 30, 20, 30, 2)]));
    assert.ok(close(features[0].x, 0.5), `starts at the right, x ${features[0].x}`);
    assert.ok(close(features[47].x, -0.5), `ends at the left, x ${features[47].x}`);
    assert.ok(
      features.every((p) => p.dx === -1 && p.dy === 0),
      'every direction is (-1, 0)',
    );
  });

  it('joins two strokes through the pen-up jump, with pen 0 on the jump', () => {
    // Two bars 10 apart, the second drawn under the first: the jump goes back left and down.
    const top = line(0, 0, 10, 0, 2);
    const bottom = line(0, 10, 10, 10, 2);
    const features = points(trajectoryFeatures([top, bottom]));
    const jump = Math.hypot(10, 10);
    const total = 10 + jump + 10;
    let onJump = 0;
    features.forEach((p, k) => {
      const along = (total * k) / (TRAJECTORY_POINTS - 1);
      // Points exactly at a stroke's end may belong to either segment: only the inside is asked.
      if (Math.abs(along - 10) < 1e-6 || Math.abs(along - 10 - jump) < 1e-6) return;
      if (along < 10) {
        assert.equal(p.pen, 1, `point ${k} on the top bar: pen`);
        assert.ok(close(p.y, -0.5) && close(p.dx, 1) && close(p.dy, 0), `point ${k}: top bar`);
      } else if (along < 10 + jump) {
        onJump++;
        assert.equal(p.pen, 0, `point ${k} on the jump: pen`);
        assert.ok(
          close(p.dx, -Math.SQRT1_2) && close(p.dy, Math.SQRT1_2),
          `point ${k} on the jump heads down-left: (${p.dx}, ${p.dy})`,
        );
        assert.ok(close(p.x + p.y, 0), `point ${k} lies on the jump's diagonal`);
      } else {
        assert.equal(p.pen, 1, `point ${k} on the bottom bar: pen`);
        assert.ok(close(p.y, 0.5) && close(p.dx, 1), `point ${k}: bottom bar`);
      }
    });
    // 14.1 of the path's 34.1 is the jump: about 41% of the 47 intervals.
    assert.ok(onJump >= 18 && onJump <= 20, `${onJump} points on the jump`);
    assert.ok(close(features[0].x, -0.5) && close(features[0].y, -0.5), 'starts top left');
    assert.ok(close(features[47].x, 0.5) && close(features[47].y, 0.5), 'ends bottom right');
  });

  it('reads a single dot as the centre, pen down, no direction', () => {
    for (const dot of [
      [[{ x: 40, y: 70 }]],
      [
        [
          { x: 40, y: 70 },
          { x: 40, y: 70 },
        ],
      ],
    ]) {
      const features = points(trajectoryFeatures(dot));
      assert.deepEqual(
        features,
        new Array(TRAJECTORY_POINTS).fill({ x: 0, y: 0, dx: 0, dy: 0, pen: 1 }),
        `${dot[0].length} point(s) at one place`,
      );
    }
  });

  it('gives all zeros for no ink', () => {
    for (const empty of [[], [[]], [[], []]]) {
      assert.deepEqual(
        trajectoryFeatures(empty),
        new Float32Array(TRAJECTORY_SIZE),
        `${JSON.stringify(empty)}: zeros`,
      );
    }
  });

  it('does not depend on where the digit is drawn or how large', () => {
    const base = trajectoryFeatures(seven);
    const moved = seven.map((s) => s.map((p) => ({ x: 3 * p.x + 250, y: 3 * p.y - 40 })));
    const worst = maxDifference(base, trajectoryFeatures(moved));
    assert.ok(worst < 1e-5, `moved and scaled 3×: features differ by up to ${worst}`);
    const tiny = seven.map((s) => s.map((p) => ({ x: p.x / 100, y: p.y / 100 })));
    const worstTiny = maxDifference(base, trajectoryFeatures(tiny));
    assert.ok(worstTiny < 1e-5, `scaled 1/100: features differ by up to ${worstTiny}`);
  });

  it('does not depend on the sampling rate of the pen', () => {
    const sparse = trajectoryFeatures([line(0, 0, 100, 0, 3)]);
    const dense = trajectoryFeatures([line(0, 0, 100, 0, 300)]);
    const worst = maxDifference(sparse, dense);
    assert.ok(worst < 1e-5, `a line of 3 vs 300 points: features differ by up to ${worst}`);
    // The same 7 (bar, then diagonal) drawn with 2 and with 200 points per segment.
    const corners: [number, number][] = [
      [10, 5],
      [90, 5],
      [40, 95],
    ];
    const drawn = (perSegment: number): Stroke[] => [
      [
        ...line(...corners[0], ...corners[1], perSegment + 1).slice(0, -1),
        ...line(...corners[1], ...corners[2], perSegment + 1),
      ],
    ];
    const worstSeven = maxDifference(trajectoryFeatures(drawn(2)), trajectoryFeatures(drawn(200)));
    // Only a point that lands on the corner may take either side's direction.
    const differing = points(trajectoryFeatures(drawn(2))).filter((p, k) => {
      const q = points(trajectoryFeatures(drawn(200)))[k];
      return Math.abs(p.x - q.x) > 1e-5 || Math.abs(p.dx - q.dx) > 1e-5;
    });
    assert.ok(
      differing.length <= 1,
      `a 7 of 2 vs 200 points per segment: ${differing.length} points differ (up to ${worstSeven})`,
    );
  });

  it('ignores repeated points, such as the pointerup the element adds where the last move was', () => {
    const bars = [line(0, 0, 10, 0, 3), line(0, 10, 10, 10, 3)];
    const repeat = (stroke: Stroke, i: number): Stroke => [
      ...stroke.slice(0, i + 1),
      ...stroke.slice(i),
    ];
    const cases: [string, Stroke[]][] = [
      ['the last point of the last stroke', [bars[0], repeat(bars[1], 2)]],
      ['the last point of the first stroke', [repeat(bars[0], 2), bars[1]]],
      ['the first point', [repeat(bars[0], 0), bars[1]]],
      ['a middle point, three times', [repeat(repeat(bars[0], 1), 1), bars[1]]],
      ['the first point of the second stroke', [bars[0], repeat(bars[1], 0)]],
    ];
    const plain = trajectoryFeatures(bars);
    for (const [where, strokes] of cases) {
      const worst = maxDifference(plain, trajectoryFeatures(strokes));
      assert.ok(worst < 1e-6, `${where} repeated: features differ by up to ${worst}`);
    }
    const last = points(trajectoryFeatures([repeat(line(0, 0, 10, 0, 2), 1)]))[47];
    assert.deepEqual(last, { x: 0.5, y: 0, dx: 1, dy: 0, pen: 1 }, 'the end keeps its direction');
  });

  it('keeps the aspect: a tall 1 stays thin', () => {
    // 10 wide, 100 tall: y spans [-0.5, 0.5], x only [-0.05, 0.05].
    const features = points(trajectoryFeatures([line(50, 0, 60, 100, 5)]));
    const xs = features.map((p) => p.x);
    const ys = features.map((p) => p.y);
    assert.ok(close(Math.min(...ys), -0.5) && close(Math.max(...ys), 0.5), 'y spans the box');
    assert.ok(
      close(Math.min(...xs), -0.05) && close(Math.max(...xs), 0.05),
      `x spans a tenth: [${Math.min(...xs)}, ${Math.max(...xs)}]`,
    );
    // The synthetic "1" of the other tests: a vertical stroke, so x stays near 0.
    const oneXs = points(trajectoryFeatures(one)).map((p) => Math.abs(p.x));
    assert.ok(Math.max(...oneXs) < 0.2, `the "1" stays thin: |x| up to ${Math.max(...oneXs)}`);
  });

  it('keeps every value in range', () => {
    for (const p of points(trajectoryFeatures(seven))) {
      assert.ok(
        Math.abs(p.x) <= 0.5 && Math.abs(p.y) <= 0.5,
        `x, y in [-0.5, 0.5]: ${p.x}, ${p.y}`,
      );
      assert.ok(close(Math.hypot(p.dx, p.dy), 1, 1e-5), `a unit direction: ${p.dx}, ${p.dy}`);
      assert.ok(p.pen === 0 || p.pen === 1, `pen 0 or 1: ${p.pen}`);
    }
  });
});
