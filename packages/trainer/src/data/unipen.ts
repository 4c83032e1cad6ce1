import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crc32 } from 'node:zlib';

import { preprocessStrokes } from '@digit-canvas/core';

import { projectRoot } from '../paths.js';
import { PIXELS } from './mnist.js';

/** A pen position in the sample's tablet units, y down (same shape as core's `Point`). */
export interface UnipenPoint {
  readonly x: number;
  readonly y: number;
}

/** One real pen-drawn digit from UNIPEN 1a. */
export interface UnipenSample {
  readonly label: number;
  /** Contributor id, e.g. `aga/amywldrp`. */
  readonly writer: string;
  /** Pen-down strokes in capture order. */
  readonly strokes: UnipenPoint[][];
}

/**
 * Where the UNIPEN 1a digits are expected: env UNIPEN_PATH, else
 * `../shared/data/unipen1a/digits.json` beside the repository root, or beside the working
 * directory when the trainer is installed (the data is never part of the project). Mirrors scripts/unipen.mjs.
 */
export function defaultUnipenPath(): string {
  if (process.env.UNIPEN_PATH) return process.env.UNIPEN_PATH;
  return resolve(projectRoot(), '../shared/data/unipen1a/digits.json');
}

/** Reads the UNIPEN digits JSON (see the README beside it) and checks every sample's shape. */
export function loadUnipen(path: string = defaultUnipenPath()): UnipenSample[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read UNIPEN digits from ${path}: ${(error as Error).message} (set UNIPEN_PATH or pass --unipen FILE)`,
    );
  }
  const samples = (raw as { samples?: unknown }).samples;
  if (!Array.isArray(samples))
    throw new Error(`${path}: expected { "samples": [...] } at the top level`);
  return samples.map((sample: unknown, index) => toSample(sample, `${path}: samples[${index}]`));
}

function toSample(sample: unknown, where: string): UnipenSample {
  const s = sample as { label?: unknown; writer?: unknown; strokes?: unknown };
  if (typeof s.label !== 'number' || !Number.isInteger(s.label) || s.label < 0 || s.label > 9) {
    throw new Error(`${where}: label must be a digit 0–9, got ${JSON.stringify(s.label)}`);
  }
  if (!Array.isArray(s.strokes)) throw new Error(`${where}: strokes must be an array of strokes`);
  const strokes = s.strokes.map((stroke: unknown, i) => {
    if (!Array.isArray(stroke))
      throw new Error(`${where}.strokes[${i}] must be an array of [x, y]`);
    return stroke.map((p: unknown, j) => {
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
        throw new Error(`${where}.strokes[${i}][${j}] must be [x, y], got ${JSON.stringify(p)}`);
      }
      return { x: p[0], y: p[1] };
    });
  });
  return { label: s.label, writer: String(s.writer ?? 'unknown'), strokes };
}

/**
 * Whether `writer`'s digits are held out: never trained on, tuned on or used to pick an epoch,
 * only to measure. The rule is fixed, so every figure on UNIPEN is comparable across runs and
 * machines: the CRC-32 of the writer id (UTF-8) is 0 mod 5, which holds out 58 of the 268
 * writers. Splitting by writer, not by digit, measures handwriting the model has never seen.
 */
export function isHeldOutWriter(writer: string): boolean {
  return crc32(Buffer.from(writer, 'utf8')) % 5 === 0;
}

/** The name every report gives the held-out writers' digits. */
export const HELD_OUT_UNIPEN = 'UNIPEN 1a, held-out writers';

/** UNIPEN split by writer (see {@link isHeldOutWriter}). */
export interface UnipenSplit {
  /** The other writers' digits: what training may learn from. */
  readonly training: UnipenSample[];
  /** The held-out writers' digits: for the final figures only. */
  readonly heldOut: UnipenSample[];
}

/** Splits the samples by writer: in UNIPEN 1a, 12,785 digits to learn from and 3,168 held out. */
export function splitByWriter(samples: readonly UnipenSample[]): UnipenSplit {
  const training: UnipenSample[] = [];
  const heldOut: UnipenSample[] = [];
  for (const sample of samples) (isHeldOutWriter(sample.writer) ? heldOut : training).push(sample);
  return { training, heldOut };
}

/**
 * The held-out writers' digits of the UNIPEN file at `path`, what every report measures on.
 * Throws when the file has none, rather than reporting an accuracy of nothing.
 */
export function loadHeldOutUnipen(path: string): UnipenSample[] {
  const { heldOut } = splitByWriter(loadUnipen(path));
  if (heldOut.length === 0) {
    throw new Error(
      `${path} has no digit by a held-out writer (one whose id's CRC-32 is 0 mod 5): nothing to measure on`,
    );
  }
  return heldOut;
}

/**
 * The samples drawn into core's MNIST layout by its `preprocessStrokes` (the code the element
 * runs): PIXELS floats per sample, ink high in [0, 1], sample after sample.
 */
export function renderUnipen(samples: readonly UnipenSample[]): Float32Array {
  const images = new Float32Array(samples.length * PIXELS);
  samples.forEach((s, i) => images.set(preprocessStrokes(s.strokes), i * PIXELS));
  return images;
}
