import type { LearningRateSchedule } from './schedule.js';

/** Reported after every batch (for progress bars). */
export interface BatchProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Mean loss of the epoch's batches so far (per sample). */
  loss: number;
  /** Training accuracy of the epoch so far. */
  accuracy: number;
  samplesPerSec: number;
  learningRate: number;
}

/** The progress hooks every trainer calls, in the same order: what a progress bar needs. */
export interface ProgressHooks {
  onEpochStart?(epoch: number, batches: number): void;
  onBatch?(progress: BatchProgress): void;
}

/** What one optimizer step on a batch measured. */
export interface StepResult {
  /** Mean loss of the batch. */
  loss: number;
  /** Samples of the batch predicted right. */
  hits: number;
}

/** The sums of one epoch's batches. */
export interface EpochTotals {
  /** Mean loss per sample. */
  loss: number;
  accuracy: number;
  /** The rate of the epoch's last step. */
  learningRate: number;
  samples: number;
  /** Wall time of the epoch's batches, their preparation included. */
  seconds: number;
  /** CPU time (user + system, every thread) of the same. */
  cpuSeconds: number;
}

/** One epoch of a run: which it is, its batches, and how to take a step on batch `b`. */
export interface EpochPlan {
  epoch: number;
  epochs: number;
  batches: number;
  /** Samples in batch `b`. */
  batchSize(b: number): number;
  /** The epoch's preparation (shuffle, distortions), timed with it, before `onEpochStart`. */
  prepare?(): void;
  /** One optimizer step on batch `b` at learning rate `lr`. */
  step(b: number, lr: number): StepResult | Promise<StepResult>;
}

/**
 * Runs one epoch the way both trainers do: each batch at the rate `schedule` gives for the
 * optimizer's step count (`step()` returns it, read before each step), progress after each.
 */
export async function runEpoch(
  plan: EpochPlan,
  schedule: LearningRateSchedule,
  optimizerStep: () => number,
  hooks: ProgressHooks = {},
): Promise<EpochTotals> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  plan.prepare?.();
  hooks.onEpochStart?.(plan.epoch, plan.batches);
  let lossSum = 0;
  let hits = 0;
  let samples = 0;
  let learningRate = 0;
  for (let b = 0; b < plan.batches; b++) {
    learningRate = schedule(optimizerStep());
    const count = plan.batchSize(b);
    const result = await plan.step(b, learningRate);
    lossSum += result.loss * count;
    hits += result.hits;
    samples += count;
    hooks.onBatch?.({
      epoch: plan.epoch,
      epochs: plan.epochs,
      batch: b + 1,
      batches: plan.batches,
      loss: lossSum / samples,
      accuracy: hits / samples,
      samplesPerSec: samples / ((performance.now() - started) / 1000),
      learningRate,
    });
  }
  const cpu = process.cpuUsage(cpuStarted);
  return {
    loss: lossSum / samples,
    accuracy: hits / samples,
    learningRate,
    samples,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
