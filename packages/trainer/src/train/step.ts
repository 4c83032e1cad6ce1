import * as tf from '@tensorflow/tfjs-core';

import { MNIST_SIZE, NUM_CLASSES } from '@digit-canvas/core';

import { forward, updateMovingStats, type BatchStats, type Network } from '../model/network.js';
import type { Adam } from './adam.js';

/** What one forward and backward pass over a batch gives. */
export interface BatchGradients {
  /** Mean (label-smoothed) cross-entropy of the batch. */
  loss: number;
  /** Images of the batch predicted right. */
  hits: number;
  /** d loss / d variable, in the order of the variables passed in; the caller disposes them. */
  grads: tf.Tensor[];
  /** The batch statistics of each block (for the running averages); the caller disposes them. */
  stats: BatchStats;
}

/**
 * @internal Forward and backward pass of `net` on a batch (images [n × 784] in [0, 1], labels
 * [n]), with the gradients of `variables` (the network's trainable variables). Changes nothing:
 * the optimizer step is the caller's, so the main thread and the data-parallel workers share it.
 */
export function computeGradients(
  net: Network,
  variables: tf.Variable[],
  images: Float32Array,
  labels: Int32Array,
  labelSmoothing: number,
): BatchGradients {
  const n = labels.length;
  const stats: BatchStats = [];
  let predicted: tf.Tensor | undefined;
  const { value, grads } = tf.tidy(() => {
    const x = tf.tensor4d(images, [n, MNIST_SIZE, MNIST_SIZE, 1]);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), NUM_CLASSES);
    return tf.variableGrads(() => {
      const logits = forward(net, x, stats);
      // variableGrads disposes everything but the loss; keep the predictions for the accuracy.
      predicted = tf.keep(tf.argMax(logits, 1));
      return tf.losses.softmaxCrossEntropy(y, logits, undefined, labelSmoothing) as tf.Scalar;
    }, variables);
  });
  const loss = value.dataSync()[0]!;
  const p = predicted!.dataSync();
  let hits = 0;
  for (let i = 0; i < n; i++) if (p[i] === labels[i]) hits++;
  tf.dispose([value, predicted!]);
  return { loss, hits, grads: variables.map((v) => grads[v.name]!), stats };
}

/**
 * @internal One optimizer step on a batch (images [n × 784] in [0, 1]) on this thread; returns
 * the batch loss and the number of correct predictions. Exported for the benchmark.
 */
export function trainStep(
  net: Network,
  adam: Adam,
  images: Float32Array,
  labels: Int32Array,
  config: { labelSmoothing: number },
  lr: number,
): { loss: number; hits: number } {
  const { loss, hits, grads, stats } = computeGradients(
    net,
    adam.variables,
    images,
    labels,
    config.labelSmoothing,
  );
  adam.apply(grads, lr);
  updateMovingStats(net, stats);
  tf.dispose(grads);
  return { loss, hits };
}
