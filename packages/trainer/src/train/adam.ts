import * as tf from '@tensorflow/tfjs-core';

/**
 * Adam with a learning rate given per step (for the one-cycle schedule) and state that can be
 * read and restored for checkpoints. tfjs' own AdamOptimizer keeps its rate in a protected field
 * and its moments out of reach.
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

  /** One update with gradients in the order of `variables`. */
  apply(grads: tf.Tensor[], learningRate: number): void {
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        const g = grads[i]!;
        const m = tf.add(tf.mul(this.m[i]!, this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[i]!, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.m[i]!.assign(m);
        this.v[i]!.assign(v);
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), this.epsilon));
        variable.assign(tf.sub(variable, tf.mul(update, learningRate)));
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
