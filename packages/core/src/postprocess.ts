import { MNIST_SIZE } from './layout.js';
import type { Prediction, PredictionViews, Recognition, Stroke } from './types.js';

/** Number of classes the model outputs (digits 0–9). */
export const NUM_CLASSES = 10;

/** Index of the largest of the 10 values (the first on a tie). */
function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < NUM_CLASSES; i++) if (values[i] > values[best]) best = i;
  return best;
}

function toArray(values: ArrayLike<number>): number[] {
  return Array.from({ length: NUM_CLASSES }, (_, i) => values[i]);
}

/**
 * Fuses the two views' probabilities: their product, normalised. Each view is treated as
 * independent evidence, which fits here: the CNN and the trajectory model rarely make the same
 * mistake (measured in reports/cnn/evaluation.md). A tiny floor keeps one view's hard zero from
 * vetoing the other's clear answer.
 */
export function fuseViews(image: ArrayLike<number>, trajectory: ArrayLike<number>): number[] {
  const floor = 1e-6;
  const product = toArray(image).map((p, i) => (p + floor) * (trajectory[i] + floor));
  const total = product.reduce((a, b) => a + b, 0);
  return product.map((p) => p / total);
}

/**
 * Builds a {@link Prediction} from the CNN's 10 probabilities and, when the pen path was read,
 * the trajectory model's: the answer is then their fusion ({@link fuseViews}). `digit` is `null`
 * when the top probability is below `minConfidence`.
 */
export function toPrediction(
  image: ArrayLike<number>,
  input: Float32Array,
  minConfidence: number,
  ms: number,
  trajectory: ArrayLike<number> | null = null,
): Prediction {
  const probabilities = trajectory ? fuseViews(image, trajectory) : toArray(image);
  const best = argmax(probabilities);
  const confidence = probabilities[best];
  const views: PredictionViews = {
    image: toArray(image),
    trajectory: trajectory && toArray(trajectory),
  };
  return {
    digit: confidence >= minConfidence ? best : null,
    confidence,
    probabilities,
    views,
    decidedBy: decidingView(best, views),
    input,
    ms,
  };
}

function decidingView(answer: number, views: PredictionViews): Prediction['decidedBy'] {
  if (!views.trajectory) return 'image';
  const byImage = argmax(views.image) === answer;
  const byTrajectory = argmax(views.trajectory) === answer;
  if (byImage === byTrajectory) return 'both';
  return byImage ? 'image' : 'trajectory';
}

/**
 * `prediction` with its probabilities re-weighted by a writer's profile (`adjusted`): the answer
 * and confidence follow them, and `decidedBy` becomes `profile` when the first choice changed.
 * The views stay what the models said.
 */
export function withProfile(
  prediction: Prediction,
  adjusted: readonly number[],
  minConfidence: number,
): Prediction {
  const probabilities = toArray(adjusted);
  const best = argmax(probabilities);
  const confidence = probabilities[best];
  const changed = best !== argmax(prediction.probabilities);
  return {
    ...prediction,
    digit: confidence >= minConfidence ? best : null,
    confidence,
    probabilities,
    decidedBy: changed ? 'profile' : prediction.decidedBy,
  };
}

/** The prediction for an empty input: no digit, no probability mass, never a guess. */
export function emptyPrediction(input: Float32Array, ms: number): Prediction {
  const zeros = () => new Array<number>(NUM_CLASSES).fill(0);
  return {
    digit: null,
    confidence: 0,
    probabilities: zeros(),
    views: { image: zeros(), trajectory: null },
    decidedBy: null,
    input,
    ms,
  };
}

/** What an empty drawing means: no digit, no value, no confidence. */
export function emptyRecognition(ms = 0): Recognition {
  return toRecognition([], [], ms);
}

/**
 * The one place that decides what an answer means, for single digits and numbers alike: the
 * value is the digits when every one is sure (each `Prediction` already applied the threshold),
 * else `''`; `digit`, `probabilities` and `input` describe the digit when there is exactly one.
 */
export function toRecognition(digits: Prediction[], groups: Stroke[][], ms: number): Recognition {
  const only = digits.length === 1 ? digits[0] : undefined;
  const sure = digits.length > 0 && digits.every((p) => p.digit !== null);
  return {
    value: sure ? digits.map((p) => String(p.digit)).join('') : '',
    digit: only ? only.digit : null,
    confidence: digits.length ? Math.min(...digits.map((p) => p.confidence)) : 0,
    probabilities: only ? only.probabilities : [],
    input: only ? only.input : new Float32Array(MNIST_SIZE * MNIST_SIZE),
    digits,
    groups,
    ms,
  };
}
