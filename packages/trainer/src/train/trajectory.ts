import { existsSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import { NUM_CLASSES, TRAJECTORY_SIZE } from '@digit-canvas/core';

import { DEFAULT_TRAJECTORY_AUGMENT, trajectoryInputs } from '../data/trajectory-set.js';
import type { UnipenSample } from '../data/unipen.js';
import type { UnipenEvaluation } from '../evaluation/cnn.js';
import type { FormatResult } from '../evaluation/weight-formats.js';
import type { WeightFormat } from '../model/export.js';
import { createTrajectoryNetwork, TRAJECTORY_INPUT_SHAPE } from '../model/trajectory-network.js';
import type { Provenance } from '../provenance.js';
import { Random } from '../random.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import type { HostArray } from './flat.js';

/** Settings of a trajectory training run. */
export interface TrajectoryTrainConfig {
  /** Passes over the training writers' digits, each freshly distorted. */
  epochs: number;
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

/** One epoch of a trajectory run. */
export interface TrajectoryEpoch {
  epoch: number;
  loss: number;
  /** Accuracy on the validation writers; null in a refit, which has none. */
  valAccuracy: number | null;
  learningRate: number;
  seconds: number;
}

export interface TrajectoryTrainResult {
  /** The weights of `bestEpoch`. */
  model: tfl.Sequential;
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

/** Hooks of a run: progress, and where checkpoints go. */
export interface TrajectoryTrainHooks {
  onEpochEnd?(record: TrajectoryEpoch): void;
  /** Folder of the checkpoint written after every epoch. */
  checkpointDir?: string;
  /** Continue from the checkpoint in `checkpointDir`. */
  resume?: boolean;
}

/** `count` feature vectors as the model's input batch: [count, 1, 48, 5]. */
function inputBatch(features: Float32Array, count: number): tf.Tensor4D {
  return tf.tensor4d(features, [count, ...TRAJECTORY_INPUT_SHAPE] as [
    number,
    number,
    number,
    number,
  ]);
}

/** Accuracy of `model` on `samples` (undistorted), in [0, 1]. */
export function trajectoryAccuracy(
  model: tfl.LayersModel,
  samples: readonly UnipenSample[],
): number {
  if (samples.length === 0) throw new Error('no digit to measure the trajectory model on');
  const predicted = tf.tidy(() => {
    const x = tf.tensor4d(trajectoryInputs(samples), [
      samples.length,
      ...TRAJECTORY_INPUT_SHAPE,
    ] as [number, number, number, number]);
    return tf.argMax(model.predict(x) as tf.Tensor2D, 1).dataSync();
  });
  return samples.filter((s, i) => predicted[i] === s.label).length / samples.length;
}

/**
 * Trains the trajectory model on `training` (pen-drawn digits, distorted afresh every epoch by
 * the same stroke augmentation as the CNN's), keeping the weights of the epoch that reads
 * `validation` best, or with no `validation` (a refit, whose recipe a validated run chose) the
 * last epoch's. Adam with a cosine decay; seeded, so a run is repeatable. With
 * `hooks.checkpointDir` it checkpoints after every epoch and, with `hooks.resume`, continues from
 * there (with the same config: another one is refused).
 */
export async function trainTrajectory(
  training: readonly UnipenSample[],
  validation: readonly UnipenSample[],
  config: TrajectoryTrainConfig,
  hooks: TrajectoryTrainHooks = {},
): Promise<TrajectoryTrainResult> {
  if (training.length === 0) throw new Error('no pen-drawn digit to train the trajectory model on');
  const model = createTrajectoryNetwork(config.seed);
  const optimizer = tf.train.adam(config.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const weights = model.weights.map((w) => w.read() as tf.Variable);
  const best: HostArray[] = weights.map((w) => ({
    shape: w.shape,
    values: (w.dataSync() as Float32Array).slice(),
  }));
  const rng = new Random(config.seed);
  let history: TrajectoryEpoch[] = [];
  let bestEpoch = 0;
  let bestValAccuracy: number | null = null;
  let start = 1;

  // Adam's moments exist only after its first step: on resume one batch runs first, then the
  // checkpoint overwrites the weights, the moments and the step count it made.
  const optimizerState = async (): Promise<HostArray[]> =>
    (await optimizer.getWeights()).map((w) => ({
      shape: w.tensor.shape,
      values: (w.tensor.dataSync() as Float32Array).slice(),
    }));
  const checkpoint = hooks.checkpointDir && join(hooks.checkpointDir, 'trajectory-checkpoint');
  if (hooks.resume && checkpoint && existsSync(join(checkpoint, 'checkpoint.json'))) {
    await trainOneBatch(model, training.slice(0, 1));
    const adam = await optimizerState();
    const meta = await loadCheckpoint(checkpoint, [...weights, ...best, ...adam]);
    if (JSON.stringify(meta.config) !== JSON.stringify(config)) {
      throw new Error(
        `the checkpoint in ${checkpoint} was written with other options (${JSON.stringify(meta.config)}); resume with the same ones, or train into another --out`,
      );
    }
    const names = (await optimizer.getWeights()).map((w) => w.name);
    await optimizer.setWeights(
      adam.map((a, i) => ({ name: names[i]!, tensor: tf.tensor(a.values, a.shape as number[]) })),
    );
    rng.state = meta.rngState;
    history = meta.history as TrajectoryEpoch[];
    bestEpoch = meta.bestEpoch as number;
    bestValAccuracy = meta.bestValAccuracy as number | null;
    start = meta.epoch + 1;
  }

  for (let epoch = start; epoch <= config.epochs; epoch++) {
    const began = performance.now();
    const learningRate =
      (config.learningRate * (1 + Math.cos((Math.PI * (epoch - 1)) / config.epochs))) / 2;
    // tfjs optimizers have no setter for the rate, but Adam reads this field at every step.
    (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
    const order = rng.shuffle(Array.from(training.keys()));
    const inputs = trajectoryInputs(
      order.map((i) => training[i]!),
      { rng, options: DEFAULT_TRAJECTORY_AUGMENT },
    );
    const labels = order.map((i) => training[i]!.label);
    let lossSum = 0;
    for (let at = 0; at < order.length; at += config.batchSize) {
      const count = Math.min(config.batchSize, order.length - at);
      const x = inputBatch(
        inputs.subarray(at * TRAJECTORY_SIZE, (at + count) * TRAJECTORY_SIZE),
        count,
      );
      const y = smoothedTargets(labels.slice(at, at + count), config.labelSmoothing);
      lossSum += ((await model.trainOnBatch(x, y)) as number) * count;
      tf.dispose([x, y]);
    }
    const valAccuracy = validation.length > 0 ? trajectoryAccuracy(model, validation) : null;
    const record = {
      epoch,
      loss: lossSum / order.length,
      valAccuracy,
      learningRate,
      seconds: (performance.now() - began) / 1000,
    };
    history.push(record);
    if (valAccuracy === null || bestValAccuracy === null || valAccuracy > bestValAccuracy) {
      bestValAccuracy = valAccuracy;
      bestEpoch = epoch;
      weights.forEach((w, i) => best[i]!.values.set(w.dataSync() as Float32Array));
    }
    hooks.onEpochEnd?.(record);
    if (checkpoint) {
      await saveCheckpoint(
        checkpoint,
        {
          epoch,
          step: epoch * Math.ceil(training.length / config.batchSize),
          rngState: rng.state,
          config,
          history,
          bestEpoch,
          bestValAccuracy,
        },
        [...weights, ...best, ...(await optimizerState())],
      );
    }
  }
  best.forEach((b, i) => {
    const t = tf.tensor(b.values, b.shape as number[]);
    weights[i]!.assign(t);
    t.dispose();
  });
  return {
    model,
    history,
    bestEpoch,
    bestValAccuracy,
    fitSeconds: history.reduce((s, e) => s + e.seconds, 0),
  };
}

/** One-hot targets with `smoothing` of the mass spread evenly over all classes. */
function smoothedTargets(labels: number[], smoothing: number): tf.Tensor2D {
  return tf.tidy(() =>
    tf.add(
      tf.mul(tf.oneHot(tf.tensor1d(labels, 'int32'), NUM_CLASSES), 1 - smoothing),
      smoothing / NUM_CLASSES,
    ),
  );
}

async function trainOneBatch(
  model: tfl.LayersModel,
  samples: readonly UnipenSample[],
): Promise<void> {
  const x = tf.tensor4d(trajectoryInputs(samples), [samples.length, ...TRAJECTORY_INPUT_SHAPE] as [
    number,
    number,
    number,
    number,
  ]);
  const y = tf.oneHot(
    tf.tensor1d(
      samples.map((s) => s.label),
      'int32',
    ),
    NUM_CLASSES,
  );
  await model.trainOnBatch(x, y);
  tf.dispose([x, y]);
}
