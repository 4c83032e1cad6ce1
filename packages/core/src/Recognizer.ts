import {
  type Backend,
  type RecognizerConfig,
  validateMinConfidence,
  validateRecognizerConfig,
} from './config.js';
import {
  checkOutputsProbabilities,
  loadRunnableModel,
  type ModelRequest,
  type RunnableModel,
} from './inference/runnable-model.js';
import { errorMessage } from './internal/error-message.js';
import { MNIST_SIZE } from './layout.js';
import { emptyPrediction, NUM_CLASSES, toPrediction, toRecognition } from './postprocess.js';
import { preprocessImage } from './preprocess-image.js';
import { preprocessStrokes } from './preprocess-strokes.js';
import { segmentDigits } from './segment.js';
import { parseStrokes } from './strokes.js';
import type {
  DigitRecognizer,
  ImageInput,
  Prediction,
  Recognition,
  RecognizeOptions,
  RecognizerInput,
  Stroke,
} from './types.js';

const PIXELS = MNIST_SIZE * MNIST_SIZE;

/** A loaded model shared by every recognizer with the same URL and backend. */
interface SharedModel {
  model: RunnableModel;
  users: number;
  key: string;
}

const cache = new Map<string, Promise<SharedModel>>();

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** The model of `request`, loaded and checked to output probabilities (then warm). */
async function loadChecked(request: ModelRequest): Promise<RunnableModel> {
  const model = await loadRunnableModel(request);
  try {
    await checkOutputsProbabilities(model, request.href);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}

/**
 * Recognizes handwritten digits with a TensorFlow.js model that reads MNIST's 28×28 layout.
 * Create one with {@link Recognizer.load}; release it with {@link Recognizer.dispose}.
 */
export class Recognizer implements DigitRecognizer {
  /** Backend the model runs on. */
  readonly backend: Backend;
  /** The model URL (or path) this recognizer was loaded from. */
  readonly modelUrl: string;

  /**
   * What runs the model: `js`, core's own kernels (on the `cpu` backend, for models built of
   * the layers they know, the shipped one among them: no TensorFlow.js is loaded), or `tfjs`.
   */
  readonly engine: 'js' | 'tfjs';

  #shared: SharedModel | null;
  #minConfidence: number;

  private constructor(
    shared: SharedModel,
    backend: Backend,
    modelUrl: string,
    minConfidence: number,
  ) {
    this.#shared = shared;
    this.backend = backend;
    this.modelUrl = modelUrl;
    this.engine = shared.model.engine;
    this.#minConfidence = minConfidence;
  }

  /**
   * Loads the model (the one shipped in this package by default) and warms it up. Recognizers
   * with the same model URL and backend share one loaded model; each has its own
   * `minConfidence`. Rejects with an error naming the URL when the model is missing, corrupt,
   * or not a 28×28×1 → 10 classifier.
   */
  static async load(config: RecognizerConfig = {}): Promise<Recognizer> {
    const cfg = validateRecognizerConfig(config);
    const href = cfg.modelUrl instanceof URL ? cfg.modelUrl.href : cfg.modelUrl;
    const key = `${cfg.backend} ${href}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = loadChecked({ href, backend: cfg.backend, wasmPath: cfg.wasmPath }).then(
        (model) => ({ model, users: 0, key }),
      );
      cache.set(key, pending);
      // A failed load is not cached: the next call tries again (the file may be fixed by then).
      pending.catch(() => cache.delete(key));
    }
    const shared = await pending;
    shared.users++;
    return new Recognizer(shared, cfg.backend, href, cfg.minConfidence);
  }

  /** Below this top probability, `digit` is `null` ("not sure"). In [0, 1]. */
  get minConfidence(): number {
    return this.#minConfidence;
  }

  set minConfidence(value: number) {
    this.#minConfidence = validateMinConfidence(value);
  }

  /** True until {@link dispose} is called. */
  get loaded(): boolean {
    return this.#shared !== null;
  }

  /**
   * Predicts the digit in one input: a preprocessed `Float32Array(784)`, strokes (run through
   * `preprocessStrokes`) or an image (`preprocessImage`). An empty input gives `digit: null`
   * and zero probabilities without running the model.
   */
  async predict(input: RecognizerInput): Promise<Prediction> {
    const [prediction] = await this.predictBatch([input]);
    return prediction;
  }

  /** Predicts several inputs in one model call; results are in input order. */
  async predictBatch(inputs: readonly RecognizerInput[]): Promise<Prediction[]> {
    this.#assertLoaded('predictBatch');
    if (!Array.isArray(inputs)) {
      throw new TypeError(`predictBatch expects an array of inputs, got ${typeof inputs}.`);
    }
    const start = now();
    const arrays = inputs.map((input, i) =>
      toModelInput(input, inputs.length > 1 ? `inputs[${i}]` : 'input'),
    );
    return this.#run(arrays, this.#minConfidence, start);
  }

  /**
   * Reads a drawing and says what it means: one digit, or with `multiple` a number split into
   * digits by `segmentDigits`. What `value`, `digit` and "not sure" mean is decided once, in
   * `toRecognition`; `minConfidence` may be set per call. This is the {@link DigitRecognizer}
   * contract that `<digit-canvas>` calls.
   */
  async recognize(input: RecognizerInput, options: RecognizeOptions = {}): Promise<Recognition> {
    this.#assertLoaded('recognize');
    const start = now();
    const minConfidence =
      options.minConfidence === undefined
        ? this.#minConfidence
        : validateMinConfidence(options.minConfidence);
    if (options.multiple && !Array.isArray(input)) {
      throw new TypeError(
        `recognize with multiple: true reads strokes (an array of strokes), got ${describeInput(input)}.`,
      );
    }
    // Strokes are validated here, once; everything below takes them as valid.
    const strokes = Array.isArray(input) ? validStrokes(input, 'input') : null;
    const groups = strokes === null ? [] : options.multiple ? segmentDigits(strokes) : [strokes];
    const arrays =
      strokes === null
        ? [toModelInput(input, 'input')]
        : groups.map((group) => preprocessStrokes(group));
    const predictions = await this.#run(arrays, minConfidence, start);
    // A blank input is no digit at all, rather than a digit with zero probabilities.
    const digits = predictions.filter((_, i) => hasInk(arrays[i]));
    return toRecognition(digits, digits.length ? groups : [], now() - start);
  }

  /** `recognize(strokes, { multiple: true })`: reads a written number. */
  async predictNumber(strokes: Stroke[]): Promise<Recognition> {
    this.#assertLoaded('predictNumber');
    return this.recognize(strokes, { multiple: true });
  }

  /** Runs the model on 28×28 arrays in one batch; an all-zero array gets no guess. */
  async #run(arrays: Float32Array[], minConfidence: number, start: number): Promise<Prediction[]> {
    const shared = this.#assertLoaded('predict');
    const inked = arrays.map(hasInk);
    const batch: Float32Array[] = arrays.filter((_, i) => inked[i]);
    let probabilities: Float32Array = new Float32Array(0);
    if (batch.length) {
      const flat = new Float32Array(batch.length * PIXELS);
      batch.forEach((a, i) => flat.set(a, i * PIXELS));
      probabilities = await shared.model.run(flat, batch.length);
    }
    const ms = (now() - start) / Math.max(1, arrays.length);
    let row = 0;
    return arrays.map((input, i) => {
      if (!inked[i]) return emptyPrediction(input, ms);
      const offset = row++ * NUM_CLASSES;
      const probs = probabilities.subarray(offset, offset + NUM_CLASSES);
      return toPrediction(probs, input, minConfidence, ms);
    });
  }

  /**
   * Releases this recognizer; the model's tensors are freed when the last recognizer sharing it
   * is disposed. Calling it twice is harmless; any other method then throws.
   */
  dispose(): void {
    const shared = this.#shared;
    if (!shared) return;
    this.#shared = null;
    if (--shared.users === 0) {
      cache.delete(shared.key);
      shared.model.dispose();
    }
  }

  #assertLoaded(method: string): SharedModel {
    if (!this.#shared) {
      throw new Error(
        `Recognizer.${method}() called after dispose(); load a new one with Recognizer.load().`,
      );
    }
    return this.#shared;
  }
}

function isImage(input: unknown): input is ImageInput {
  return (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    'data' in input &&
    'width' in input
  );
}

function toModelInput(input: RecognizerInput, where: string): Float32Array {
  if (input instanceof Float32Array) {
    if (input.length !== PIXELS) {
      throw new RangeError(
        `${where}: a preprocessed input must have ${PIXELS} values (28×28), got ${input.length}.`,
      );
    }
    const bad = input.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new RangeError(
        `${where}: value ${bad} (x ${bad % MNIST_SIZE}, y ${Math.floor(bad / MNIST_SIZE)}) must be finite, got ${input[bad]}.`,
      );
    }
    return input;
  }
  if (Array.isArray(input)) return preprocessStrokes(validStrokes(input, where));
  if (isImage(input)) return preprocessImage(input);
  throw new TypeError(
    `${where} must be a Float32Array(784), an array of strokes or an image {data, width, height}; got ${describeInput(input)}.`,
  );
}

function hasInk(array: Float32Array): boolean {
  return array.some((v) => v !== 0);
}

/** `parseStrokes` with the input's name in front of its message. */
function validStrokes(input: unknown[], where: string): Stroke[] {
  try {
    return parseStrokes(input);
  } catch (err) {
    throw new (err instanceof RangeError ? RangeError : TypeError)(
      `${where}: ${errorMessage(err)}`,
    );
  }
}

/** Names what was passed instead, e.g. another typed array, without printing its contents. */
function describeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null) return String(input);
  const name = (input as { constructor?: { name?: string } }).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object without data and width';
}
