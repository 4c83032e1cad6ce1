import { NUM_CLASSES } from '@digit-canvas/core';

/** Precision and recall of one digit, from the confusion matrix. */
export interface ClassMetrics {
  /** The digit, 0..9. */
  readonly digit: number;
  /** Of the images predicted as `digit`, the fraction that are `digit` (0 when none were predicted). */
  readonly precision: number;
  /** Of the images that are `digit`, the fraction predicted as `digit` (0 when there are none). */
  readonly recall: number;
  /** How many images are truly `digit`. */
  readonly support: number;
}

/** Accuracy, confusion matrix and per-class figures of one classifier on one labelled set. */
export interface Metrics {
  /** Fraction of correct predictions, 0..1. */
  readonly accuracy: number;
  /** `confusionMatrix[true][predicted]` counts, 10×10. */
  readonly confusionMatrix: number[][];
  /** One entry per digit 0..9, in order. */
  readonly perClass: ClassMetrics[];
}

function checkDigit(value: number, what: string, index: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= NUM_CLASSES) {
    throw new RangeError(`${what}[${index}] must be an integer digit 0..9, got ${value}`);
  }
}

/**
 * Compares predictions with true labels. Both must be the same length (at least one) and hold
 * integer digits 0..9; anything else throws naming the offending index.
 */
export function computeMetrics(labels: ArrayLike<number>, predictions: ArrayLike<number>): Metrics {
  if (labels.length !== predictions.length) {
    throw new RangeError(
      `labels and predictions must have the same length, got ${labels.length} labels and ${predictions.length} predictions`,
    );
  }
  if (labels.length === 0) throw new RangeError('cannot compute metrics of an empty set');
  const matrix = Array.from({ length: NUM_CLASSES }, () => new Array<number>(NUM_CLASSES).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const truth = labels[i];
    const guess = predictions[i];
    checkDigit(truth, 'labels', i);
    checkDigit(guess, 'predictions', i);
    matrix[truth][guess]++;
    if (truth === guess) correct++;
  }
  const perClass = matrix.map((row, digit) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, r) => sum + r[digit], 0);
    const hits = row[digit];
    return {
      digit,
      precision: predicted === 0 ? 0 : hits / predicted,
      recall: support === 0 ? 0 : hits / support,
      support,
    };
  });
  return { accuracy: correct / labels.length, confusionMatrix: matrix, perClass };
}
