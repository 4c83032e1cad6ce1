import {
  NUM_CLASSES,
  type Prediction,
  type Recognizer,
  type RecognizerInput,
} from '@digit-canvas/core';

import { toFloatBatch } from '../data/augment.js';
import { PIXELS, type MnistSplit } from '../data/mnist.js';
import type { UnipenSample } from '../data/unipen.js';
import type { HeldOutSample, HeldOutView } from '../held-out/set.js';
import { argmaxRows } from '../model/predict.js';
import type { Progress } from '../progress.js';
import { computeMetrics, type ClassMetrics, type Metrics } from './metrics.js';

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

/** One view's figures on one held-out set (e.g. the CNN on UNIPEN's held-out writers). */
export interface HeldOutEvaluation {
  accuracy: number;
  count: number;
  confusionMatrix: number[][];
  perClass: ClassMetrics[];
  /** The writers with the lowest accuracy among those with at least `minWriterSamples` digits. */
  worstWriters: WriterAccuracy[];
  minWriterSamples: number;
  writers: number;
}

/**
 * Accuracy on UNIPEN pen-drawn digits: the {@link HeldOutEvaluation} of the UNIPEN set.
 * @deprecated Use HeldOutEvaluation, which every held-out set shares.
 */
export type UnipenEvaluation = HeldOutEvaluation;

/**
 * A held-out set's figures per way the recognizer reads it: the CNN on the image always; for a
 * set with the trajectory view and a recognizer with a trajectory model, the trajectory model on
 * the pen path and the two fused (what `recognize` answers for strokes).
 */
export interface HeldOutViews {
  image: HeldOutEvaluation;
  trajectory?: HeldOutEvaluation;
  fused?: HeldOutEvaluation;
}

/** Images predicted per `predictBatch` call. */
const BATCH = 500;
/** Single-image predictions run before timing, to warm the kernels up. */
const WARM_UP = 10;
/** Writers listed in `worstWriters`. */
const WORST_WRITERS = 10;

/**
 * Hands `use` what `recognizer` says about each of `count` inputs (`inputAt(i)`), BATCH at a
 * time through its public `predictBatch`, with progress: the figures are those of the models as
 * core loads and runs them.
 */
async function forEachPrediction(
  recognizer: Recognizer,
  count: number,
  inputAt: (i: number) => RecognizerInput,
  use: (prediction: Prediction, i: number) => void,
  label: string,
  progress?: Progress,
): Promise<void> {
  const started = performance.now();
  progress?.start(count, label);
  for (let start = 0; start < count; start += BATCH) {
    const inputs = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) =>
      inputAt(start + i),
    );
    const predictions = await recognizer.predictBatch(inputs);
    predictions.forEach((p, i) => use(p, start + i));
    const done = start + inputs.length;
    progress?.update(done, { speed: (done / ((performance.now() - started) / 1000)).toFixed(0) });
  }
  progress?.stop();
}

/**
 * The class probabilities [count × NUM_CLASSES] that `recognizer` gives images [count × PIXELS]
 * (core's MNIST layout). An image without ink gets no guess from core (zero probabilities, so it
 * counts as a wrong 0); MNIST and the UNIPEN digits have none.
 */
async function probabilitiesOf(
  recognizer: Recognizer,
  images: Float32Array,
  label: string,
  progress?: Progress,
): Promise<Float32Array> {
  const count = images.length / PIXELS;
  const out = new Float32Array(count * NUM_CLASSES);
  await forEachPrediction(
    recognizer,
    count,
    (i) => images.subarray(i * PIXELS, (i + 1) * PIXELS),
    (p, i) => out.set(p.probabilities, i * NUM_CLASSES),
    label,
    progress,
  );
  return out;
}

/** Median wall time of `recognizer.predict` on one image, in ms: what a drawing UI waits. */
async function singleImageLatencyMs(
  recognizer: Recognizer,
  images: Float32Array,
  runs = 200,
): Promise<number> {
  const count = images.length / PIXELS;
  const times: number[] = [];
  for (let i = 0; i < runs + WARM_UP; i++) {
    const offset = (i % count) * PIXELS;
    const started = performance.now();
    await recognizer.predict(images.subarray(offset, offset + PIXELS));
    if (i >= WARM_UP) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** What {@link evaluateOnTest} measures. */
export interface TestEvaluation extends Metrics {
  /** Number of test images. */
  count: number;
  /** The test images as the model saw them: floats [count × PIXELS]. */
  images: Float32Array;
  /** Time per image when predicting the test set in batches of 500, ms. */
  batchMsPerImage: number;
  misclassified: Misclassified[];
  /** Median time to predict a single image, ms. */
  predictMsPerImage: number;
}

/** Evaluates `recognizer` on the MNIST test split (all of it). */
export async function evaluateOnTest(
  recognizer: Recognizer,
  test: MnistSplit,
  progress?: Progress,
): Promise<TestEvaluation> {
  const images = toFloatBatch(
    test.images,
    Uint32Array.from({ length: test.count }, (_, i) => i),
  );
  const started = performance.now();
  const probs = await probabilitiesOf(recognizer, images, 'MNIST test', progress);
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
        confidence: probs[i * NUM_CLASSES + p]!,
      });
  });
  return {
    ...metrics,
    count: test.count,
    images,
    batchMsPerImage,
    misclassified,
    predictMsPerImage: await singleImageLatencyMs(recognizer, images),
  };
}

/**
 * UNIPEN figures of each way the recognizer reads strokes: the CNN on the drawn image, the
 * trajectory model on the pen path, and the two fused (what `recognize` answers). The last two
 * are null when the recognizer has no trajectory model.
 */
export interface UnipenViews {
  image: HeldOutEvaluation;
  trajectory: HeldOutEvaluation | null;
  fused: HeldOutEvaluation | null;
}

/** How {@link evaluateViews} reads a set. */
export interface ViewOptions {
  /** The set's views (default: both, i.e. samples given as strokes). */
  readonly views?: readonly HeldOutView[];
  /** Writers ranked in `worstWriters` need at least this many digits (default 20). */
  readonly minWriterSamples?: number;
  /** Progress bar label. */
  readonly label?: string;
  /** Measure the image view only (e.g. a baseline CNN), even when the set has strokes. */
  readonly imageOnly?: boolean;
}

/**
 * Evaluates `recognizer` on held-out samples as the element gives them (strokes, or images for
 * an image-only set): the image view (strokes drawn through core's preprocessStrokes), and for a
 * set with the trajectory view the trajectory view (trajectoryFeatures) and their fusion, all
 * from one `predictBatch` pass.
 */
export async function evaluateViews(
  recognizer: Recognizer,
  samples: readonly HeldOutSample[],
  options: ViewOptions = {},
  progress?: Progress,
): Promise<HeldOutViews> {
  const { views = ['image', 'trajectory'], minWriterSamples = 20, label = 'held-out' } = options;
  const image = new Float32Array(samples.length * NUM_CLASSES);
  const trajectory = new Float32Array(samples.length * NUM_CLASSES);
  const fused = new Float32Array(samples.length * NUM_CLASSES);
  let hasTrajectory =
    !options.imageOnly && views.includes('trajectory') && recognizer.trajectoryModelUrl !== null;
  await forEachPrediction(
    recognizer,
    samples.length,
    (i) => inputOf(samples[i]!, i),
    (p, i) => {
      image.set(p.views.image, i * NUM_CLASSES);
      fused.set(p.probabilities, i * NUM_CLASSES);
      if (p.views.trajectory) trajectory.set(p.views.trajectory, i * NUM_CLASSES);
      else hasTrajectory = false;
    },
    label,
    progress,
  );
  const measure = (probs: Float32Array) => heldOutMetrics(samples, probs, minWriterSamples);
  // Without a trajectory view, `probabilities` is the image view's: no fused figure either.
  return hasTrajectory
    ? { image: measure(image), trajectory: measure(trajectory), fused: measure(fused) }
    : { image: measure(image) };
}

function inputOf(sample: HeldOutSample, index: number): RecognizerInput {
  const input = sample.strokes ?? sample.image;
  if (!input) throw new Error(`held-out sample ${index} has neither strokes nor an image`);
  return input;
}

/**
 * Evaluates `recognizer` on UNIPEN samples given as strokes: {@link evaluateViews} with both
 * views, the trajectory and fused figures null without a trajectory model.
 */
export async function evaluateOnUnipen(
  recognizer: Recognizer,
  samples: readonly UnipenSample[],
  progress?: Progress,
  minWriterSamples = 20,
): Promise<UnipenViews> {
  const views = await evaluateViews(
    recognizer,
    samples,
    { minWriterSamples, label: 'UNIPEN' },
    progress,
  );
  return { image: views.image, trajectory: views.trajectory ?? null, fused: views.fused ?? null };
}

function heldOutMetrics(
  samples: readonly HeldOutSample[],
  probs: Float32Array,
  minWriterSamples: number,
): HeldOutEvaluation {
  const predicted = argmaxRows(probs);
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
    .slice(0, WORST_WRITERS);
  return {
    ...metrics,
    count: samples.length,
    worstWriters,
    minWriterSamples,
    writers: byWriter.size,
  };
}
