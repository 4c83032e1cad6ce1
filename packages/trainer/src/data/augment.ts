import { MNIST_SIZE } from '@digit-canvas/core';

import type { Random } from '../random.js';
import { PIXELS } from './mnist.js';

/** Random distortions applied to each training image (ranges are ± unless noted). */
export interface AugmentOptions {
  /** Max rotation in degrees. Default 15. */
  rotation?: number;
  /** Max relative scale change (0.15 = 85%–115%). Default 0.15. */
  scale?: number;
  /** Max horizontal shear (x += shear·y). Default 0.3. */
  shear?: number;
  /** Max translation as a fraction of the 28-px side. Default 0.12. */
  translate?: number;
  /** Probability of thickening strokes with a 3×3 max filter. Default 0.2. */
  thicken?: number;
  /** Probability of thinning strokes with a 3×3 min filter. Default 0.1. */
  thin?: number;
}

export const DEFAULT_AUGMENT: Required<AugmentOptions> = {
  rotation: 15,
  scale: 0.15,
  shear: 0.3,
  translate: 0.12,
  thicken: 0.2,
  thin: 0.1,
};

/** No distortion at all (used to evaluate and to train with `--no-augment`). */
export const NO_AUGMENT: Required<AugmentOptions> = {
  rotation: 0,
  scale: 0,
  shear: 0,
  translate: 0,
  thicken: 0,
  thin: 0,
};

const SIDE = MNIST_SIZE;
const CENTRE = (SIDE - 1) / 2;

/**
 * Writes image `index` of `images` (uint8, 0–255, MNIST layout) into `out` at `offset` as floats
 * in [0, 1], randomly distorted: an affine warp (rotation, scale, shear, translation) about the
 * image centre with bilinear sampling, then sometimes a 3×3 max (thicker) or min (thinner)
 * filter. Ink stays high and the background 0, as in core's preprocessing.
 */
export function augmentInto(
  images: Uint8Array,
  index: number,
  out: Float32Array,
  offset: number,
  rng: Random,
  options: Required<AugmentOptions>,
): void {
  const src = images.subarray(index * PIXELS, (index + 1) * PIXELS);
  const angle = (rng.uniform(-options.rotation, options.rotation) * Math.PI) / 180;
  const scale = 1 + rng.uniform(-options.scale, options.scale);
  const shear = rng.uniform(-options.shear, options.shear);
  const tx = rng.uniform(-options.translate, options.translate) * SIDE;
  const ty = rng.uniform(-options.translate, options.translate) * SIDE;
  const filter = rng.next();
  // Forward map: p' = R·S·H·p + t about the centre. Sampling needs the inverse, per pixel.
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const a = scale * cos;
  const b = scale * (cos * shear - sin);
  const c = scale * sin;
  const d = scale * (sin * shear + cos);
  const det = a * d - b * c;
  const ia = d / det;
  const ib = -b / det;
  const ic = -c / det;
  const id = a / det;
  const warped =
    filter < options.thicken + options.thin
      ? new Float32Array(PIXELS)
      : out.subarray(offset, offset + PIXELS);
  for (let y = 0; y < SIDE; y++) {
    const dy = y - CENTRE - ty;
    for (let x = 0; x < SIDE; x++) {
      const dx = x - CENTRE - tx;
      const sx = ia * dx + ib * dy + CENTRE;
      const sy = ic * dx + id * dy + CENTRE;
      warped[y * SIDE + x] = bilinear(src, sx, sy) / 255;
    }
  }
  if (filter < options.thicken) morph(warped, out, offset, Math.max);
  else if (filter < options.thicken + options.thin) morph(warped, out, offset, Math.min);
}

/**
 * Builds a batch [count, 28, 28] of augmented images (floats in [0, 1]). Images from index
 * `plainFrom` on are taken as they are: pen-drawn digits, distorted on their strokes already
 * (stroke-augment.ts).
 */
export function augmentBatch(
  images: Uint8Array,
  indices: ArrayLike<number>,
  rng: Random,
  options: Required<AugmentOptions> = DEFAULT_AUGMENT,
  plainFrom = Infinity,
): Float32Array {
  const out = new Float32Array(indices.length * PIXELS);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    if (index < plainFrom) augmentInto(images, index, out, i * PIXELS, rng, options);
    else for (let p = 0; p < PIXELS; p++) out[i * PIXELS + p] = images[index * PIXELS + p]! / 255;
  }
  return out;
}

/** Converts images to floats in [0, 1] unchanged ([count, 28, 28]). */
export function toFloatBatch(images: Uint8Array, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * PIXELS);
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i]! * PIXELS;
    for (let p = 0; p < PIXELS; p++) out[i * PIXELS + p] = images[start + p]! / 255;
  }
  return out;
}

function bilinear(src: Uint8Array, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  return (
    pixel(src, x0, y0) * (1 - fx) * (1 - fy) +
    pixel(src, x0 + 1, y0) * fx * (1 - fy) +
    pixel(src, x0, y0 + 1) * (1 - fx) * fy +
    pixel(src, x0 + 1, y0 + 1) * fx * fy
  );
}

function pixel(src: Uint8Array, x: number, y: number): number {
  return x < 0 || y < 0 || x >= SIDE || y >= SIDE ? 0 : src[y * SIDE + x]!;
}

// 3×3 max (dilation: thicker strokes) or min (erosion: thinner strokes); outside counts as 0.
function morph(
  src: Float32Array,
  out: Float32Array,
  offset: number,
  pick: (a: number, b: number) => number,
): void {
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      let v = src[y * SIDE + x]!;
      for (let yy = y - 1; yy <= y + 1; yy++) {
        for (let xx = x - 1; xx <= x + 1; xx++) {
          const n = yy < 0 || xx < 0 || yy >= SIDE || xx >= SIDE ? 0 : src[yy * SIDE + xx]!;
          v = pick(v, n);
        }
      }
      out[offset + y * SIDE + x] = v;
    }
  }
}
