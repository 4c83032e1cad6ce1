import * as tf from '@tensorflow/tfjs-core';

/**
 * Adam with a learning rate given per step (for the one-cycle schedule) and state that can be
 * read and restored for checkpoints. tfjs' own AdamOptimizer keeps its rate in a protected field
 * and its moments out of reach.
 *
 * The update runs as one JavaScript loop over each variable's values rather than as tfjs ops:
 * ~12 small kernels per variable cost 15 ms a step on wasm, the loop about 1 ms, and on the
 * data-parallel path the averaged gradients and the weights sent to the workers are plain arrays
 * already. Moments and weights still live in tf.Variables, so checkpoints read them as before.
 */
export class Adam {
  readonly m: tf.Variable[];
  readonly v: tf.Variable[];
  step = 0;

  constructor(
    readonly variables: tf.Variable[],
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {
    this.m = variables.map((x) => tf.variable(tf.zerosLike(x), false));
    this.v = variables.map((x) => tf.variable(tf.zerosLike(x), false));
  }

  /** Number of values in `variables` (the length `applyFlat` expects). */
  get size(): number {
    return this.variables.reduce((n, v) => n + v.size, 0);
  }

  /** One update with gradients in the order of `variables`. */
  apply(grads: tf.Tensor[], learningRate: number): void {
    const flat = new Float32Array(this.size);
    let offset = 0;
    grads.forEach((g) => {
      flat.set(g.dataSync() as Float32Array, offset);
      offset += g.size;
    });
    this.applyFlat(flat, learningRate);
  }

  /** One update with the gradients of all `variables` concatenated in their order. */
  applyFlat(grads: Float32Array, learningRate: number): void {
    this.step++;
    const { beta1, beta2, epsilon } = this;
    const c1 = 1 - beta1 ** this.step;
    const c2 = 1 - beta2 ** this.step;
    let offset = 0;
    this.variables.forEach((variable, i) => {
      const w = variable.dataSync() as Float32Array; // copies: safe to change in place
      const m = this.m[i]!.dataSync() as Float32Array;
      const v = this.v[i]!.dataSync() as Float32Array;
      for (let j = 0; j < w.length; j++) {
        const g = grads[offset + j]!;
        const mj = (m[j] = beta1 * m[j]! + (1 - beta1) * g);
        const vj = (v[j] = beta2 * v[j]! + (1 - beta2) * g * g);
        w[j] = w[j]! - (learningRate * (mj / c1)) / (Math.sqrt(vj / c2) + epsilon);
      }
      offset += w.length;
      assign(variable, w);
      assign(this.m[i]!, m);
      assign(this.v[i]!, v);
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}

function assign(variable: tf.Variable, values: Float32Array): void {
  const t = tf.tensor(values, variable.shape, 'float32');
  variable.assign(t);
  t.dispose();
}
