import { availableParallelism } from 'node:os';

import { PIXELS } from '../data/mnist.js';
import { checkNumbers, integerIn, type NumberRule } from '../number-rules.js';

/** How to fit the decision tree and the random forest. Every field is optional. */
export interface BaselinesConfig {
  /** Seed of the forest's bootstrap and feature draws. Default 1. */
  seed?: number;
  /** Trees in the forest. Default 100. */
  trees?: number;
  /** Deepest split level of every tree; null (the default) grows them fully. */
  maxDepth?: number | null;
  /** Features examined per forest split. Default 28, √784 as scikit-learn. */
  maxFeatures?: number;
  /** Fit on the first N training images only. Default 60000: all of MNIST's. */
  trainCount?: number;
  /** Threads fitting forest trees; the forest is the same for any count. Default: every core. */
  workers?: number;
}

/** A {@link BaselinesConfig} with every field filled. */
export type ResolvedBaselinesConfig = Required<BaselinesConfig>;

/** @internal What each field accepts (see number-rules.ts). */
export const BASELINES_CONFIG_RULES: Readonly<Record<keyof BaselinesConfig, NumberRule>> = {
  seed: integerIn(0, 0xffffffff),
  trees: integerIn(1, 10000),
  maxDepth: integerIn(0, 10000),
  maxFeatures: integerIn(1, PIXELS),
  trainCount: integerIn(2, 60000),
  workers: integerIn(1, 64),
};

/** The defaults of {@link BaselinesConfig}: the settings of the committed reports/baselines. */
export const DEFAULT_BASELINES_CONFIG: Readonly<ResolvedBaselinesConfig> = {
  seed: 1,
  trees: 100,
  maxDepth: null,
  maxFeatures: Math.round(Math.sqrt(PIXELS)),
  trainCount: 60000,
  workers: Math.min(64, availableParallelism()),
};

/** Copies `config`, fills in the defaults and throws a RangeError on a value out of range. */
export function validateBaselinesConfig(config: BaselinesConfig = {}): ResolvedBaselinesConfig {
  const d = DEFAULT_BASELINES_CONFIG;
  const c: ResolvedBaselinesConfig = {
    seed: config.seed ?? d.seed,
    trees: config.trees ?? d.trees,
    maxDepth: config.maxDepth ?? d.maxDepth,
    maxFeatures: config.maxFeatures ?? d.maxFeatures,
    trainCount: config.trainCount ?? d.trainCount,
    workers: config.workers ?? d.workers,
  };
  checkNumbers(c, BASELINES_CONFIG_RULES);
  return c;
}
