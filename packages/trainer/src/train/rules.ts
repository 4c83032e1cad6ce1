import {
  checkNumbers,
  NON_NEGATIVE_INTEGER,
  POSITIVE_INTEGER,
  type NumberRule,
} from '../number-rules.js';

/** The numeric settings every trainer has (the CNN's and the trajectory model's). */
export interface SharedTrainNumbers {
  /** Seed of the initial weights, the shuffles and the distortions. */
  seed: number;
  epochs: number;
  batchSize: number;
  /** Adam's (peak or starting) learning rate. */
  learningRate: number;
  /** Target mass spread over the other classes, in [0, 1). */
  labelSmoothing: number;
}

/**
 * The rules of {@link SharedTrainNumbers}, stated once so that the two models' tables cannot
 * drift: each model's table spreads these and adds its own fields.
 */
export const SHARED_TRAIN_RULES: Readonly<Record<keyof SharedTrainNumbers, NumberRule>> = {
  seed: NON_NEGATIVE_INTEGER,
  epochs: POSITIVE_INTEGER,
  batchSize: POSITIVE_INTEGER,
  learningRate: { expected: 'a number in (0, 1)', check: (v) => v > 0 && v < 1 },
  labelSmoothing: { expected: 'in [0, 1)', check: (v) => v >= 0 && v < 1 },
};

/**
 * `given` with every absent numeric field taken from `defaults`, each checked by its rule
 * (a RangeError names the field, what it expects and what it got): how each model's
 * validate*Config() treats a config, whose CLI parses its flags by the same `rules` with
 * `numbersFromFlags`.
 */
export function resolveNumbers<K extends string>(
  given: Partial<Record<K, number>>,
  defaults: Readonly<Record<K, number>>,
  rules: Readonly<Record<K, NumberRule>>,
): Record<K, number> {
  const resolved = {} as Record<K, number>;
  for (const field of Object.keys(rules) as K[]) resolved[field] = given[field] ?? defaults[field];
  checkNumbers(resolved, rules);
  return resolved;
}
