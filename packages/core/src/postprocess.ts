import { MNIST_SIZE } from './layout.js';
import type { Prediction, Recognition, Stroke } from './types.js';

/** Number of classes the model outputs (digits 0–9). */
export const NUM_CLASSES = 10;

/**
 * Builds a {@link Prediction} from the model's 10 probabilities. `digit` is `null` when the top
 * probability is below `minConfidence`.
 */
export function toPrediction(
  probabilities: ArrayLike<number>,
  input: Float32Array,
  minConfidence: number,
  ms: number,
): Prediction {
  let best = 0;
  for (let i = 1; i < NUM_CLASSES; i++) if (probabilities[i] > probabilities[best]) best = i;
  const confidence = probabilities[best];
  return {
    digit: confidence >= minConfidence ? best : null,
    confidence,
    probabilities: Array.from({ length: NUM_CLASSES }, (_, i) => probabilities[i]),
    input,
    ms,
  };
}

/** The prediction for an empty input: no digit, no probability mass, never a guess. */
export function emptyPrediction(input: Float32Array, ms: number): Prediction {
  return { digit: null, confidence: 0, probabilities: new Array(NUM_CLASSES).fill(0), input, ms };
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
