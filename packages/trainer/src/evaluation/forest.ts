import { type Forest, predictForest } from '../baselines/forest.js';
import { computeMetrics, type Metrics } from './metrics.js';

/** Metrics of a forest on labelled images, and how long it took per image. */
export interface ForestEvaluation extends Metrics {
  /** Mean wall-clock milliseconds to classify one image (one thread). */
  readonly predictMsPerImage: number;
}

/** Classifies `count` sample-major images and compares with `labels`. */
export function evaluateForest(
  forest: Forest,
  images: Uint8Array,
  labels: ArrayLike<number>,
): ForestEvaluation {
  const count = labels.length;
  if (images.length !== count * forest.features) {
    throw new RangeError(
      `images must hold ${count} × ${forest.features} pixels for ${count} labels, got ${images.length}`,
    );
  }
  const predictions = new Uint8Array(count);
  const start = performance.now();
  for (let i = 0; i < count; i++)
    predictions[i] = predictForest(forest, images, i * forest.features);
  const predictMsPerImage = (performance.now() - start) / count;
  return { ...computeMetrics(labels, predictions), predictMsPerImage };
}
