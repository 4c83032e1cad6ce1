import * as tf from '@tensorflow/tfjs-core';

import type { TrainerBackend } from '../backend.js';
import { augmentBatch, toFloatBatch } from '../data/augment.js';
import { PIXELS, type MnistSplit } from '../data/mnist.js';
import { renderAugmentedStrokes } from '../data/stroke-augment.js';
import type { UnipenSample } from '../data/unipen.js';
import { allVariables, createNetwork, trainableVariables, type Network } from '../model/network.js';
import { argmaxRows, crossEntropy, predictProbabilities } from '../model/predict.js';
import { Random } from '../random.js';
import { Adam } from './adam.js';
import { loadCheckpoint, saveCheckpoint, type CheckpointMeta } from './checkpoint.js';
import { validateTrainConfig, type ResolvedTrainConfig, type TrainConfig } from './config.js';
import { DataParallelTrainer } from './data-parallel.js';
import { oneCycle } from './schedule.js';
import { trainStep } from './step.js';
import type { EpochRecord, TrainResult } from './types.js';

export { trainStep } from './step.js';

/** Reported after every batch (for progress bars). */
export interface BatchProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  loss: number;
  accuracy: number;
  samplesPerSec: number;
  learningRate: number;
}

export interface TrainHooks {
  onEpochStart?(epoch: number, batches: number): void;
  onBatch?(progress: BatchProgress): void;
  onEpochEnd?(record: EpochRecord): void;
  /** Output folder for checkpoints (written after every epoch). */
  checkpointDir?: string;
  /** Continue from the checkpoint in `checkpointDir`. */
  resume?: boolean;
}

/** Checkpoints of trainer versions before `workers` existed were trained on one thread. */
function withDefaults(saved: ResolvedTrainConfig | undefined): ResolvedTrainConfig | undefined {
  return saved && { ...saved, workers: saved.workers ?? 1 };
}

/** JSON with sorted keys, so that two configs compare by value whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * The training set: MNIST's images, then room for the pen-drawn digits, in shared memory so
 * that the data-parallel workers read the digits drawn for each epoch where they are written.
 */
function trainingSet(data: MnistSplit, strokes: readonly UnipenSample[]): MnistSplit {
  if (strokes.length === 0) return data;
  const count = data.count + strokes.length;
  const images = new Uint8Array(new SharedArrayBuffer(count * PIXELS));
  images.set(data.images.subarray(0, data.count * PIXELS));
  const labels = new Uint8Array(count);
  labels.set(data.labels.subarray(0, data.count));
  strokes.forEach((s, i) => (labels[data.count + i] = s.label));
  return { images, labels, count };
}

/** The seed of epoch `epoch`'s stroke drawing: from the run's seed alone, so resuming redraws it. */
function strokeSeed(seed: number, epoch: number): number {
  return (Math.imul(seed, 0x9e3779b1) + epoch) >>> 0;
}

/**
 * Trains the CNN on `data` (MNIST training split) and, when given, on pen-drawn `strokes` (the
 * UNIPEN training writers' digits, see `splitByWriter`). A seeded shuffle holds out
 * `config.validation` MNIST images; the rest are augmented afresh every epoch, the pen-drawn
 * digits on their strokes before core's `preprocessStrokes` draws them (stroke-augment.ts), the
 * MNIST images on their pixels. Adam with a one-cycle learning rate, label smoothing; a
 * checkpoint after every epoch; early stopping on validation accuracy, keeping the best weights.
 * `config` goes through {@link validateTrainConfig}: missing fields take their defaults, bad
 * values throw a RangeError before any work. `limit` caps the MNIST and pen-drawn digits
 * together.
 */
export async function train(
  mnist: MnistSplit,
  given: TrainConfig = {},
  hooks: TrainHooks = {},
  strokes: readonly UnipenSample[] = [],
): Promise<TrainResult> {
  const config = validateTrainConfig(given, mnist.count);
  const data = trainingSet(mnist, strokes);
  const rng = new Random(config.seed);
  const order = rng.shuffle(Uint32Array.from({ length: mnist.count }, (_, i) => i));
  const validationIdx = order.subarray(0, config.validation);
  let pool = order.subarray(config.validation);
  if (strokes.length > 0) {
    const drawn = Uint32Array.from(strokes, (_, i) => mnist.count + i);
    pool = rng.shuffle(Uint32Array.from([...pool, ...drawn]));
  }
  const trainIdx = config.limit > 0 ? pool.subarray(0, Math.min(config.limit, pool.length)) : pool;
  const strokeImages = data.images.subarray(mnist.count * PIXELS);
  const validationImages = toFloatBatch(data.images, validationIdx);
  const validationLabels = Uint8Array.from(validationIdx, (i) => data.labels[i]!);
  const batches = Math.floor(trainIdx.length / config.batchSize);
  const totalSteps = batches * config.epochs;

  const net = createNetwork(config.seed);
  const adam = new Adam(trainableVariables(net));
  // The checkpoint's layout: every network variable, then Adam's first and second moments.
  const stateVariables = [...allVariables(net), ...adam.m, ...adam.v];
  let history: EpochRecord[] = [];
  let fitSeconds = 0;
  let fitCpuSeconds = 0;
  let startEpoch = 0;
  let best = { epoch: 0, accuracy: -1, weights: [] as tf.Tensor[] };

  if (hooks.resume) {
    if (!hooks.checkpointDir)
      throw new Error('--resume needs the output folder of the run to continue');
    const meta = await loadCheckpoint(hooks.checkpointDir, stateVariables);
    const saved = withDefaults(meta.config as ResolvedTrainConfig | undefined);
    if (canonical(saved) !== canonical(config)) {
      throw new Error(
        `the checkpoint in ${hooks.checkpointDir} was made with other options:\n  saved: ${JSON.stringify(saved)}\n  given: ${JSON.stringify(config)}\n` +
          'resume with the options the run was started with, or train into another --out folder',
      );
    }
    // The training order is shuffled in place every epoch, so the next shuffle starts from it.
    const savedOrder = meta.trainOrder as number[] | undefined;
    if (!savedOrder || savedOrder.length !== trainIdx.length) {
      throw new Error(
        `the checkpoint in ${hooks.checkpointDir} has no training order of ${trainIdx.length} images`,
      );
    }
    trainIdx.set(savedOrder);
    startEpoch = meta.epoch;
    adam.step = meta.step;
    rng.state = meta.rngState;
    history = meta.history as EpochRecord[];
    fitSeconds = meta.fitSeconds as number;
    fitCpuSeconds = (meta.fitCpuSeconds as number | undefined) ?? 0;
    const bestMeta = meta.best as { epoch: number; accuracy: number };
    best = { ...bestMeta, weights: [] };
    if (bestMeta.epoch === startEpoch) best.weights = allVariables(net).map((v) => tf.clone(v));
    else if (bestMeta.epoch > 0) {
      const bestNet = createNetwork(config.seed);
      await loadCheckpoint(`${hooks.checkpointDir}/best`, allVariables(bestNet));
      best.weights = allVariables(bestNet);
    }
  }

  const parallel =
    config.workers > 1 && startEpoch < config.epochs
      ? await DataParallelTrainer.start(config.workers, net, adam, data, {
          backend: tf.getBackend() as TrainerBackend,
          labelSmoothing: config.labelSmoothing,
          augment: config.augment,
          plainFrom: mnist.count,
        })
      : undefined;
  let stoppedEarly = false;
  try {
    for (let epoch = startEpoch + 1; epoch <= config.epochs; epoch++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      // Before the workers start the epoch: they read these images from the same memory.
      renderAugmentedStrokes(strokes, new Random(strokeSeed(config.seed, epoch)), strokeImages);
      rng.shuffle(trainIdx);
      parallel?.beginEpoch(trainIdx, config.batchSize, rng);
      hooks.onEpochStart?.(epoch, batches);
      let lossSum = 0;
      let correct = 0;
      let lr = 0;
      for (let b = 0; b < batches; b++) {
        lr = oneCycle(adam.step, totalSteps, config.learningRate);
        const { loss, hits } = parallel
          ? await parallel.step(b, lr)
          : stepHere(net, adam, data, mnist.count, trainIdx, b, rng, config, lr);
        lossSum += loss;
        correct += hits;
        const seen = (b + 1) * config.batchSize;
        hooks.onBatch?.({
          epoch,
          epochs: config.epochs,
          batch: b + 1,
          batches,
          loss: lossSum / (b + 1),
          accuracy: correct / seen,
          samplesPerSec: seen / ((performance.now() - started) / 1000),
          learningRate: lr,
        });
      }
      const seconds = (performance.now() - started) / 1000;
      fitSeconds += seconds;
      const cpu = process.cpuUsage(cpuStarted);
      fitCpuSeconds += (cpu.user + cpu.system) / 1e6;
      const probs = predictProbabilities(net, validationImages);
      const predicted = argmaxRows(probs);
      const valAccuracy =
        predicted.reduce((n, p, i) => n + (p === validationLabels[i] ? 1 : 0), 0) /
        validationLabels.length;
      const record: EpochRecord = {
        epoch,
        loss: lossSum / batches,
        accuracy: correct / (batches * config.batchSize),
        valLoss: crossEntropy(probs, validationLabels),
        valAccuracy,
        learningRate: lr,
        seconds,
        samplesPerSec: (batches * config.batchSize) / seconds,
      };
      history.push(record);
      if (valAccuracy > best.accuracy) {
        tf.dispose(best.weights);
        best = { epoch, accuracy: valAccuracy, weights: allVariables(net).map((v) => tf.clone(v)) };
        if (hooks.checkpointDir) {
          await saveCheckpoint(
            `${hooks.checkpointDir}/best`,
            { epoch, step: adam.step, rngState: rng.state },
            allVariables(net),
          );
        }
      }
      stoppedEarly =
        config.patience > 0 && epoch - best.epoch >= config.patience && epoch < config.epochs;
      if (hooks.checkpointDir) {
        const meta: CheckpointMeta = {
          epoch,
          step: adam.step,
          rngState: rng.state,
          config,
          history,
          fitSeconds,
          fitCpuSeconds,
          best: { epoch: best.epoch, accuracy: best.accuracy },
          trainOrder: Array.from(trainIdx),
        };
        await saveCheckpoint(hooks.checkpointDir, meta, stateVariables);
      }
      hooks.onEpochEnd?.(record);
      if (stoppedEarly) break;
    }
  } finally {
    await parallel?.close();
  }
  if (best.weights.length > 0) {
    allVariables(net).forEach((v, i) => v.assign(best.weights[i]!));
    tf.dispose(best.weights);
  }
  return {
    net,
    config,
    history,
    bestEpoch: best.epoch,
    stoppedEarly,
    fitSeconds,
    fitCpuSeconds,
    trainCount: trainIdx.length,
    strokeCount: trainIdx.filter((i) => i >= mnist.count).length,
    validationCount: validationIdx.length,
  };
}

/** One step on this thread, augmenting batch `b` of `order` from the run's own `rng`. */
function stepHere(
  net: Network,
  adam: Adam,
  data: MnistSplit,
  plainFrom: number,
  order: Uint32Array,
  b: number,
  rng: Random,
  config: ResolvedTrainConfig,
  lr: number,
): { loss: number; hits: number } {
  const idx = order.subarray(b * config.batchSize, (b + 1) * config.batchSize);
  const images = augmentBatch(data.images, idx, rng, config.augment, plainFrom);
  const labels = Int32Array.from(idx, (i) => data.labels[i]!);
  return trainStep(net, adam, images, labels, config, lr);
}
