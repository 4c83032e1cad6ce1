import * as tf from '@tensorflow/tfjs-core';

import { MNIST_SIZE, NUM_CLASSES } from '@digit-canvas/core';

import { PIXELS } from '../data/mnist.js';
import { forward, type Network } from './network.js';

/**
 * Runs `probabilitiesOf` over `images` (floats [count × 784], MNIST layout) `batchSize` at a time
 * and gathers its [n × 10] outputs into one [count × 10] array. Each batch's tensors are freed
 * before the next, so memory stays at one batch whatever the count.
 */
export function predictInBatches(
  images: Float32Array,
  probabilitiesOf: (x: tf.Tensor4D) => tf.Tensor,
  batchSize = 500,
  onProgress?: (done: number, total: number) => void,
): Float32Array {
  const count = images.length / PIXELS;
  const out = new Float32Array(count * NUM_CLASSES);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const probs = tf.tidy(() =>
      probabilitiesOf(
        tf.tensor4d(images.subarray(start * PIXELS, (start + n) * PIXELS), [
          n,
          MNIST_SIZE,
          MNIST_SIZE,
          1,
        ]),
      ),
    );
    out.set(probs.dataSync(), start * NUM_CLASSES);
    probs.dispose();
    onProgress?.(start + n, count);
  }
  return out;
}

/**
 * Class probabilities [count × 10] for `count` images (floats [count × 784], MNIST layout), in
 * inference mode, `batchSize` at a time.
 */
export function predictProbabilities(
  net: Network,
  images: Float32Array,
  batchSize = 500,
): Float32Array {
  return predictInBatches(images, (x) => tf.softmax(forward(net, x)), batchSize);
}

/** Index of the largest of each row of NUM_CLASSES. */
export function argmaxRows(probabilities: Float32Array): Uint8Array {
  const count = probabilities.length / NUM_CLASSES;
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let k = 1; k < NUM_CLASSES; k++)
      if (probabilities[i * NUM_CLASSES + k]! > probabilities[i * NUM_CLASSES + best]!) best = k;
    out[i] = best;
  }
  return out;
}

/** Mean cross-entropy of `probabilities` against `labels`. */
export function crossEntropy(probabilities: Float32Array, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++)
    sum -= Math.log(Math.max(probabilities[i * NUM_CLASSES + labels[i]!]!, 1e-12));
  return sum / labels.length;
}
