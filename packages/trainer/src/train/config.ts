import { availableParallelism } from 'node:os';

import { DEFAULT_AUGMENT, type AugmentOptions } from '../data/augment.js';
import { NON_NEGATIVE_INTEGER, POSITIVE_INTEGER, type NumberRule } from '../number-rules.js';
import { resolveNumbers, SHARED_TRAIN_RULES } from './rules.js';

/** How to train the CNN. Every field is optional; {@link validateTrainConfig} fills them in. */
export interface TrainConfig {
  /** Seed of the shuffle, validation split, augmentation and initial weights. Default 1. */
  seed?: number;
  /** Epochs; the one-cycle learning-rate schedule spans all of them. Default 6. */
  epochs?: number;
  /** Images per optimizer step. Default 64. */
  batchSize?: number;
  /** Peak learning rate of the one-cycle schedule. Default 3e-3. */
  learningRate?: number;
  /** Label smoothing of the cross-entropy, in [0, 1). Default 0.05. */
  labelSmoothing?: number;
  /** Images held out of the training set for validation and early stopping. Default 5000. */
  validation?: number;
  /** Train on the first N images (after the shuffle) only, e.g. a smoke run; 0 (default) = all. */
  limit?: number;
  /** Stop when validation accuracy has not improved for this many epochs (0 = never). Default 3. */
  patience?: number;
  /** Distortions of the training images; a missing field takes its {@link DEFAULT_AUGMENT} value. */
  augment?: AugmentOptions;
  /**
   * Threads that share every batch (each takes batchSize / workers images, with its own batch
   * statistics and augmentation stream). 1 trains on the calling thread. Part of the recipe: the
   * same seed and worker count give the same run. Default: every core (`availableParallelism()`).
   */
  workers?: number;
}

/** A {@link TrainConfig} with every field filled: what a run uses and records in its report. */
export type ResolvedTrainConfig = Required<Omit<TrainConfig, 'augment'>> & {
  augment: Required<AugmentOptions>;
};

/** The defaults of {@link TrainConfig}: the shipped model's recipe, but `epochs` and `workers`. */
export const DEFAULT_TRAIN_CONFIG: Readonly<ResolvedTrainConfig> = {
  seed: 1,
  epochs: 6,
  batchSize: 64,
  learningRate: 3e-3,
  labelSmoothing: 0.05,
  validation: 5000,
  limit: 0,
  patience: 3,
  augment: DEFAULT_AUGMENT,
  workers: availableParallelism(),
};

/** The numeric fields of {@link TrainConfig}. */
export type TrainConfigNumber = Exclude<keyof TrainConfig, 'augment'>;

/**
 * @internal What each numeric field accepts: {@link validateTrainConfig} throws with it, and the
 * CLI words its flag errors with it (`--epochs must be a positive integer, got "two"`). The
 * fields the trajectory model shares take {@link SHARED_TRAIN_RULES}, as its table does.
 */
export const TRAIN_CONFIG_RULES: Readonly<Record<TrainConfigNumber, NumberRule>> = {
  ...SHARED_TRAIN_RULES,
  validation: POSITIVE_INTEGER,
  limit: NON_NEGATIVE_INTEGER,
  patience: NON_NEGATIVE_INTEGER,
  workers: POSITIVE_INTEGER,
};

function resolveAugment(a: AugmentOptions = {}): Required<AugmentOptions> {
  const d = DEFAULT_AUGMENT;
  const augment = {
    rotation: a.rotation ?? d.rotation,
    scale: a.scale ?? d.scale,
    shear: a.shear ?? d.shear,
    translate: a.translate ?? d.translate,
    thicken: a.thicken ?? d.thicken,
    thin: a.thin ?? d.thin,
  };
  for (const [name, value] of Object.entries(augment)) {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`augment.${name} must be a finite number ≥ 0, got ${value}`);
    }
  }
  return augment;
}

/**
 * Copies `config`, fills in the defaults field by field and checks every value; throws a
 * `RangeError` saying what was expected and what was given. With `imageCount` (the training
 * split's size) it also checks that the validation split and one batch fit in it.
 */
export function validateTrainConfig(
  config: TrainConfig = {},
  imageCount?: number,
): ResolvedTrainConfig {
  const augment = resolveAugment(config.augment);
  // Filled in and checked as the trajectory model's config is (rules.ts).
  const { workers, ...numbers } = resolveNumbers(config, DEFAULT_TRAIN_CONFIG, TRAIN_CONFIG_RULES);
  // `augment` before `workers`: the order training.json has always recorded the config in.
  const c: ResolvedTrainConfig = { ...numbers, augment, workers };
  if (c.workers > c.batchSize) {
    throw new RangeError(
      `${c.workers} workers cannot share a batch of ${c.batchSize}: use at most --workers ${c.batchSize}`,
    );
  }
  if (imageCount !== undefined) {
    if (c.validation >= imageCount) {
      throw new RangeError(
        `validation must be an integer in [1, ${imageCount - 1}], got ${c.validation}`,
      );
    }
    const pool = imageCount - c.validation;
    const trainable = c.limit > 0 ? Math.min(c.limit, pool) : pool;
    if (trainable < c.batchSize) {
      throw new RangeError(
        `only ${trainable} training images for a batch size of ${c.batchSize}: ` +
          'lower --batch-size, or raise --limit or lower --validation to train on more images',
      );
    }
  }
  return c;
}
