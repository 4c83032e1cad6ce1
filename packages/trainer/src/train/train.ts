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
import { BestWeights } from './best.js';
import { loadCheckpoint, resumeRun, saveCheckpoint, saveRun } from './checkpoint.js';
import { validateTrainConfig, type ResolvedTrainConfig, type TrainConfig } from './config.js';
import { DataParallelTrainer } from './data-parallel.js';
import { runEpoch, type ProgressHooks } from './epoch.js';
import { oneCycle, type LearningRateSchedule } from './schedule.js';
import { trainStep } from './step.js';
import type { EpochRecord, TrainResult } from './types.js';

export { trainStep } from './step.js';
export type { BatchProgress } from './epoch.js';

export interface TrainHooks extends ProgressHooks {
  /** After each epoch, once its checkpoint is written. */
  onEpochEnd?(record: EpochRecord): void;
  /** Output folder for checkpoints (written after every epoch). */
  checkpointDir?: string;
  /** Continue from the checkpoint in `checkpointDir`. */
  resume?: boolean;
}

/** Checkpoints of trainer versions before `workers` existed were trained on one thread. */
function withDefaults(saved: ResolvedTrainConfig): ResolvedTrainConfig {
  return { ...saved, workers: saved.workers ?? 1 };
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

/** A run's images: the training set, its seeded split and its epoch size. */
interface RunData {
  data: MnistSplit;
  /** Images from here on are the pen-drawn digits, redrawn every epoch. */
  mnistCount: number;
  strokes: readonly UnipenSample[];
  strokeImages: Uint8Array;
  /** The training order, shuffled in place every epoch. */
  trainIdx: Uint32Array;
  validationCount: number;
  validationImages: Float32Array;
  validationLabels: Uint8Array;
  batches: number;
}

/** The seeded split: `config.validation` MNIST images held out, the rest (and strokes) trained on. */
function splitRunData(
  mnist: MnistSplit,
  strokes: readonly UnipenSample[],
  config: ResolvedTrainConfig,
  rng: Random,
): RunData {
  const data = trainingSet(mnist, strokes);
  const order = rng.shuffle(Uint32Array.from({ length: mnist.count }, (_, i) => i));
  const validationIdx = order.subarray(0, config.validation);
  let pool = order.subarray(config.validation);
  if (strokes.length > 0) {
    const drawn = Uint32Array.from(strokes, (_, i) => mnist.count + i);
    pool = rng.shuffle(Uint32Array.from([...pool, ...drawn]));
  }
  const trainIdx = config.limit > 0 ? pool.subarray(0, Math.min(config.limit, pool.length)) : pool;
  return {
    data,
    mnistCount: mnist.count,
    strokes,
    strokeImages: data.images.subarray(mnist.count * PIXELS),
    trainIdx,
    validationCount: validationIdx.length,
    validationImages: toFloatBatch(data.images, validationIdx),
    validationLabels: Uint8Array.from(validationIdx, (i) => data.labels[i]!),
    batches: Math.floor(trainIdx.length / config.batchSize),
  };
}

/** The CNN's model and run state (what a trajectory run has too, on the CNN). */
interface CnnRun {
  config: ResolvedTrainConfig;
  net: Network;
  adam: Adam;
  rng: Random;
  best: BestWeights;
  schedule: LearningRateSchedule;
  history: EpochRecord[];
  fitSeconds: number;
  fitCpuSeconds: number;
}

/** The checkpoint's tensors: every network variable (Adam's moments follow). */
const checkpointTensors = (run: CnnRun) => allVariables(run.net);

/** Continues `run` from its checkpoint in `dir`; returns the last epoch it had completed. */
async function resume(run: CnnRun, dir: string | undefined, trainIdx: Uint32Array) {
  if (!dir) throw new Error('--resume needs the output folder of the run to continue');
  const meta = await resumeRun(dir, run, run.config, checkpointTensors(run), withDefaults);
  // The training order is shuffled in place every epoch, so the next shuffle starts from it.
  const savedOrder = meta.trainOrder as number[] | undefined;
  if (!savedOrder || savedOrder.length !== trainIdx.length) {
    throw new Error(`the checkpoint in ${dir} has no training order of ${trainIdx.length} images`);
  }
  trainIdx.set(savedOrder);
  run.history = meta.history as EpochRecord[];
  run.fitSeconds = meta.fitSeconds as number;
  run.fitCpuSeconds = (meta.fitCpuSeconds as number | undefined) ?? 0;
  const best = meta.best as { epoch: number; accuracy: number };
  if (best.epoch === meta.epoch) run.best.capture(best.epoch, best.accuracy);
  else if (best.epoch > 0) {
    await loadCheckpoint(`${dir}/best`, run.best.weights);
    run.best.epoch = best.epoch;
    run.best.score = best.accuracy;
  }
  return meta.epoch;
}

/** One epoch: strokes redrawn, the order reshuffled, its steps (here or on the workers), validation. */
async function trainEpoch(
  run: CnnRun,
  d: RunData,
  epoch: number,
  parallel: DataParallelTrainer | undefined,
  hooks: ProgressHooks,
): Promise<EpochRecord> {
  const { config, net, adam, rng } = run;
  const totals = await runEpoch(
    {
      epoch,
      epochs: config.epochs,
      batches: d.batches,
      batchSize: () => config.batchSize,
      prepare() {
        // Before the workers start the epoch: they read these images from the same memory.
        renderAugmentedStrokes(
          d.strokes,
          new Random(strokeSeed(config.seed, epoch)),
          d.strokeImages,
        );
        rng.shuffle(d.trainIdx);
        parallel?.beginEpoch(d.trainIdx, config.batchSize, rng);
      },
      step: (b, lr) =>
        parallel
          ? parallel.step(b, lr)
          : stepHere(net, adam, d.data, d.mnistCount, d.trainIdx, b, rng, config, lr),
    },
    run.schedule,
    () => adam.step,
    hooks,
  );
  run.fitSeconds += totals.seconds;
  run.fitCpuSeconds += totals.cpuSeconds;
  const probs = predictProbabilities(net, d.validationImages);
  const predicted = argmaxRows(probs);
  const hits = predicted.reduce((n, p, i) => n + (p === d.validationLabels[i] ? 1 : 0), 0);
  return {
    epoch,
    loss: totals.loss,
    accuracy: totals.accuracy,
    valLoss: crossEntropy(probs, d.validationLabels),
    valAccuracy: hits / d.validationLabels.length,
    learningRate: totals.learningRate,
    seconds: totals.seconds,
    samplesPerSec: totals.samples / totals.seconds,
  };
}

/** The epoch's checkpoint, and the best weights' (best/) when it is the best so far. */
async function checkpointEpoch(run: CnnRun, epoch: number, dir: string, trainIdx: Uint32Array) {
  const { adam, rng, best } = run;
  if (best.epoch === epoch) {
    const meta = { epoch, step: adam.step, rngState: rng.state };
    await saveCheckpoint(`${dir}/best`, meta, allVariables(run.net));
  }
  await saveRun(dir, run, epoch, run.config, checkpointTensors(run), {
    history: run.history,
    fitSeconds: run.fitSeconds,
    fitCpuSeconds: run.fitCpuSeconds,
    best: { epoch: best.epoch, accuracy: best.score },
    trainOrder: Array.from(trainIdx),
  });
}

/** The data-parallel workers of a run with `workers` > 1 and epochs left to train. */
async function startWorkers(run: CnnRun, d: RunData, startEpoch: number) {
  if (run.config.workers <= 1 || startEpoch >= run.config.epochs) return undefined;
  return DataParallelTrainer.start(run.config.workers, run.net, run.adam, d.data, {
    backend: tf.getBackend() as TrainerBackend,
    labelSmoothing: run.config.labelSmoothing,
    augment: run.config.augment,
    plainFrom: d.mnistCount,
  });
}

/**
 * Trains the CNN on `data` (MNIST training split) and, when given, on pen-drawn `strokes` (the
 * UNIPEN training writers' digits, see `splitByWriter`). A seeded shuffle holds out
 * `config.validation` MNIST images; the rest are augmented afresh every epoch, the pen-drawn
 * digits on their strokes before core's `preprocessStrokes` draws them (stroke-augment.ts), the
 * MNIST images on their pixels. The training stack the trajectory model shares: Adam (`adam.ts`)
 * with a one-cycle learning rate (`schedule.ts`), label smoothing; a checkpoint after every
 * epoch, resumed bit for bit; early stopping on validation accuracy, keeping the best weights.
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
  const rng = new Random(config.seed);
  const d = splitRunData(mnist, strokes, config, rng);
  const net = createNetwork(config.seed);
  const totalSteps = d.batches * config.epochs;
  const run: CnnRun = {
    config,
    net,
    adam: new Adam(trainableVariables(net)),
    rng,
    best: new BestWeights(allVariables(net)),
    schedule: (step) => oneCycle(step, totalSteps, config.learningRate),
    history: [],
    fitSeconds: 0,
    fitCpuSeconds: 0,
  };
  const startEpoch = hooks.resume ? await resume(run, hooks.checkpointDir, d.trainIdx) : 0;
  const parallel = await startWorkers(run, d, startEpoch);
  let stoppedEarly = false;
  try {
    for (let epoch = startEpoch + 1; epoch <= config.epochs && !stoppedEarly; epoch++) {
      const record = await trainEpoch(run, d, epoch, parallel, hooks);
      run.history.push(record);
      run.best.offer(epoch, record.valAccuracy);
      stoppedEarly =
        config.patience > 0 && epoch - run.best.epoch >= config.patience && epoch < config.epochs;
      if (hooks.checkpointDir) await checkpointEpoch(run, epoch, hooks.checkpointDir, d.trainIdx);
      hooks.onEpochEnd?.(record);
    }
  } finally {
    await parallel?.close();
  }
  run.best.restore();
  return {
    net,
    config,
    history: run.history,
    bestEpoch: run.best.epoch,
    stoppedEarly,
    fitSeconds: run.fitSeconds,
    fitCpuSeconds: run.fitCpuSeconds,
    trainCount: d.trainIdx.length,
    strokeCount: d.trainIdx.filter((i) => i >= mnist.count).length,
    validationCount: d.validationCount,
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
