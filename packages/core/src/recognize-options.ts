// The options of recognize() and predict(), and the recognizer contract: apart from types.ts, since
// they name WriterProfile, whose module reads types.ts (one direction, no cycle).
import type { Recognition, RecognizerInput } from './types.js';
import type { WriterProfile } from './writer-profile.js';

/** Options of one `recognize()` call. */
export interface RecognizeOptions {
  /** Read a whole number: split strokes into digits with `segmentDigits`. Strokes only. */
  multiple?: boolean;
  /** Overrides the recognizer's own `minConfidence` for this call. In [0, 1]. */
  minConfidence?: number;
  /**
   * The writer's profile: re-weights the answer for strokes towards the digits this writer drew
   * most alike (see {@link WriterProfile}). Ignored for images and 28×28 arrays; an empty profile
   * changes nothing.
   */
  profile?: WriterProfile;
}

/** Options of one `predict()` or `predictBatch()` call. */
export interface PredictOptions {
  /** The writer's profile, as in {@link RecognizeOptions.profile}. Ignored for images and arrays. */
  profile?: WriterProfile;
}

/**
 * The contract of a digit recognizer, met by core's `Recognizer` and by anything else that
 * `<digit-canvas>` may use instead (a server call, a test double): input in, answer out, with
 * the answer's meaning decided by `toRecognition`.
 */
export interface DigitRecognizer {
  recognize(input: RecognizerInput, options?: RecognizeOptions): Promise<Recognition>;
}
