// Learning each writer's hand (reports/adapt/PROTOCOL.md): every writer's digits replayed in file
// order through core's Recognizer with a WriterProfile that learns the corrected and the
// unsure-but-right digits, beside the same digits read without a profile.
import {
  type Prediction,
  PROFILE_ACCEPT_BELOW,
  type Recognizer,
  type Stroke,
  WriterProfile,
  type WriterProfileOptions,
} from '@digit-canvas/core';

import type { Progress } from '../progress.js';

/** Writers with at least this many digits are also reported on their own. */
export const LARGE_WRITER_DIGITS = 100;

/** One digit of one writer, as the session replays it. */
export interface AdaptSample {
  readonly label: number;
  readonly writer: string;
  readonly strokes: readonly (readonly { x: number; y: number }[])[];
}

/** One writer's session: errors without and with the profile, and what the profile learnt. */
export interface WriterAdaptResult {
  writer: string;
  digits: number;
  errorsWithout: number;
  errorsWith: number;
  /** Digits read wrong with the profile, corrected and learnt. */
  corrections: number;
  /** Digits read right below core's `PROFILE_ACCEPT_BELOW`, accepted and learnt. */
  accepted: number;
}

/** Totals over a group of writers. */
export interface AdaptSummary {
  writers: number;
  digits: number;
  errorsWithout: number;
  errorsWith: number;
  accuracyWithout: number;
  accuracyWith: number;
  corrections: number;
  accepted: number;
}

/** One model setting's figures. */
export interface AdaptSetting {
  /** `shipped` (a) or `mnist-alone` (b). */
  id: string;
  title: string;
  /** The CNN's folder, as the reports print paths. */
  model: string;
  /** The trajectory model fused with it, or null (the CNN alone). */
  trajectoryModel: string | null;
  all: AdaptSummary;
  /** The writers with at least {@link LARGE_WRITER_DIGITS} digits. */
  large: AdaptSummary;
  /** Every writer, in the file's order. */
  writers: WriterAdaptResult[];
}

/** Reads one digit with or without a profile: its first choice and that choice's confidence. */
export type DigitReader = (
  index: number,
  profile: WriterProfile | null,
) => Promise<{ digit: number; confidence: number }>;

/** The samples grouped by writer, each writer's in file order, writers in order of appearance. */
export function byWriter<S extends AdaptSample>(samples: readonly S[]): Map<string, number[]> {
  const writers = new Map<string, number[]>();
  samples.forEach((s, i) => {
    const list = writers.get(s.writer);
    if (list) list.push(i);
    else writers.set(s.writer, [i]);
  });
  return writers;
}

function firstChoice(probabilities: readonly number[]): { digit: number; confidence: number } {
  let best = 0;
  for (let i = 1; i < probabilities.length; i++)
    if (probabilities[i] > probabilities[best]) best = i;
  return { digit: best, confidence: probabilities[best] };
}

/**
 * The protocol's session for every writer: `read` gives each digit's answer without a profile
 * (`null`) and with the writer's profile; wrong answers are corrected and learnt, right ones
 * below core's `PROFILE_ACCEPT_BELOW` accepted and learnt.
 */
export async function adaptSessions(
  samples: readonly AdaptSample[],
  read: DigitReader,
  profileOptions: WriterProfileOptions = {},
  progress?: Progress,
): Promise<WriterAdaptResult[]> {
  const results: WriterAdaptResult[] = [];
  progress?.start(samples.length, 'adapt');
  let done = 0;
  for (const [writer, indices] of byWriter(samples)) {
    const profile = new WriterProfile(profileOptions);
    const result: WriterAdaptResult = {
      writer,
      digits: indices.length,
      errorsWithout: 0,
      errorsWith: 0,
      corrections: 0,
      accepted: 0,
    };
    for (const i of indices) {
      const { label, strokes } = samples[i];
      const without = await read(i, null);
      if (without.digit !== label) result.errorsWithout++;
      const withProfile = await read(i, profile);
      if (withProfile.digit !== label) {
        result.errorsWith++;
        result.corrections++;
        profile.learn(strokes as Stroke[], label);
      } else if (withProfile.confidence < PROFILE_ACCEPT_BELOW) {
        result.accepted++;
        profile.learn(strokes as Stroke[], label);
      }
      progress?.update(++done, {});
    }
    results.push(result);
  }
  progress?.stop();
  return results;
}

/** Reads through `recognizer.predict(strokes, { profile })`: the code the element runs. */
export function recognizerReader(
  recognizer: Recognizer,
  samples: readonly AdaptSample[],
): DigitReader {
  return async (index, profile) => {
    const strokes = samples[index].strokes as Stroke[];
    const prediction: Prediction = await recognizer.predict(
      strokes,
      profile ? { profile } : undefined,
    );
    return firstChoice(prediction.probabilities);
  };
}

/**
 * Reads from probabilities computed once per digit (`predictBatch`, no profile), re-weighted by
 * the profile as `predict` does (`WriterProfile.adjust`): the same answers, fast enough to try
 * many tunings.
 */
export async function precomputedReader(
  recognizer: Recognizer,
  samples: readonly AdaptSample[],
): Promise<DigitReader> {
  const probabilities: number[][] = [];
  for (let start = 0; start < samples.length; start += 256) {
    const batch = samples.slice(start, start + 256).map((s) => s.strokes as Stroke[]);
    for (const p of await recognizer.predictBatch(batch)) probabilities.push(p.probabilities);
  }
  return (index, profile) => {
    const p = probabilities[index];
    const adjusted =
      profile && profile.size > 0 ? profile.adjust(p, samples[index].strokes as Stroke[]) : p;
    return Promise.resolve(firstChoice(adjusted));
  };
}

/** Totals over `writers`. */
export function summarize(writers: readonly WriterAdaptResult[]): AdaptSummary {
  const sum = (f: (w: WriterAdaptResult) => number) => writers.reduce((a, w) => a + f(w), 0);
  const digits = sum((w) => w.digits);
  const errorsWithout = sum((w) => w.errorsWithout);
  const errorsWith = sum((w) => w.errorsWith);
  return {
    writers: writers.length,
    digits,
    errorsWithout,
    errorsWith,
    accuracyWithout: digits ? 1 - errorsWithout / digits : 0,
    accuracyWith: digits ? 1 - errorsWith / digits : 0,
    corrections: sum((w) => w.corrections),
    accepted: sum((w) => w.accepted),
  };
}

/** A setting's report from its writers' sessions. */
export function adaptSetting(
  meta: Pick<AdaptSetting, 'id' | 'title' | 'model' | 'trajectoryModel'>,
  writers: WriterAdaptResult[],
): AdaptSetting {
  return {
    ...meta,
    all: summarize(writers),
    large: summarize(writers.filter((w) => w.digits >= LARGE_WRITER_DIGITS)),
    writers,
  };
}
