import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import { predictInBatches } from './predict.js';

/** Probabilities [count × 10] of a LayersModel for images [count × 784], `batchSize` at a time. */
export function predictWithModel(
  model: tfl.LayersModel,
  images: Float32Array,
  batchSize = 500,
  onProgress?: (done: number, total: number) => void,
): Float32Array {
  return predictInBatches(images, (x) => model.predict(x) as tf.Tensor, batchSize, onProgress);
}

/** Median wall time of predicting one image at a time, in ms (what a drawing UI waits). */
export function singleImageLatencyMs(
  model: tfl.LayersModel,
  images: Float32Array,
  runs = 200,
): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const offset = (i % (images.length / 784)) * 784;
    const started = performance.now();
    const probs = tf.tidy(
      () =>
        model.predict(
          tf.tensor4d(images.subarray(offset, offset + 784), [1, 28, 28, 1]),
        ) as tf.Tensor,
    );
    probs.dataSync();
    probs.dispose();
    if (i >= 10) times.push(performance.now() - started); // the first calls warm up
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
