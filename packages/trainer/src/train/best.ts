import type * as tf from '@tensorflow/tfjs-core';

import { assignFrom, concatInto, type HostArray } from './flat.js';

/**
 * The weights of the epoch that scored best so far, copied out of tfjs (so that checkpoints can
 * save them as they are and a resumed run restores them bit for bit). A run without a score (no
 * validation set, `null`) keeps its latest epoch.
 */
export class BestWeights {
  /** Epoch whose weights {@link weights} holds; 0 before the first. */
  epoch = 0;
  /** Its score (validation accuracy); null before the first epoch or without validation. */
  score: number | null = null;
  /** One array per variable, in their order. */
  readonly weights: HostArray[];

  constructor(readonly variables: readonly tf.Variable[]) {
    this.weights = variables.map((v) => ({ shape: v.shape, values: new Float32Array(v.size) }));
  }

  /** Keeps the variables' current values when `score` beats the best (or either is null). */
  offer(epoch: number, score: number | null): boolean {
    if (score !== null && this.score !== null && !(score > this.score)) return false;
    this.capture(epoch, score);
    return true;
  }

  /** Keeps the variables' current values as epoch `epoch`'s, whatever its score. */
  capture(epoch: number, score: number | null): void {
    this.epoch = epoch;
    this.score = score;
    assignFrom(this.weights, concatInto(this.variables));
  }

  /** Puts the best weights back into the variables (nothing before the first epoch). */
  restore(): void {
    if (this.epoch > 0) assignFrom(this.variables, concatInto(this.weights));
  }
}
