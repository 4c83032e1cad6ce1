// The UNIPEN 1a pen-drawn digits, read from outside the repo (never copied into it).
import { readFileSync } from 'node:fs';

import type { Stroke } from '../../src/index.js';
// @ts-expect-error -- a plain .mjs module shared by every package, without type declarations.
import { unipenPath, unipenSkipReason } from '../../../../scripts/unipen.mjs';

export interface UnipenSample {
  label: number;
  strokes: Stroke[];
}

/** Why the real-handwriting tests are skipped, or `false` when the data is there. */
export const unipenSkip: string | false = (unipenSkipReason() as string | null) ?? false;

let cached: UnipenSample[] | null = null;

/** Every sample, strokes as {x, y} points (y down). */
export function readUnipen(): UnipenSample[] {
  if (!cached) {
    const json = JSON.parse(readFileSync(unipenPath as string, 'utf8')) as {
      samples: { label: number; strokes: [number, number][][] }[];
    };
    cached = json.samples.map((s) => ({
      label: s.label,
      strokes: s.strokes.map((st) => st.map(([x, y]) => ({ x, y }))),
    }));
  }
  return cached;
}
