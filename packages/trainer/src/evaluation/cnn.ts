import type * as tfl from '@tensorflow/tfjs-layers';

import { toFloatBatch } from '../data/augment.js';
import type { MnistSplit } from '../data/mnist.js';
import { renderUnipen, type UnipenSample } from '../data/unipen.js';
import { predictWithModel, singleImageLatencyMs } from '../model/layers-predict.js';
import { argmaxRows } from '../model/predict.js';
import type { Progress } from '../progress.js';
import { computeMetrics, type ClassMetrics } from './metrics.js';

/** One misclassified test image. */
export interface Misclassified {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
}

export interface WriterAccuracy {
  writer: string;
  accuracy: number;
  count: number;
}

/** Accuracy on the UNIPEN pen-drawn digits, replayed through core's preprocessStrokes. */
export interface UnipenEvaluation {
  accuracy: number;
  count: number;
  confusionMatrix: number[][];
  perClass: ClassMetrics[];
  /** The writers with the lowest accuracy among those with at least `minWriterSamples` digits. */
  worstWriters: WriterAccuracy[];
  minWriterSamples: number;
  writers: number;
}

function predictImages(
  model: tfl.LayersModel,
  images: Float32Array,
  label: string,
  progress?: Progress,
): Float32Array {
  const started = performance.now();
  progress?.start(images.length / 784, label);
  const probs = predictWithModel(model, images, 500, (done) =>
    progress?.update(done, { speed: (done / ((performance.now() - started) / 1000)).toFixed(0) }),
  );
  progress?.stop();
  return probs;
}

/** Evaluates `model` on the MNIST test split (all of it). */
export function evaluateOnTest(model: tfl.LayersModel, test: MnistSplit, progress?: Progress) {
  const images = toFloatBatch(
    test.images,
    Uint32Array.from({ length: test.count }, (_, i) => i),
  );
  const started = performance.now();
  const probs = predictImages(model, images, 'MNIST test', progress);
  const batchMsPerImage = (performance.now() - started) / test.count;
  const predicted = argmaxRows(probs);
  const metrics = computeMetrics(test.labels, predicted);
  const misclassified: Misclassified[] = [];
  predicted.forEach((p, i) => {
    if (p !== test.labels[i])
      misclassified.push({
        index: i,
        label: test.labels[i]!,
        predicted: p,
        confidence: probs[i * 10 + p]!,
      });
  });
  return {
    ...metrics,
    images,
    batchMsPerImage,
    misclassified,
    predictMsPerImage: singleImageLatencyMs(model, images),
  };
}

/** Evaluates `model` on UNIPEN samples drawn through core's preprocessStrokes. */
export function evaluateOnUnipen(
  model: tfl.LayersModel,
  samples: readonly UnipenSample[],
  progress?: Progress,
  minWriterSamples = 20,
): UnipenEvaluation {
  const predicted = argmaxRows(predictImages(model, renderUnipen(samples), 'UNIPEN', progress));
  const labels = samples.map((s) => s.label);
  const metrics = computeMetrics(labels, predicted);
  const byWriter = new Map<string, { correct: number; count: number }>();
  samples.forEach((s, i) => {
    const w = byWriter.get(s.writer) ?? { correct: 0, count: 0 };
    w.count++;
    if (predicted[i] === s.label) w.correct++;
    byWriter.set(s.writer, w);
  });
  const worstWriters = [...byWriter]
    .filter(([, w]) => w.count >= minWriterSamples)
    .map(([writer, w]) => ({ writer, accuracy: w.correct / w.count, count: w.count }))
    .sort((a, b) => a.accuracy - b.accuracy || b.count - a.count)
    .slice(0, 10);
  return {
    ...metrics,
    count: samples.length,
    worstWriters,
    minWriterSamples,
    writers: byWriter.size,
  };
}
