import { crc32 } from 'node:zlib';

import { trajectoryFeatures, TRAJECTORY_SIZE } from '@digit-canvas/core';

import type { Random } from '../random.js';
import {
  augmentStrokes,
  DEFAULT_STROKE_AUGMENT,
  type StrokeAugmentOptions,
} from './stroke-augment.js';
import type { UnipenPoint, UnipenSample } from './unipen.js';

/**
 * The stroke distortions of the CNN's training, plus two that only the pen path sees: people
 * draw the same shape in other orders, e.g. a 9 from the tail's end up, or a 4's bars the other
 * way round. Without them the trajectory model was confidently wrong on such writers (a 9
 * drawn bottom-up read as 0 with p = 0.9999 on a validation writer).
 */
export interface TrajectoryAugmentOptions extends StrokeAugmentOptions {
  /** Chance that each stroke is drawn backwards. */
  readonly reverseStroke: number;
  /** Chance that a digit of several strokes has them in a random order. */
  readonly shuffleStrokes: number;
}

export const DEFAULT_TRAJECTORY_AUGMENT: TrajectoryAugmentOptions = {
  ...DEFAULT_STROKE_AUGMENT,
  reverseStroke: 0.1,
  shuffleStrokes: 0.2,
};

/** `sample`'s strokes distorted like the CNN's, then some reversed or reordered. */
export function augmentTrajectory(
  sample: UnipenSample,
  rng: Random,
  options: TrajectoryAugmentOptions,
): UnipenPoint[][] {
  const strokes = augmentStrokes(sample, rng, options).map((stroke) =>
    rng.next() < options.reverseStroke ? stroke.reverse() : stroke,
  );
  return strokes.length > 1 && rng.next() < options.shuffleStrokes ? rng.shuffle(strokes) : strokes;
}

/**
 * Whether a training writer's digits validate the trajectory model instead of training it: the
 * CRC-32 of the id is 1 mod 10, 32 of the 210 training writers in UNIPEN 1a. The held-out writers
 * (0 mod 5) are never among them, so choosing the epoch on these leaves the held-out figures
 * untouched.
 */
export function isValidationWriter(writer: string): boolean {
  return crc32(Buffer.from(writer, 'utf8')) % 10 === 1;
}

/**
 * The trajectory model's inputs for `samples`: core's `trajectoryFeatures` (the code the
 * Recognizer runs), TRAJECTORY_SIZE floats per sample, sample after sample. With `augment`, each
 * sample's points are first distorted afresh (see `augmentTrajectory`).
 */
export function trajectoryInputs(
  samples: readonly UnipenSample[],
  augment?: { rng: Random; options: TrajectoryAugmentOptions },
): Float32Array {
  const out = new Float32Array(samples.length * TRAJECTORY_SIZE);
  samples.forEach((sample, i) => {
    const strokes = augment
      ? augmentTrajectory(sample, augment.rng, augment.options)
      : sample.strokes;
    out.set(trajectoryFeatures(strokes), i * TRAJECTORY_SIZE);
  });
  return out;
}
