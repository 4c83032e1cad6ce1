// The types that training and its history share, apart from both so that neither module imports
// the other (an import cycle).
import type { Network } from '../model/network.js';
import type { ResolvedTrainConfig } from './config.js';

/** What one epoch of a run measured (one row of the training history). */
export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  learningRate: number;
  seconds: number;
  samplesPerSec: number;
}

export interface TrainResult {
  net: Network;
  /** The config the run used: the given one with every default filled. */
  config: ResolvedTrainConfig;
  history: EpochRecord[];
  /** Epoch whose weights `net` holds (the best validation accuracy). */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Wall time of the training epochs, summed over resumed sessions. */
  fitSeconds: number;
  /** CPU time (user + system) of the same epochs: unlike wall time, not inflated by other jobs. */
  fitCpuSeconds: number;
  trainCount: number;
  /** Of `trainCount`, the pen-drawn digits (drawn afresh every epoch). */
  strokeCount: number;
  validationCount: number;
}
