import type { NumberRule } from '../number-rules.js';
import { resolveNumbers, SHARED_TRAIN_RULES, type SharedTrainNumbers } from './rules.js';

/** Settings of a trajectory training run. */
export interface TrajectoryTrainConfig extends SharedTrainNumbers {
  /** Passes over the training writers' digits, each freshly distorted. */
  epochs: number;
  /** Digits per optimizer step (the last batch of an epoch may be smaller). */
  batchSize: number;
  /** Adam's learning rate at the start; it falls to 0 along a cosine over the run. */
  learningRate: number;
  /** Seed of the initial weights, the shuffles and the distortions. */
  seed: number;
  /** Target mass spread over the other classes, as in the CNN's training (less overconfidence). */
  labelSmoothing: number;
}

export const DEFAULT_TRAJECTORY_TRAIN_CONFIG: Readonly<TrajectoryTrainConfig> = {
  epochs: 40,
  batchSize: 64,
  learningRate: 2e-3,
  seed: 1,
  labelSmoothing: 0.05,
};

/**
 * @internal What each field of {@link TrajectoryTrainConfig} accepts: the CNN's rules for the
 * same fields (the trajectory model has no other). {@link validateTrajectoryTrainConfig} throws
 * with them and `train-trajectory` words its flag errors with them. In the order of the
 * config's fields, the order training.json records them in.
 */
export const TRAJECTORY_TRAIN_CONFIG_RULES: Readonly<
  Record<keyof TrajectoryTrainConfig, NumberRule>
> = {
  epochs: SHARED_TRAIN_RULES.epochs,
  batchSize: SHARED_TRAIN_RULES.batchSize,
  learningRate: SHARED_TRAIN_RULES.learningRate,
  seed: SHARED_TRAIN_RULES.seed,
  labelSmoothing: SHARED_TRAIN_RULES.labelSmoothing,
};

/**
 * Copies `config`, fills in the defaults field by field and checks every value by
 * {@link TRAJECTORY_TRAIN_CONFIG_RULES}; throws a `RangeError` saying what was expected and what
 * was given.
 */
export function validateTrajectoryTrainConfig(
  config: Partial<TrajectoryTrainConfig> = {},
): TrajectoryTrainConfig {
  return resolveNumbers(config, DEFAULT_TRAJECTORY_TRAIN_CONFIG, TRAJECTORY_TRAIN_CONFIG_RULES);
}
