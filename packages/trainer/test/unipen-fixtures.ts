import { writeFile } from 'node:fs/promises';

import type { StrokeAugmentOptions } from '../src/data/stroke-augment.js';
import type { UnipenSample } from '../src/data/unipen.js';

/** Writes `samples` as a UNIPEN digits.json (points as `[x, y]`), the file `loadUnipen` reads. */
export async function writeUnipenFile(
  path: string,
  samples: readonly UnipenSample[],
): Promise<void> {
  const json = samples.map((s) => ({
    ...s,
    strokes: s.strokes.map((stroke) => stroke.map((p) => [p.x, p.y])),
  }));
  await writeFile(path, JSON.stringify({ samples: json }));
}

/** Stroke augmentation that changes nothing: what a test turns one distortion on against. */
export const NO_STROKE_DISTORTION: StrokeAugmentOptions = {
  rotation: 0,
  slant: 0,
  aspect: 0,
  penWidth: [2.6, 2.6],
  jitter: 0,
  resampleStep: 1,
};
