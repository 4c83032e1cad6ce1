import type { NumberPrediction, Prediction, Stroke } from './types.js';

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

/** Joins per-digit predictions into a number; an unsure digit reads `'?'`. */
export function toNumberPrediction(
  digits: Prediction[],
  groups: Stroke[][],
  ms: number,
): NumberPrediction {
  return {
    value: digits.map((p) => (p.digit === null ? '?' : String(p.digit))).join(''),
    digits,
    groups,
    confidence: digits.length ? Math.min(...digits.map((p) => p.confidence)) : 0,
    ms,
  };
}
