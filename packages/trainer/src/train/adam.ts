import type * as tf from '@tensorflow/tfjs-core';

import { assignFrom, concatInto, totalSize, type HostArray } from './flat.js';

/**
 * The trainer's one optimizer: Adam, hand-written rather than tfjs' AdamOptimizer, for reasons
 * measured by `node --import tsx benchmark/adam.bench.ts` (the CNN's 140,458 weights, wasm
 * backend, a 2-core VM shared with other jobs):
 *
 * - **Checkpoint and resume read its state directly.** Its moments (`m`, `v`: plain arrays) and
 *   `step` are what checkpoints save and `--resume` restores, so a resumed run is bit-identical
 *   to an uninterrupted one (test/resume.test.ts). AdamOptimizer does expose its moments
 *   (`getWeights()`/`setWeights()`), but a run resumed through them is not the same run: 20
 *   steps, save, restore, 20 more steps leave 115,302 of the 140,458 weights different from 40
 *   steps straight (0 with this class). Its learning rate is also a protected field, and the
 *   one-cycle schedule changes it every step.
 * - **Speed.** One JavaScript loop per variable, and the moments never go in and out of tfjs:
 *   per step, 1.1–1.4× faster than AdamOptimizer with gradients as tensors (one thread; e.g.
 *   5.6 vs 7.1 ms) and 1.0–1.75× with the data-parallel path's averaged gradients, which arrive
 *   as one Float32Array (e.g. 2.9 vs 5.1 ms), over 6 runs. That step runs on the main thread
 *   while the workers wait. The previous version, moments in tf.Variables (7 ms, down from 15 ms
 *   for ~12 tfjs ops per variable), was 0.8–1.1× AdamOptimizer's speed: no reason by itself.
 *
 * The update is AdamOptimizer's formula (bias-corrected moments, epsilon outside the square
 * root); the two end within 5e-6 of each other after 541 steps, by float rounding.
 */
export class Adam {
  /** First moments, one array per variable (saved in checkpoints). */
  readonly m: HostArray[];
  /** Second moments, one array per variable (saved in checkpoints). */
  readonly v: HostArray[];
  /** Updates applied so far (saved in checkpoints; the bias correction depends on it). */
  step = 0;

  constructor(
    readonly variables: tf.Variable[],
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {
    const zeros = (x: tf.Variable): HostArray => ({
      shape: x.shape,
      values: new Float32Array(x.size),
    });
    this.m = variables.map(zeros);
    this.v = variables.map(zeros);
  }

  /** Number of values in `variables` (the length `applyFlat` expects). */
  get size(): number {
    return totalSize(this.variables);
  }

  /** One update with gradients in the order of `variables`. */
  apply(grads: tf.Tensor[], learningRate: number): void {
    this.applyFlat(concatInto(grads), learningRate);
  }

  /** One update with the gradients of all `variables` concatenated in their order. */
  applyFlat(grads: Float32Array, learningRate: number): void {
    this.step++;
    const { beta1, beta2, epsilon } = this;
    const c1 = 1 - beta1 ** this.step;
    const c2 = 1 - beta2 ** this.step;
    const weights = concatInto(this.variables);
    let offset = 0;
    for (let i = 0; i < this.variables.length; i++) {
      const m = this.m[i]!.values;
      const v = this.v[i]!.values;
      for (let j = 0; j < m.length; j++) {
        const g = grads[offset + j]!;
        const mj = (m[j] = beta1 * m[j]! + (1 - beta1) * g);
        const vj = (v[j] = beta2 * v[j]! + (1 - beta2) * g * g);
        weights[offset + j] =
          weights[offset + j]! - (learningRate * (mj / c1)) / (Math.sqrt(vj / c2) + epsilon);
      }
      offset += m.length;
    }
    assignFrom(this.variables, weights);
  }
}
