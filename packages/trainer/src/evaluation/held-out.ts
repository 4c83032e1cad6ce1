import type { Recognizer } from '@digit-canvas/core';

import { heldOutSets } from '../held-out/registry.js';
import { type HeldOutSample, type HeldOutSet, loadHeldOut } from '../held-out/set.js';
import type { Progress } from '../progress.js';
import { evaluateViews, type HeldOutViews } from './cnn.js';

/** One held-out set's figures as evaluation.json holds them: which set, and each view's. */
export interface HeldOutResult {
  /** The set's id (`unipen`). */
  id: string;
  /** How the reports name the set (`UNIPEN 1a, held-out writers`). */
  title: string;
  /** What its digits are and how they are read, for the reports. */
  description: string;
  views: HeldOutViews;
}

/** A set and its held-out digits, loaded once and measured for each model of a run. */
export interface LoadedHeldOutSet {
  readonly set: HeldOutSet;
  readonly samples: readonly HeldOutSample[];
}

/**
 * The held-out digits of each of `sets` (default: every registered one); `paths[id]` is the
 * file given for a set on the command line, if any.
 */
export function loadHeldOutSets(
  paths: Readonly<Record<string, string | undefined>> = {},
  sets: readonly HeldOutSet[] = heldOutSets(),
): LoadedHeldOutSet[] {
  return sets.map((set) => {
    const path = paths[set.id];
    return { set, samples: loadHeldOut(set, path === undefined ? {} : { path }) };
  });
}

/**
 * `recognizer` on each loaded set, in order, every view the set and the recognizer have (only
 * the image view with `imageOnly`, e.g. for a baseline CNN).
 */
export async function evaluateOnHeldOutSets(
  recognizer: Recognizer,
  loaded: readonly LoadedHeldOutSet[],
  progress?: Progress,
  options: { imageOnly?: boolean } = {},
): Promise<HeldOutResult[]> {
  const results: HeldOutResult[] = [];
  for (const { set, samples } of loaded) {
    const views = await evaluateViews(
      recognizer,
      samples,
      {
        views: set.views,
        label: set.id,
        ...(set.minWriterSamples !== undefined ? { minWriterSamples: set.minWriterSamples } : {}),
        ...(options.imageOnly ? { imageOnly: true } : {}),
      },
      progress,
    );
    results.push({ id: set.id, title: set.title, description: set.description, views });
  }
  return results;
}
