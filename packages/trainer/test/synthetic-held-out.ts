// A held-out set that exists only in the tests: 20 stroke digits drawn from templates, two per
// digit, by two made-up writers. It is all the trainer needs to know of a new set; the tests
// register it with one line (registerHeldOutSet) and change nothing else.
import type { Point } from '@digit-canvas/core';

import type { HeldOutSample, HeldOutSet } from '../src/held-out/set.js';

/** One pen-down stroke per digit, on a 0..100 grid, y down. */
const TEMPLATES: [number, number][][] = [
  [
    [50, 0],
    [15, 25],
    [15, 75],
    [50, 100],
    [85, 75],
    [85, 25],
    [50, 0],
  ],
  [
    [50, 0],
    [50, 100],
  ],
  [
    [15, 20],
    [50, 0],
    [85, 20],
    [15, 100],
    [85, 100],
  ],
  [
    [15, 0],
    [85, 0],
    [45, 45],
    [85, 70],
    [50, 100],
    [15, 85],
  ],
  [
    [70, 100],
    [70, 0],
    [10, 65],
    [90, 65],
  ],
  [
    [85, 0],
    [20, 0],
    [15, 45],
    [80, 50],
    [80, 90],
    [15, 95],
  ],
  [
    [80, 0],
    [20, 50],
    [20, 95],
    [80, 95],
    [80, 55],
    [20, 55],
  ],
  [
    [10, 0],
    [90, 0],
    [40, 100],
  ],
  [
    [50, 50],
    [15, 25],
    [50, 0],
    [85, 25],
    [15, 75],
    [50, 100],
    [85, 75],
    [50, 50],
  ],
  [
    [85, 45],
    [15, 40],
    [50, 0],
    [85, 40],
    [85, 100],
  ],
];

/** `points` along a polyline, every few units, scaled and shifted per writer. */
function stroke(corners: [number, number][], scale: number, shift: number): Point[] {
  const points: Point[] = [];
  corners.slice(1).forEach(([x, y], i) => {
    const [x0, y0] = corners[i]!;
    for (let t = 0; t < 1; t += 0.1) {
      points.push({
        x: shift + scale * (x0 + t * (x - x0)),
        y: shift + scale * (y0 + t * (y - y0)),
      });
    }
  });
  const [x, y] = corners.at(-1)!;
  points.push({ x: shift + scale * x, y: shift + scale * y });
  return points;
}

export const syntheticStrokes: HeldOutSet = {
  id: 'synthetic',
  title: 'Synthetic strokes (test only)',
  description: 'Twenty digits drawn from one template per digit by two made-up writers.',
  views: ['image', 'trajectory'],
  load: (): HeldOutSample[] =>
    ['pen/a', 'pen/b'].flatMap((writer, w) =>
      TEMPLATES.map((corners, label) => ({
        label,
        writer,
        strokes: [stroke(corners, 2 + w, 10 * w)],
      })),
    ),
  split: { rule: 'all of them', isHeldOut: () => true },
  minWriterSamples: 5,
};
