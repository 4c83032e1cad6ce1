/** One sampled pen position. `x`/`y` in any unit (CSS pixels, tablet units…), y grows downward. */
export type Point = { x: number; y: number; t?: number; pressure?: number };

/** The points of one pen-down…pen-up trace, in drawing order. */
export type Stroke = Point[];

/** A raster image: RGBA (`data.length === 4 * width * height`) or grey (`width * height`), values 0–255. */
export interface ImageInput {
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

/** What the recognizer says about one digit. */
export type Prediction = {
  /** 0–9, or `null` when the input was empty or the confidence is below `minConfidence`. */
  digit: number | null;
  /** Probability of the most likely class (0 for an empty input). */
  confidence: number;
  /** The 10 class probabilities, index = digit (all 0 for an empty input). */
  probabilities: number[];
  /** The 28×28 MNIST-layout array the model saw (row-major, ink high in [0, 1]). */
  input: Float32Array;
  /**
   * Wall time of preprocessing plus inference, in milliseconds (from `predictBatch`: the batch's
   * time divided by its size).
   */
  ms: number;
};

/** What the recognizer says about a written number (several digits). */
export type NumberPrediction = {
  /**
   * The recognized digits, left to right; a digit the recognizer is not sure about
   * (`digit === null`) appears as `'?'`. `''` when nothing was drawn.
   */
  value: string;
  /** One prediction per segmented digit, left to right. */
  digits: Prediction[];
  /** The strokes of each digit, as `segmentDigits` split them. */
  groups: Stroke[][];
  /** The lowest digit confidence (0 when empty): how sure the whole number is. */
  confidence: number;
  /** Wall time of segmentation, preprocessing and inference, in milliseconds. */
  ms: number;
};
