import {
  defaultUnipenPath,
  HELD_OUT_UNIPEN,
  isHeldOutWriter,
  loadUnipen,
  type UnipenSample,
} from '../data/unipen.js';
import type { HeldOutSet } from './set.js';

/** UNIPEN 1a's pen-drawn digits, split by writer (see isHeldOutWriter). */
export const unipen: HeldOutSet<UnipenSample> = {
  id: 'unipen',
  title: HELD_OUT_UNIPEN,
  description:
    'Real pen-drawn digits of the UNIPEN writers held out of all training and tuning, replayed as strokes: drawn into the MNIST layout by `preprocessStrokes` from @digit-canvas/core (the code the element runs) for the CNN, and resampled along the pen path by `trajectoryFeatures` for the trajectory model.',
  views: ['image', 'trajectory'],
  load: ({ path } = {}) => loadUnipen(path ?? defaultUnipenPath()),
  split: {
    rule: "writers whose id's CRC-32 is 0 mod 5",
    isHeldOut: (sample) => isHeldOutWriter(sample.writer),
  },
  minWriterSamples: 20,
};
