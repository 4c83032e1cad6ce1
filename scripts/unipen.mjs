// The UNIPEN 1a pen-drawn digits for the repository's tests and benchmarks. They are not part of
// the project and are never copied into it: read them from ../shared beside the project, or from
// UNIPEN_PATH. (The trainer's published loadUnipen() reads the same file for users.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const unipenPath =
  process.env.UNIPEN_PATH || resolve(repoRoot, '../shared/data/unipen1a/digits.json');

/** A reason to skip, or false when the data is there. */
export function unipenSkipReason() {
  return existsSync(unipenPath)
    ? false
    : `UNIPEN 1a digits not found at ${unipenPath} (set UNIPEN_PATH to shared/data/unipen1a/digits.json); skipping real-handwriting checks.`;
}

let samples = null;
let pointSamples = null;

/** Every sample as the file holds it, read once per process; throws the skip reason if absent. */
export function readUnipen() {
  if (!samples) {
    const skip = unipenSkipReason();
    if (skip) throw new Error(skip);
    const json = JSON.parse(readFileSync(unipenPath, 'utf8'));
    if (!Array.isArray(json.samples)) {
      throw new Error(`${unipenPath}: expected { "samples": [...] } at the top level`);
    }
    samples = json.samples;
  }
  return samples;
}

/** The same samples with strokes of `{ x, y }` points, the shape of core's `Stroke`. */
export function readUnipenPoints() {
  pointSamples ??= readUnipen().map((s) => ({
    ...s,
    strokes: s.strokes.map((stroke) => stroke.map(([x, y]) => ({ x, y }))),
  }));
  return pointSamples;
}
