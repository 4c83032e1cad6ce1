import { preprocessStrokes } from '@digit-canvas/core';

import type { Random } from '../random.js';
import { PIXELS } from './mnist.js';
import { quantizePixels } from './quantize.js';
import type { UnipenPoint, UnipenSample } from './unipen.js';

/**
 * Random distortions of a pen-drawn digit, applied to its points before core's
 * `preprocessStrokes` draws it, the code the element runs: the variety of hands and screens the
 * strokes of 210 writers do not cover. Ranges are ± unless noted.
 */
export interface StrokeAugmentOptions {
  /** Max rotation in degrees. */
  readonly rotation: number;
  /** Max slant: x += slant · y (italic writing). */
  readonly slant: number;
  /** Max relative change of width against height (0.2: 80%–120% as wide). */
  readonly aspect: number;
  /** Pen width range in 28-px units (preprocessStrokes' `penWidth`; its default is 2.6). */
  readonly penWidth: readonly [number, number];
  /** Max jitter of each point, as a fraction of the digit's larger side. */
  readonly jitter: number;
  /**
   * Largest step of coarse resampling: every k-th point kept (k from 1 to this, endpoints always
   * kept), as a fast stroke on a 60 Hz screen arrives as a handful of points.
   */
  readonly resampleStep: number;
}

export const DEFAULT_STROKE_AUGMENT: StrokeAugmentOptions = {
  rotation: 12,
  slant: 0.3,
  aspect: 0.2,
  penWidth: [2.0, 3.2],
  jitter: 0.01,
  resampleStep: 4,
};

/**
 * `sample`'s strokes, distorted: an affine map (rotation, slant, aspect) about the digit's
 * centre, a little jitter, then every k-th point. The overall size and position do not matter:
 * preprocessStrokes fits every digit into MNIST's 20×20 box.
 */
export function augmentStrokes(
  sample: UnipenSample,
  rng: Random,
  options: StrokeAugmentOptions,
): UnipenPoint[][] {
  const points = sample.strokes.flat();
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const size = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1);
  const angle = (rng.uniform(-options.rotation, options.rotation) * Math.PI) / 180;
  const slant = rng.uniform(-options.slant, options.slant);
  const widen = 1 + rng.uniform(-options.aspect, options.aspect);
  const step = 1 + rng.int(options.resampleStep);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const jitter = options.jitter * size;
  return sample.strokes.map((stroke) => {
    const kept = stroke.filter((_, i) => i % step === 0 || i === stroke.length - 1);
    return kept.map((p) => {
      const dx = (p.x - cx + slant * (p.y - cy)) * widen;
      const dy = p.y - cy;
      return {
        x: cos * dx - sin * dy + rng.uniform(-jitter, jitter),
        y: sin * dx + cos * dy + rng.uniform(-jitter, jitter),
      };
    });
  });
}

/**
 * Draws every sample, freshly distorted, into `out` (PIXELS bytes each, MNIST's 0–255 levels,
 * sample after sample): the pen-drawn part of one epoch's training set.
 */
export function renderAugmentedStrokes(
  samples: readonly UnipenSample[],
  rng: Random,
  out: Uint8Array,
  options: StrokeAugmentOptions = DEFAULT_STROKE_AUGMENT,
): void {
  samples.forEach((sample, i) => {
    const strokes = augmentStrokes(sample, rng, options);
    const penWidth = rng.uniform(options.penWidth[0], options.penWidth[1]);
    quantizePixels(
      preprocessStrokes(strokes, { penWidth }),
      out.subarray(i * PIXELS, (i + 1) * PIXELS),
    );
  });
}
