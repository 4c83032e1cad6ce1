import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** Probabilities [count × 10] of a LayersModel for images [count × 784], `batchSize` at a time. */
export function predictWithModel(
  model: tfl.LayersModel,
  images: Float32Array,
  batchSize = 500,
  onProgress?: (done: number, total: number) => void,
): Float32Array {
  const count = images.length / 784;
  const out = new Float32Array(count * 10);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const probs = tf.tidy(
      () =>
        model.predict(
          tf.tensor4d(images.subarray(start * 784, (start + n) * 784), [n, 28, 28, 1]),
        ) as tf.Tensor,
    );
    out.set(probs.dataSync(), start * 10);
    probs.dispose();
    onProgress?.(start + n, count);
  }
  return out;
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
