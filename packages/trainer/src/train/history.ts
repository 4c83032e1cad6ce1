import { parameterCount } from '../model/network.js';
import type { Provenance } from '../provenance.js';
import type { ResolvedTrainConfig } from './config.js';
import type { EpochRecord, TrainResult } from './types.js';

/** reports/cnn/training.json (and the run folder's copy): what was trained and how it went. */
export interface TrainingReport {
  name: 'cnn';
  provenance: Provenance;
  backend: string;
  config: ResolvedTrainConfig;
  parameters: number;
  trainCount: number;
  /** Of `trainCount`, pen-drawn digits of UNIPEN's training writers (0: MNIST alone). */
  strokeCount?: number;
  validationCount: number;
  history: EpochRecord[];
  bestEpoch: number;
  bestValAccuracy: number;
  stoppedEarly: boolean;
  /** Wall time of the training epochs (validation passes excluded), seconds. */
  fitSeconds: number;
  /** CPU seconds of the same epochs (absent in reports of older trainer versions). */
  fitCpuSeconds?: number;
  samplesPerSec: number;
}

/** The record of a finished run: its config and history, with where and how fast it ran. */
export function trainingReport(
  result: TrainResult,
  context: { provenance: Provenance; backend: string },
): TrainingReport {
  const best = result.history.find((e) => e.epoch === result.bestEpoch);
  const trained = result.history.reduce((n, e) => n + e.samplesPerSec * e.seconds, 0);
  return {
    name: 'cnn',
    provenance: context.provenance,
    backend: context.backend,
    config: result.config,
    parameters: parameterCount(result.net),
    trainCount: result.trainCount,
    strokeCount: result.strokeCount,
    validationCount: result.validationCount,
    history: result.history,
    bestEpoch: result.bestEpoch,
    bestValAccuracy: best?.valAccuracy ?? 0,
    stoppedEarly: result.stoppedEarly,
    fitSeconds: result.fitSeconds,
    fitCpuSeconds: result.fitCpuSeconds,
    samplesPerSec: trained / result.fitSeconds,
  };
}
