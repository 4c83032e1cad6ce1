import type { Stroke } from '@digit-canvas/core';

/**
 * How a held-out set's digits can be read: `image`, the digit as a 28×28 image (strokes are
 * drawn into one by core's preprocessStrokes, as the element does); `trajectory`, the pen path
 * itself (only digits written as strokes have one). The CNN reads the image view, the trajectory
 * model the trajectory view, and a set with both is also measured with the two fused.
 */
export type HeldOutView = 'image' | 'trajectory';

/** One labelled digit of a held-out set. */
export interface HeldOutSample {
  readonly label: number;
  /** Who wrote it (e.g. a UNIPEN writer id): the reports rank the writers read worst. */
  readonly writer: string;
  /** The digit as pen strokes, in capture order (sets with the `trajectory` view). */
  readonly strokes?: Stroke[];
  /** The digit as an image in core's MNIST layout, PIXELS floats (image-only sets). */
  readonly image?: Float32Array;
}

/** What `evaluate` hands a set's `load`: the file given on the command line, if any. */
export interface HeldOutLoadOptions {
  /** `--<set id> FILE` (e.g. `--unipen FILE`); absent: the set's own default. */
  readonly path?: string;
}

/** How a set is split into what training may learn from and what is held out. */
export interface HeldOutSplit {
  /** The rule in a few words, as the reports state it. */
  readonly rule: string;
  /** Whether `sample` is held out: never trained on, tuned on or used to pick an epoch. */
  isHeldOut(sample: HeldOutSample): boolean;
}

/**
 * A held-out set: one module says how to load it, which views it has and how it splits. Register
 * it with one line in ./registry.ts and `evaluate`, evaluation.json/.md, the docs' model report
 * and the README's accuracy table measure and show it.
 */
export interface HeldOutSet<S extends HeldOutSample = HeldOutSample> {
  /** Key in the reports (`heldOut[id=unipen]`), SVG names and `--<id> FILE`; [a-z0-9-]. */
  readonly id: string;
  /** How every report names its held-out digits, e.g. `UNIPEN 1a, held-out writers`. */
  readonly title: string;
  /** One or two sentences for the reports: what the digits are and how they are read. */
  readonly description: string;
  /** The views its digits have; `image` always (strokes can be drawn into an image). */
  readonly views: readonly HeldOutView[];
  /** Every digit of the set (training and held-out ones); throws naming the file on bad data. */
  load(options?: HeldOutLoadOptions): S[];
  readonly split: HeldOutSplit;
  /** Writers ranked in `worstWriters` need at least this many digits (default 20). */
  readonly minWriterSamples?: number;
}

/**
 * The held-out digits of `set`, what every report measures on. Throws when there are none,
 * rather than reporting an accuracy of nothing.
 */
export function loadHeldOut<S extends HeldOutSample>(
  set: HeldOutSet<S>,
  options: HeldOutLoadOptions = {},
): S[] {
  const heldOut = set.load(options).filter((s) => set.split.isHeldOut(s));
  if (heldOut.length === 0) {
    throw new Error(
      `${set.title}: ${options.path ?? 'its data'} has no held-out digit (${set.split.rule}): nothing to measure on`,
    );
  }
  return heldOut;
}
