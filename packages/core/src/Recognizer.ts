import {
  type Backend,
  type RecognizerConfig,
  validateMinConfidence,
  validateRecognizerConfig,
} from './config.js';
import { checkOutputsProbabilities, loadRunnableModel } from './inference/runnable-model.js';
import { loadTrajectoryModel, type TrajectoryModel } from './inference/trajectory-model.js';
import type { ModelRequest, RunnableModel } from './inference/types.js';
import { errorMessage } from './internal/error-message.js';
import { MNIST_SIZE } from './layout.js';
import {
  emptyPrediction,
  NUM_CLASSES,
  toPrediction,
  toRecognition,
  withProfile,
} from './postprocess.js';
import { preprocessImage } from './preprocess-image.js';
import { preprocessStrokes } from './preprocess-strokes.js';
import type { DigitRecognizer, PredictOptions, RecognizeOptions } from './recognize-options.js';
import { segmentDigits } from './segment.js';
import { parseStrokes } from './strokes.js';
import { trajectoryFeatures, TRAJECTORY_SIZE } from './trajectory.js';
import type { ImageInput, Prediction, Recognition, RecognizerInput, Stroke } from './types.js';
import { WriterProfile } from './writer-profile.js';

const PIXELS = MNIST_SIZE * MNIST_SIZE;

/** The loaded models, shared by every recognizer with the same URLs and backend. */
interface SharedModel {
  /** The CNN, on the 28×28 image. */
  model: RunnableModel;
  /** The trajectory model, on the pen path; null when the recognizer reads images alone. */
  trajectory: TrajectoryModel | null;
}

/**
 * The load of one backend and pair of URLs, and its users: the recognizers holding it and the
 * loads awaiting it. A load counts itself before it awaits, so that disposing the last recognizer
 * meanwhile cannot free the model that load is about to hand out.
 */
interface CacheEntry {
  readonly key: string;
  readonly shared: Promise<SharedModel>;
  users: number;
}

/** One input as the models read it: the 28×28 image and, when it was drawn, its strokes. */
interface ModelInput {
  image: Float32Array;
  strokes: Stroke[] | null;
}

const cache = new Map<string, CacheEntry>();

/** The entry of `key` with one more user; `load` starts it when there is none. */
function acquire(key: string, load: () => Promise<SharedModel>): CacheEntry {
  let entry = cache.get(key);
  if (!entry) {
    entry = { key, shared: load(), users: 0 };
    cache.set(key, entry);
    // A failed load is not cached: the next call tries again (the file may be fixed by then).
    // Its users were only the loads awaiting it, which all fail with it: nothing to count down.
    entry.shared.catch(() => cache.delete(key));
  }
  entry.users++;
  return entry;
}

/** One user less; the last one frees the models, so that the next load reads them anew. */
function release(entry: CacheEntry, shared: SharedModel): void {
  if (--entry.users > 0) return;
  cache.delete(entry.key);
  shared.model.dispose();
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** The CNN of `request`, loaded and checked to output probabilities (then warm). */
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

/** Both models, loaded side by side; neither is kept when the other fails. */
async function loadShared(
  request: ModelRequest,
  trajectoryHref: string | null,
): Promise<SharedModel> {
  const [cnn, trajectory] = await Promise.allSettled([
    loadChecked(request),
    trajectoryHref === null ? null : loadTrajectoryModel(trajectoryHref),
  ]);
  if (cnn.status === 'rejected') throw cnn.reason;
  if (trajectory.status === 'rejected') {
    cnn.value.dispose();
    throw trajectory.reason;
  }
  return { model: cnn.value, trajectory: trajectory.value };
}

function hrefOf(url: string | URL): string {
  return url instanceof URL ? url.href : url;
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
   * The trajectory model's URL (or path), whose probabilities are fused with the CNN's when
   * strokes are read; `null` when strokes are read by the CNN alone.
   */
  readonly trajectoryModelUrl: string | null;

  /**
   * What runs the model: `js`, core's own kernels (on the `cpu` backend, for models built of
   * the layers they know, the shipped one among them: no TensorFlow.js is loaded), or `tfjs`.
   */
  readonly engine: 'js' | 'tfjs';

  readonly #entry: CacheEntry;
  #shared: SharedModel | null;
  #minConfidence: number;

  private constructor(
    entry: CacheEntry,
    shared: SharedModel,
    backend: Backend,
    modelUrl: string,
    trajectoryModelUrl: string | null,
    minConfidence: number,
  ) {
    this.#entry = entry;
    this.#shared = shared;
    this.backend = backend;
    this.modelUrl = modelUrl;
    this.trajectoryModelUrl = trajectoryModelUrl;
    this.engine = shared.model.engine;
    this.#minConfidence = minConfidence;
  }

  /**
   * Loads the models (the CNN and the trajectory model shipped in this package by default) and
   * warms them up. Recognizers with the same model URLs and backend share the loaded models;
   * each has its own `minConfidence`. Rejects with an error naming the URL when a model is
   * missing, corrupt, or not a 28×28×1 → 10 classifier (the trajectory model: 48 pen-path
   * points × 5 → 10).
   */
  static async load(config: RecognizerConfig = {}): Promise<Recognizer> {
    const cfg = validateRecognizerConfig(config);
    const href = hrefOf(cfg.modelUrl);
    const trajectoryHref = cfg.trajectoryModelUrl === null ? null : hrefOf(cfg.trajectoryModelUrl);
    // JSON keeps the parts apart: paths may hold spaces, which made a space-joined key ambiguous.
    const key = JSON.stringify([cfg.backend, href, trajectoryHref]);
    const entry = acquire(key, () =>
      loadShared({ href, backend: cfg.backend, wasmPath: cfg.wasmPath }, trajectoryHref),
    );
    const shared = await entry.shared;
    return new Recognizer(entry, shared, cfg.backend, href, trajectoryHref, cfg.minConfidence);
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
   * `preprocessStrokes`, and through the trajectory model when there is one: the answer is then
   * both views fused) or an image (`preprocessImage`). An empty input gives `digit: null` and
   * zero probabilities without running the model. With `options.profile` (a
   * {@link WriterProfile}), strokes are read with the writer's profile; images ignore it.
   */
  async predict(input: RecognizerInput, options: PredictOptions = {}): Promise<Prediction> {
    const [prediction] = await this.predictBatch([input], options);
    return prediction;
  }

  /** Predicts several inputs in one model call; results are in input order. */
  async predictBatch(
    inputs: readonly RecognizerInput[],
    options: PredictOptions = {},
  ): Promise<Prediction[]> {
    this.#assertLoaded('predictBatch');
    if (!Array.isArray(inputs)) {
      throw new TypeError(`predictBatch expects an array of inputs, got ${typeof inputs}.`);
    }
    const start = now();
    const items = inputs.map((input, i) =>
      toModelInput(input, inputs.length > 1 ? `inputs[${i}]` : 'input'),
    );
    return this.#run(items, this.#minConfidence, start, checkProfile(options));
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
    const items: ModelInput[] =
      strokes === null
        ? [toModelInput(input, 'input')]
        : groups.map((group) => ({ image: preprocessStrokes(group), strokes: group }));
    const predictions = await this.#run(items, minConfidence, start, checkProfile(options));
    // A blank input is no digit at all, rather than a digit with zero probabilities.
    const digits = predictions.filter((_, i) => hasInk(items[i].image));
    return toRecognition(digits, digits.length ? groups : [], now() - start);
  }

  /**
   * `recognize(strokes, { multiple: true })`: reads a written number.
   *
   * @deprecated Use `recognize(strokes, { multiple: true })`, the one call for a digit or a
   * number (it takes `minConfidence` per call too). Kept, unchanged, for existing callers.
   */
  async predictNumber(strokes: Stroke[]): Promise<Recognition> {
    this.#assertLoaded('predictNumber');
    return this.recognize(strokes, { multiple: true });
  }

  /**
   * Runs the CNN on the 28×28 images in one batch and, for drawn inputs, the trajectory model on
   * their pen paths; an all-zero image gets no guess.
   */
  async #run(
    items: ModelInput[],
    minConfidence: number,
    start: number,
    profile: WriterProfile | null,
  ): Promise<Prediction[]> {
    const shared = this.#assertLoaded('predict');
    // Each item's row in the image batch and in the trajectory batch, -1 when it is not in it.
    const inked: ModelInput[] = [];
    const drawn: ModelInput[] = [];
    const imageRow: number[] = [];
    const trajectoryRow: number[] = [];
    for (const item of items) {
      const hasImage = hasInk(item.image);
      imageRow.push(hasImage ? inked.push(item) - 1 : -1);
      const read = hasImage && shared.trajectory !== null && item.strokes !== null;
      trajectoryRow.push(read ? drawn.push(item) - 1 : -1);
    }
    let imageProbabilities: Float32Array = new Float32Array(0);
    if (inked.length) {
      const flat = new Float32Array(inked.length * PIXELS); // [count, 28, 28, 1]
      inked.forEach((item, i) => flat.set(item.image, i * PIXELS));
      imageProbabilities = await shared.model.run(flat, inked.length); // [count, 10]
    }
    let trajectoryProbabilities: Float32Array = new Float32Array(0);
    if (shared.trajectory && drawn.length) {
      const flat = new Float32Array(drawn.length * TRAJECTORY_SIZE); // [count, 1, 48, 5]
      drawn.forEach((item, i) => flat.set(trajectoryFeatures(item.strokes!), i * TRAJECTORY_SIZE));
      trajectoryProbabilities = shared.trajectory.run(flat, drawn.length); // [count, 10]
    }
    const row = (all: Float32Array, i: number) =>
      all.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES);
    const predictions = items.map((item, k) => {
      if (imageRow[k] < 0) return emptyPrediction(item.image, 0);
      const trajectory =
        trajectoryRow[k] < 0 ? null : row(trajectoryProbabilities, trajectoryRow[k]);
      const image = row(imageProbabilities, imageRow[k]);
      const prediction = toPrediction(image, item.image, minConfidence, 0, trajectory);
      // The profile reads strokes only; an empty one changes nothing (not even a copy is made).
      if (!profile || profile.size === 0 || item.strokes === null) return prediction;
      const adjusted = profile.adjust(prediction.probabilities, item.strokes);
      return withProfile(prediction, adjusted, minConfidence);
    });
    const ms = (now() - start) / Math.max(1, items.length);
    for (const prediction of predictions) prediction.ms = ms;
    return predictions;
  }

  /**
   * Releases this recognizer; the model's tensors are freed when the last recognizer sharing it
   * is disposed and no load of it is pending. Calling it twice is harmless; any other method then
   * throws.
   */
  dispose(): void {
    const shared = this.#shared;
    if (!shared) return;
    this.#shared = null;
    release(this.#entry, shared);
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

/** The `profile` option: a WriterProfile or nothing. */
function checkProfile(options: PredictOptions | undefined): WriterProfile | null {
  if (typeof options !== 'object' || options === null) {
    if (options === undefined) return null;
    throw new TypeError(`options must be an object, got ${String(options)}.`);
  }
  const { profile } = options;
  if (profile === undefined) return null;
  if (!(profile instanceof WriterProfile)) {
    throw new TypeError(
      `options.profile must be a WriterProfile (WriterProfile.fromJSON restores a saved one), got ${describeInput(profile)}.`,
    );
  }
  return profile;
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

function toModelInput(input: RecognizerInput, where: string): ModelInput {
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
    return { image: input, strokes: null };
  }
  if (Array.isArray(input)) {
    const strokes = validStrokes(input, where);
    return { image: preprocessStrokes(strokes), strokes };
  }
  if (isImage(input)) return { image: preprocessImage(input), strokes: null };
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
