import { existsSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import { TRAJECTORY_SIZE } from '@digit-canvas/core';

import { DEFAULT_TRAJECTORY_AUGMENT, trajectoryInputs } from '../data/trajectory-set.js';
import type { UnipenSample } from '../data/unipen.js';
import type { UnipenEvaluation } from '../evaluation/cnn.js';
import type { FormatResult } from '../evaluation/weight-formats.js';
import type { WeightFormat } from '../model/export.js';
import { createTrajectoryNetwork } from '../model/trajectory-network.js';
import type { Provenance } from '../provenance.js';
import { Random } from '../random.js';
import { Adam } from './adam.js';
import { BestWeights } from './best.js';
import { resumeRun, saveRun } from './checkpoint.js';
import { runEpoch, type ProgressHooks } from './epoch.js';
import { cosineDecay, type LearningRateSchedule } from './schedule.js';
import { validateTrajectoryTrainConfig, type TrajectoryTrainConfig } from './trajectory-config.js';
import { trajectoryBatch, trajectoryStep } from './trajectory-step.js';

export {
  DEFAULT_TRAJECTORY_TRAIN_CONFIG,
  TRAJECTORY_TRAIN_CONFIG_RULES,
  validateTrajectoryTrainConfig,
  type TrajectoryTrainConfig,
} from './trajectory-config.js';

/** One epoch of a trajectory run. */
export interface TrajectoryEpoch {
  epoch: number;
  /** Mean training loss per digit. */
  loss: number;
  /** Accuracy on the validation writers; null in a refit, which has none. */
  valAccuracy: number | null;
  learningRate: number;
  /** Wall time of the epoch, its validation included. */
  seconds: number;
}

export interface TrajectoryTrainResult {
  /** The weights of `bestEpoch`. */
  model: tfl.Sequential;
  /** The config the run used: the given one with every default filled. */
  config: TrajectoryTrainConfig;
  history: TrajectoryEpoch[];
  /** The epoch whose weights `model` holds: the best on the validation writers, or the last without them. */
  bestEpoch: number;
  /** Its validation accuracy; null without validation writers. */
  bestValAccuracy: number | null;
  fitSeconds: number;
}

/** reports/trajectory/training.json (and the run folder's copy), written by `train-trajectory`. */
export interface TrajectoryTrainingReport {
  name: 'trajectory';
  provenance: Provenance;
  backend: string;
  config: TrajectoryTrainConfig;
  parameters: number;
  trainCount: number;
  trainWriters: number;
  validationCount: number;
  validationWriters: number;
  history: TrajectoryEpoch[];
  bestEpoch: number;
  bestValAccuracy: number;
  /** Wall time of the training epochs, seconds. */
  fitSeconds: number;
  /** Each weight format's validation accuracy and size, and the one exported. */
  formats: FormatResult[];
  chosen: WeightFormat;
  /**
   * The run whose weights ship: the same recipe on every training writer (validation ones too),
   * its last epoch, in the `chosen` format. Null when the validated run's best epoch ships.
   */
  refit: TrajectoryRefit | null;
  exportedTo: string;
  /** The held-out writers, measured once after every choice (null without their file). */
  heldOut: {
    trajectory: UnipenEvaluation;
    fused: UnipenEvaluation;
    cnn: UnipenEvaluation;
  } | null;
}

/** What a refit on all the training writers did (see `TrajectoryTrainingReport.refit`). */
export interface TrajectoryRefit {
  trainCount: number;
  trainWriters: number;
  /** Training loss of its last epoch, the one that ships. */
  finalLoss: number;
  fitSeconds: number;
}

/** Hooks of a run: progress (the CNN's hooks), and where checkpoints go. */
export interface TrajectoryTrainHooks extends ProgressHooks {
  /** After each epoch, once its checkpoint is written. */
  onEpochEnd?(record: TrajectoryEpoch): void;
  /** Folder of the checkpoint written after every epoch (in its `trajectory-checkpoint/`). */
  checkpointDir?: string;
  /** Continue from the checkpoint in `checkpointDir`, when there is one. */
  resume?: boolean;
}

/** Accuracy of `model` on `samples` (undistorted), in [0, 1]. */
export function trajectoryAccuracy(
  model: tfl.LayersModel,
  samples: readonly UnipenSample[],
): number {
  if (samples.length === 0) throw new Error('no digit to measure the trajectory model on');
  const predicted = tf.tidy(() => {
    const x = trajectoryBatch(trajectoryInputs(samples), samples.length);
    return tf.argMax(model.predict(x) as tf.Tensor2D, 1).dataSync();
  });
  return samples.filter((s, i) => predicted[i] === s.label).length / samples.length;
}

/** A trajectory run's model and state: what the CNN's run has, on the trajectory network. */
interface TrajectoryRun {
  config: TrajectoryTrainConfig;
  model: tfl.Sequential;
  variables: tf.Variable[];
  adam: Adam;
  rng: Random;
  best: BestWeights;
  schedule: LearningRateSchedule;
  batches: number;
  history: TrajectoryEpoch[];
}

/** A fresh run: the seeded network, the project's Adam, the seeded PRNG, a cosine schedule. */
function startRun(config: TrajectoryTrainConfig, trainCount: number): TrajectoryRun {
  const model = createTrajectoryNetwork(config.seed);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const batches = Math.ceil(trainCount / config.batchSize);
  const totalSteps = batches * config.epochs;
  return {
    config,
    model,
    variables,
    adam: new Adam(variables),
    rng: new Random(config.seed),
    best: new BestWeights(variables),
    schedule: (step) => cosineDecay(step, totalSteps, config.learningRate, batches),
    batches,
    history: [],
  };
}

/** The checkpoint's tensors: the weights, then the best epoch's (Adam's moments follow). */
const checkpointTensors = (run: TrajectoryRun) => [...run.variables, ...run.best.weights];

/** Continues `run` from its checkpoint in `dir`; returns the first epoch left to train. */
async function resume(run: TrajectoryRun, dir: string): Promise<number> {
  const meta = await resumeRun(dir, run, run.config, checkpointTensors(run));
  run.history = meta.history as TrajectoryEpoch[];
  run.best.epoch = meta.bestEpoch as number;
  run.best.score = meta.bestValAccuracy as number | null;
  return meta.epoch + 1;
}

/** One epoch: a fresh shuffle and distortion of `training`, its steps, then validation. */
async function trainEpoch(
  run: TrajectoryRun,
  epoch: number,
  training: readonly UnipenSample[],
  validation: readonly UnipenSample[],
  hooks: ProgressHooks,
): Promise<TrajectoryEpoch> {
  const began = performance.now();
  const { batchSize, labelSmoothing } = run.config;
  let inputs: Float32Array = new Float32Array(0);
  let labels: Int32Array = new Int32Array(0);
  const size = (b: number) => Math.min(batchSize, training.length - b * batchSize);
  const totals = await runEpoch(
    {
      epoch,
      epochs: run.config.epochs,
      batches: run.batches,
      batchSize: size,
      prepare() {
        const order = run.rng.shuffle(Array.from(training.keys()));
        const samples = order.map((i) => training[i]!);
        inputs = trajectoryInputs(samples, { rng: run.rng, options: DEFAULT_TRAJECTORY_AUGMENT });
        labels = Int32Array.from(samples, (s) => s.label);
      },
      step: (b, lr) => {
        const at = b * batchSize;
        const end = at + size(b);
        const features = inputs.subarray(at * TRAJECTORY_SIZE, end * TRAJECTORY_SIZE);
        const batch = labels.subarray(at, end);
        return trajectoryStep(run.model, run.adam, features, batch, labelSmoothing, lr);
      },
    },
    run.schedule,
    () => run.adam.step,
    hooks,
  );
  return {
    epoch,
    loss: totals.loss,
    valAccuracy: validation.length > 0 ? trajectoryAccuracy(run.model, validation) : null,
    learningRate: totals.learningRate,
    seconds: (performance.now() - began) / 1000,
  };
}

/**
 * Trains the trajectory model on `training` (pen-drawn digits, distorted afresh every epoch by
 * the same stroke augmentation as the CNN's), keeping the weights of the epoch that reads
 * `validation` best, or with no `validation` (a refit, whose recipe a validated run chose) the
 * last epoch's. The CNN's training stack: its Adam (`adam.ts`) with a cosine decay from
 * `config.learningRate` (`schedule.ts`), seeded; `given` goes through
 * {@link validateTrajectoryTrainConfig}. With `hooks.checkpointDir` it checkpoints after every
 * epoch and, with `hooks.resume`, continues from there bit for bit (with the same config:
 * another one is refused; without a checkpoint it starts afresh).
 */
export async function trainTrajectory(
  training: readonly UnipenSample[],
  validation: readonly UnipenSample[],
  given: Partial<TrajectoryTrainConfig> = {},
  hooks: TrajectoryTrainHooks = {},
): Promise<TrajectoryTrainResult> {
  if (training.length === 0) throw new Error('no pen-drawn digit to train the trajectory model on');
  const config = validateTrajectoryTrainConfig(given);
  const run = startRun(config, training.length);
  const checkpoint = hooks.checkpointDir && join(hooks.checkpointDir, 'trajectory-checkpoint');
  const resuming = hooks.resume && checkpoint && existsSync(join(checkpoint, 'checkpoint.json'));
  const start = resuming ? await resume(run, checkpoint) : 1;
  for (let epoch = start; epoch <= config.epochs; epoch++) {
    const record = await trainEpoch(run, epoch, training, validation, hooks);
    run.history.push(record);
    run.best.offer(epoch, record.valAccuracy);
    if (checkpoint) {
      await saveRun(checkpoint, run, epoch, config, checkpointTensors(run), {
        history: run.history,
        bestEpoch: run.best.epoch,
        bestValAccuracy: run.best.score,
      });
    }
    hooks.onEpochEnd?.(record);
  }
  run.best.restore();
  return {
    model: run.model,
    config,
    history: run.history,
    bestEpoch: run.best.epoch,
    bestValAccuracy: run.best.score,
    fitSeconds: run.history.reduce((s, e) => s + e.seconds, 0),
  };
}
