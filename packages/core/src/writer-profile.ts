import { errorMessage } from './internal/error-message.js';
import { preprocessStrokes } from './preprocess-strokes.js';
import { parseStrokes } from './strokes.js';
import { trajectoryFeatures } from './trajectory.js';
import type { Stroke } from './types.js';

/** What {@link WriterProfile.toJSON} writes and {@link WriterProfile.fromJSON} reads. */
export interface WriterProfileJSON {
  format: 'digit-canvas-writer-profile';
  version: 1;
  /** The kept examples, oldest first. */
  examples: { digit: number; strokes: Stroke[] }[];
}

/** Options of a {@link WriterProfile}. */
export interface WriterProfileOptions {
  /**
   * Most examples kept (default {@link DEFAULT_PROFILE_EXAMPLES}, at most
   * {@link MAX_PROFILE_EXAMPLES}). When a new one would exceed it, the oldest example of the digit
   * with the most examples is dropped, so every digit the writer showed stays represented.
   */
  maxExamples?: number;
  /**
   * Other values of the rule's knobs, for measuring and tuning it (see `PROFILE_TUNING`; the
   * defaults were chosen on the UNIPEN training writers). Not saved by `toJSON`.
   */
  tuning?: Partial<ProfileTuning>;
}

/** The default cap on a profile's examples: 200 (20 per digit). */
export const DEFAULT_PROFILE_EXAMPLES = 200;

/** The largest `maxExamples` accepted (also the most examples `fromJSON` reads). */
export const MAX_PROFILE_EXAMPLES = 5000;

/**
 * A right answer less sure than this is worth keeping in a profile (the writer's hard cases; a
 * sure one only fills the cap): the element's `accept()` and `evaluate --adapt`'s protocol both
 * learn such answers.
 */
export const PROFILE_ACCEPT_BELOW = 0.9;

const FORMAT = 'digit-canvas-writer-profile';
const NUM_DIGITS = 10;

/**
 * How a profile re-weights the recognizer's probabilities, tuned on the UNIPEN
 * training writers only (reports/adapt/PROTOCOL.md): each kept example is compared with the new
 * digit (similarity = `pixelWeight` × cosine of the `preprocessStrokes` images + the rest ×
 * cosine of the centred `trajectoryFeatures`); the `neighbours` most similar vote for their
 * digit with weight max(0, similarity − `threshold`); digit c's probability is multiplied by
 * exp(`strength` × its votes), then all are normalised.
 *
 * Chosen on the 210 UNIPEN training writers with the CNN trained on MNIST alone (66 tunings,
 * reports/adapt/tuning.json): 468 errors without a profile, 163 with this one, 1 writer of 210
 * read worse (by one digit). Tunings within a few errors of it (165–170) made 2–9 writers worse.
 */
export const PROFILE_TUNING = {
  pixelWeight: 0.3,
  neighbours: 5,
  threshold: 0.5,
  strength: 6,
};

/** The knobs of the profile's rule (see {@link PROFILE_TUNING}). */
export type ProfileTuning = typeof PROFILE_TUNING;

/** @internal One kept example's features, unit length, computed once. */
export interface ProfileFeatures {
  pixels: Float32Array;
  trajectory: Float32Array;
}

interface Example {
  readonly digit: number;
  readonly strokes: Stroke[];
  features?: ProfileFeatures;
}

/** @internal The features a profile compares: the image and the centred pen path, unit length. */
export function profileFeatures(strokes: readonly Stroke[]): ProfileFeatures {
  const pixels = preprocessStrokes(strokes as Stroke[]);
  const trajectory = trajectoryFeatures(strokes);
  let mean = 0;
  for (const v of trajectory) mean += v;
  mean /= trajectory.length;
  for (let i = 0; i < trajectory.length; i++) trajectory[i] -= mean;
  return { pixels: unit(pixels), trajectory: unit(trajectory) };
}

function unit(values: Float32Array): Float32Array {
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i] /= norm;
  return values;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** @internal Similarity of two digits' features, in [-1, 1]. */
export function similarity(a: ProfileFeatures, b: ProfileFeatures, pixelWeight: number): number {
  return (
    pixelWeight * dot(a.pixels, b.pixels) + (1 - pixelWeight) * dot(a.trajectory, b.trajectory)
  );
}

/**
 * @internal Re-weights 10 probabilities by the votes of the examples most similar to `query`
 * (see {@link PROFILE_TUNING}); returns them unchanged when no example is similar enough.
 */
export function reweight(
  probabilities: readonly number[],
  query: ProfileFeatures,
  examples: readonly { digit: number; features: ProfileFeatures }[],
  tuning: ProfileTuning = PROFILE_TUNING,
): number[] {
  if (examples.length === 0) return probabilities.slice();
  const scored = examples.map((e) => ({
    digit: e.digit,
    score: similarity(query, e.features, tuning.pixelWeight),
  }));
  scored.sort((a, b) => b.score - a.score);
  const votes = new Array<number>(NUM_DIGITS).fill(0);
  let any = false;
  for (const { digit, score } of scored.slice(0, tuning.neighbours)) {
    if (score > tuning.threshold) {
      votes[digit] += score - tuning.threshold;
      any = true;
    }
  }
  if (!any) return probabilities.slice();
  const top = Math.max(...votes);
  const weighted = probabilities.map((p, c) => p * Math.exp(tuning.strength * (votes[c] - top)));
  const total = weighted.reduce((a, b) => a + b, 0);
  return total > 0 ? weighted.map((p) => p / total) : probabilities.slice();
}

function checkDigit(digit: unknown, where: string): number {
  if (typeof digit !== 'number' || !Number.isInteger(digit)) {
    throw new TypeError(
      `${where} must be an integer digit 0–9, got ${typeof digit === 'number' ? digit : typeof digit}.`,
    );
  }
  if (digit < 0 || digit > 9) throw new RangeError(`${where} must be a digit 0–9, got ${digit}.`);
  return digit;
}

function checkStrokes(input: unknown, where: string): Stroke[] {
  if (!Array.isArray(input)) {
    throw new TypeError(`${where} must be an array of strokes, got ${typeof input}.`);
  }
  let strokes: Stroke[];
  try {
    strokes = parseStrokes(input);
  } catch (err) {
    throw new (err instanceof RangeError ? RangeError : TypeError)(
      `${where}: ${errorMessage(err)}`,
    );
  }
  if (!strokes.some((s) => s.length > 0)) {
    throw new RangeError(`${where} has no point: an empty drawing teaches nothing.`);
  }
  return strokes;
}

function checkMaxExamples(value: unknown): number {
  if (value === undefined) return DEFAULT_PROFILE_EXAMPLES;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`maxExamples must be an integer, got ${String(value)}.`);
  }
  if (value < 1 || value > MAX_PROFILE_EXAMPLES) {
    throw new RangeError(`maxExamples must be in 1–${MAX_PROFILE_EXAMPLES}, got ${value}.`);
  }
  return value;
}

/**
 * What one writer's hand looks like: the digits they drew and what each one was (a correction,
 * or an answer they accepted). Given to `Recognizer.recognize(strokes, { profile })` or
 * `predict(strokes, { profile })`, it re-weights the recognizer's probabilities towards the
 * digits this writer drew most alike; the answer is then marked `decidedBy: 'profile'` when it
 * differs from the one without the profile. An empty profile changes nothing. Profiles read
 * strokes: for an image or a 28×28 array the profile is ignored.
 *
 * It keeps the strokes (small, independent of the model, so a saved profile survives a model
 * update) and computes each example's features once, when first needed. Save it with
 * `JSON.stringify(profile)` and restore it with {@link WriterProfile.fromJSON}.
 */
export class WriterProfile {
  /** Most examples kept; see {@link WriterProfileOptions.maxExamples}. */
  readonly maxExamples: number;
  #examples: Example[] = [];
  readonly #tuning: ProfileTuning;

  constructor(options: WriterProfileOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`WriterProfile options must be an object, got ${String(options)}.`);
    }
    this.maxExamples = checkMaxExamples(options.maxExamples);
    this.#tuning = { ...PROFILE_TUNING, ...options.tuning };
  }

  /**
   * Keeps `input` (strokes, checked by `parseStrokes`) as an example of `digit` (an integer 0–9).
   * When the profile is full, first drops the oldest example of the digit with the most examples
   * (the oldest such digit's on a tie). Throws a TypeError or RangeError naming what is wrong.
   */
  learn(input: Stroke[], digit: number): void {
    const d = checkDigit(digit, 'digit');
    const strokes = checkStrokes(input, 'strokes');
    this.#add({ digit: d, strokes });
  }

  #add(example: Example): void {
    if (this.#examples.length >= this.maxExamples) {
      const counts = new Array<number>(NUM_DIGITS).fill(0);
      for (const e of this.#examples) counts[e.digit]++;
      counts[example.digit]++; // the new one counts: it may be its own digit's turn to give way
      const most = Math.max(...counts);
      const drop = this.#examples.findIndex((e) => counts[e.digit] === most);
      this.#examples.splice(drop, 1);
    }
    this.#examples.push(example);
  }

  /** How many examples are kept. */
  get size(): number {
    return this.#examples.length;
  }

  /** Forgets every example. */
  clear(): void {
    this.#examples = [];
  }

  /** The kept examples, oldest first, as plain JSON (strokes as given, copied). */
  toJSON(): WriterProfileJSON {
    return {
      format: FORMAT,
      version: 1,
      examples: this.#examples.map((e) => ({
        digit: e.digit,
        strokes: e.strokes.map((s) => s.map((p) => ({ ...p }))),
      })),
    };
  }

  /**
   * A profile from what {@link toJSON} wrote (parsed JSON, from storage or the network: untrusted).
   * Checks the format, version, number of examples and each example's digit and strokes
   * (`parseStrokes`); throws a TypeError or RangeError naming the field and index at fault.
   * The cap is the larger of the default and the number of examples read.
   */
  static fromJSON(json: unknown): WriterProfile {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new TypeError(
        `WriterProfile.fromJSON expects an object, got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}.`,
      );
    }
    const { format, version, examples } = json as Record<string, unknown>;
    if (format !== FORMAT) {
      throw new TypeError(
        `WriterProfile.fromJSON: format must be "${FORMAT}", got ${JSON.stringify(format)}.`,
      );
    }
    if (version !== 1) {
      throw new RangeError(
        `WriterProfile.fromJSON: version must be 1, got ${JSON.stringify(version)}.`,
      );
    }
    if (!Array.isArray(examples)) {
      throw new TypeError(
        `WriterProfile.fromJSON: examples must be an array, got ${typeof examples}.`,
      );
    }
    if (examples.length > MAX_PROFILE_EXAMPLES) {
      throw new RangeError(
        `WriterProfile.fromJSON: examples holds ${examples.length} entries, at most ${MAX_PROFILE_EXAMPLES} are read.`,
      );
    }
    const profile = new WriterProfile({
      maxExamples: Math.max(DEFAULT_PROFILE_EXAMPLES, examples.length),
    });
    examples.forEach((example: unknown, i) => {
      const where = `WriterProfile.fromJSON: examples[${i}]`;
      if (typeof example !== 'object' || example === null) {
        throw new TypeError(
          `${where} must be an object { digit, strokes }, got ${String(example)}.`,
        );
      }
      const e = example as Record<string, unknown>;
      const digit = checkDigit(e.digit, `${where}.digit`);
      const strokes = checkStrokes(e.strokes, `${where}.strokes`);
      profile.#examples.push({ digit, strokes });
    });
    return profile;
  }

  /**
   * The recognizer's 10 probabilities for `strokes`, re-weighted by this profile (a copy of them
   * when it is empty): what `predict(strokes, { profile })` does to the fused probabilities. For
   * evaluation and tuning; `strokes` are taken as valid (`parseStrokes`' output).
   */
  adjust(probabilities: readonly number[], strokes: readonly Stroke[]): number[] {
    if (this.#examples.length === 0) return probabilities.slice();
    const examples = this.#examples.map((e) => ({
      digit: e.digit,
      features: (e.features ??= profileFeatures(e.strokes)),
    }));
    return reweight(probabilities, profileFeatures(strokes), examples, this.#tuning);
  }
}
