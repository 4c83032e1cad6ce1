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

/** What decided a {@link Prediction}'s answer (see `Prediction.decidedBy`). */
export type DecidedBy = 'image' | 'trajectory' | 'both' | 'profile';

/** What the recognizer says about one digit. */
export type Prediction = {
  /** 0–9, or `null` when the input was empty or the confidence is below `minConfidence`. */
  digit: number | null;
  /** Probability of the most likely class (0 for an empty input). */
  confidence: number;
  /**
   * The 10 class probabilities, index = digit (all 0 for an empty input): when strokes were
   * read and the trajectory model ran, the two views fused (their normalised product).
   */
  probabilities: number[];
  /** Each view's own probabilities, before they were fused. */
  views: PredictionViews;
  /**
   * Which view's first choice the answer is: `image` (the CNN on `input`, also when it was the
   * only view), `trajectory` (the pen-path model, against the CNN), or `both` (they agree, or
   * the fused answer is neither one's first choice), or `profile` (a `WriterProfile` changed the
   * answer the views gave). `null` for an empty input.
   */
  decidedBy: DecidedBy | null;
  /** The 28×28 MNIST-layout array the model saw (row-major, ink high in [0, 1]). */
  input: Float32Array;
  /**
   * Wall time of preprocessing plus inference, in milliseconds (from `predictBatch`: the batch's
   * time divided by its size).
   */
  ms: number;
};

/** The two ways a digit is read, each with its own 10 probabilities. */
export interface PredictionViews {
  /** The CNN's, on the 28×28 image (all 0 for an empty input). */
  image: number[];
  /**
   * The trajectory model's, on the pen path (`trajectoryFeatures`), or `null` when it did not run:
   * the input was an image or an array, or the recognizer has no trajectory model.
   */
  trajectory: number[] | null;
}

/**
 * The answer for a drawing: one digit, or the digits of a written number. Core alone builds it
 * (`toRecognition` in postprocess.ts), with one rule for both: `value` holds the digits only when
 * every one of them is sure.
 */
export type Recognition = {
  /**
   * The recognized digits, left to right. `''` when nothing was drawn or when any digit's
   * confidence is below `minConfidence` ("not sure"): never a guess, never a partial number.
   */
  value: string;
  /** 0–9 when exactly one digit was read and it is sure; else `null`. */
  digit: number | null;
  /** The weakest digit's confidence: how sure the whole answer is (0 when empty). */
  confidence: number;
  /** The 10 probabilities of the one digit (when exactly one was read); else empty. */
  probabilities: number[];
  /** The 28×28 model input of the one digit (when exactly one was read); else all zeros. */
  input: Float32Array;
  /** One prediction per digit, left to right; empty when nothing was drawn. */
  digits: Prediction[];
  /** The strokes of each digit, as read (`segmentDigits` in `multiple` mode). */
  groups: Stroke[][];
  /** Wall time of segmentation, preprocessing and inference, in milliseconds. */
  ms: number;
};

/** What `recognize` accepts: a preprocessed 28×28 array, strokes, or an image. */
export type RecognizerInput = Float32Array | Stroke[] | ImageInput;
