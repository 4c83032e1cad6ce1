import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import { NUM_CLASSES } from '@digit-canvas/core';

import { TRAJECTORY_INPUT_SHAPE } from '../model/trajectory-network.js';
import type { Adam } from './adam.js';
import type { StepResult } from './epoch.js';

/** `count` feature vectors as the trajectory model's input batch: [count, 1, 48, 5]. */
export function trajectoryBatch(features: Float32Array, count: number): tf.Tensor4D {
  return tf.tensor4d(features, [count, ...TRAJECTORY_INPUT_SHAPE] as [
    number,
    number,
    number,
    number,
  ]);
}

/** One-hot targets [labels.length × 10] with `smoothing` of the mass spread over all classes. */
export function smoothedTargets(labels: ArrayLike<number>, smoothing: number): Float32Array {
  const targets = new Float32Array(labels.length * NUM_CLASSES).fill(smoothing / NUM_CLASSES);
  for (let i = 0; i < labels.length; i++) {
    targets[i * NUM_CLASSES + labels[i]!] = 1 - smoothing + smoothing / NUM_CLASSES;
  }
  return targets;
}

/**
 * @internal One optimizer step of the trajectory model on a batch (`features`: TRAJECTORY_SIZE
 * floats per digit): the mean categorical cross-entropy of its softmax output against smoothed
 * targets (what `compile({ loss: 'categoricalCrossentropy' })` minimised), its gradients, and the
 * project's {@link Adam} at rate `lr`, the CNN's optimizer.
 */
export function trajectoryStep(
  model: tfl.LayersModel,
  adam: Adam,
  features: Float32Array,
  labels: Int32Array,
  labelSmoothing: number,
  lr: number,
): StepResult {
  const n = labels.length;
  let predicted: tf.Tensor | undefined;
  const { value, grads } = tf.tidy(() => {
    const x = trajectoryBatch(features, n);
    const y = tf.tensor2d(smoothedTargets(labels, labelSmoothing), [n, NUM_CLASSES]);
    return tf.variableGrads(() => {
      const probabilities = model.apply(x, { training: true }) as tf.Tensor2D;
      predicted = tf.keep(tf.argMax(probabilities, 1));
      return tf.mean(tfl.metrics.categoricalCrossentropy(y, probabilities)) as tf.Scalar;
    }, adam.variables);
  });
  const loss = value.dataSync()[0]!;
  const p = predicted!.dataSync();
  let hits = 0;
  for (let i = 0; i < n; i++) if (p[i] === labels[i]) hits++;
  const ordered = adam.variables.map((v) => grads[v.name]!);
  adam.apply(ordered, lr);
  tf.dispose([value, predicted!, ...ordered]);
  return { loss, hits };
}
