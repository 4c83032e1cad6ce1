import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

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
 * The samples drawn into core's MNIST layout by its `preprocessStrokes` (the code the element
 * runs): PIXELS floats per sample, ink high in [0, 1], sample after sample.
 */
export function renderUnipen(samples: readonly UnipenSample[]): Float32Array {
  const images = new Float32Array(samples.length * PIXELS);
  samples.forEach((s, i) => images.set(preprocessStrokes(s.strokes), i * PIXELS));
  return images;
}
