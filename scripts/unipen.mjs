// The UNIPEN 1a pen-drawn digits of the held-out writers, for the repository's tests and
// benchmarks: every figure on UNIPEN is measured on them, so that all are comparable. They are
// not part of the project and are never copied into it: read them from ../shared beside the
// project, or from UNIPEN_PATH. (The trainer's published loadHeldOutUnipen() reads the same file
// for users, with the same rule: its test checks that both agree.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const unipenPath =
  process.env.UNIPEN_PATH || resolve(repoRoot, '../shared/data/unipen1a/digits.json');

/** A reason to skip, or false when the data is there. */
export function unipenSkipReason() {
  return existsSync(unipenPath)
    ? false
    : `UNIPEN 1a digits not found at ${unipenPath} (set UNIPEN_PATH to shared/data/unipen1a/digits.json); skipping real-handwriting checks.`;
}

/** The held-out writers: the CRC-32 of the writer id (UTF-8) is 0 mod 5 (58 of 268). */
export function isHeldOutWriter(writer) {
  return crc32(Buffer.from(writer, 'utf8')) % 5 === 0;
}

let samples = null;
let pointSamples = null;

/**
 * The held-out writers' samples as the file holds them (3,168 digits), read once per process;
 * throws the skip reason if the file is absent.
 */
export function readHeldOutUnipen() {
  if (!samples) {
    const skip = unipenSkipReason();
    if (skip) throw new Error(skip);
    const json = JSON.parse(readFileSync(unipenPath, 'utf8'));
    if (!Array.isArray(json.samples)) {
      throw new Error(`${unipenPath}: expected { "samples": [...] } at the top level`);
    }
    samples = json.samples.filter((s) => isHeldOutWriter(s.writer));
  }
  return samples;
}

/** The same samples with strokes of `{ x, y }` points, the shape of core's `Stroke`. */
export function readHeldOutUnipenPoints() {
  pointSamples ??= readHeldOutUnipen().map((s) => ({
    ...s,
    strokes: s.strokes.map((stroke) => stroke.map(([x, y]) => ({ x, y }))),
  }));
  return pointSamples;
}
