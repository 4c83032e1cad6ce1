import { isNode } from './internal/environment.js';
import { DEFAULT_MODEL_URL, DEFAULT_TRAJECTORY_MODEL_URL } from './model-url.js';

/**
 * Where the recognizer runs the model: `cpu` (core's own kernels, or TensorFlow.js's cpu backend
 * for a model they do not run), or TensorFlow.js's `wasm` or `webgl` backend.
 */
export type Backend = 'cpu' | 'wasm' | 'webgl';

/** The backends in {@link Backend}, for validation and docs. */
export const BACKENDS: readonly Backend[] = ['cpu', 'wasm', 'webgl'];

/** Options of `Recognizer.load()`. */
export interface RecognizerConfig {
  /**
   * Where the tfjs LayersModel's `model.json` is: a URL in the browser; in Node also a file
   * path or a `file:` URL (read from disk) or an http(s) URL. Defaults to the model shipped in
   * this package.
   */
  modelUrl?: string | URL;
  /**
   * Where the trajectory model's `model.json` is: it reads the pen path, and when strokes are
   * recognized its probabilities are fused with the CNN's (images and 28×28 arrays have no pen
   * path, so the CNN alone reads them). `null` reads strokes with the CNN alone. Defaults to the
   * model shipped in this package (`model/trajectory.json`) when `modelUrl` is the shipped CNN or
   * not given, the pair measured together; with any other `modelUrl`, to `null`: pass this too
   * to fuse your CNN with a trajectory model. It always runs on core's own kernels.
   */
  trajectoryModelUrl?: string | URL | null;
  /**
   * Where the model runs. Defaults to `cpu` in the browser: core's own kernels (WebAssembly SIMD,
   * ~1 ms a digit) with no TensorFlow.js to download, for the shipped model and any model of the
   * layers they know; TensorFlow.js's cpu backend for others. Defaults to `wasm` in Node, where
   * TensorFlow.js installs from npm with no native binary and is fastest for batches. TensorFlow.js
   * and its `wasm` and `webgl` backends are imported only when used.
   */
  backend?: Backend;
  /**
   * Below this confidence (the top probability) the prediction's `digit` is `null`: "not
   * sure". In [0, 1]; 0 (the default) always gives a digit for a non-empty input.
   */
  minConfidence?: number;
  /**
   * Folder (URL or, in Node, path) holding the tfjs-backend-wasm `.wasm` files, used with
   * `backend: 'wasm'`. Node defaults to the installed package's `dist/`; the browser defaults
   * to the folder of the model. tfjs reads it once per page: the first `wasm` load decides, and
   * a later recognizer's `wasmPath` is not used.
   */
  wasmPath?: string;
}

/** Resolved configuration: every field filled. `wasmPath` stays optional (computed lazily). */
export type ResolvedRecognizerConfig = Required<Omit<RecognizerConfig, 'wasmPath'>> &
  Pick<RecognizerConfig, 'wasmPath'>;

/** Defaults of {@link RecognizerConfig}. */
export const DEFAULT_RECOGNIZER_CONFIG: Readonly<ResolvedRecognizerConfig> = {
  modelUrl: DEFAULT_MODEL_URL,
  trajectoryModelUrl: DEFAULT_TRAJECTORY_MODEL_URL,
  backend: isNode() ? 'wasm' : 'cpu',
  minConfidence: 0,
};

/** Throws a `RangeError` unless `value` is a valid `minConfidence`. */
export function validateMinConfidence(value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RangeError(
      `minConfidence must be a number in [0, 1] (0 = always answer), got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * Copies `config`, fills in the defaults field by field and checks every value; throws a
 * `RangeError` saying what was expected and what was given.
 */
export function validateRecognizerConfig(config: RecognizerConfig = {}): ResolvedRecognizerConfig {
  const d = DEFAULT_RECOGNIZER_CONFIG;
  const modelUrl = config.modelUrl ?? d.modelUrl;
  // The shipped trajectory model comes with the shipped CNN: the pair measured together.
  const shippedCnn = (modelUrl instanceof URL ? modelUrl.href : modelUrl) === d.modelUrl;
  const resolved: ResolvedRecognizerConfig = {
    modelUrl,
    trajectoryModelUrl:
      config.trajectoryModelUrl === undefined
        ? shippedCnn
          ? d.trajectoryModelUrl
          : null
        : config.trajectoryModelUrl,
    backend: config.backend ?? d.backend,
    minConfidence: config.minConfidence ?? d.minConfidence,
    wasmPath: config.wasmPath,
  };
  const url = resolved.modelUrl;
  if (!(url instanceof URL) && (typeof url !== 'string' || url.length === 0)) {
    throw new RangeError(
      `modelUrl must be a non-empty string or a URL, got ${url === '' ? 'an empty string' : typeof url}.`,
    );
  }
  const trajectory = resolved.trajectoryModelUrl;
  if (
    trajectory !== null &&
    !(trajectory instanceof URL) &&
    (typeof trajectory !== 'string' || trajectory.length === 0)
  ) {
    throw new RangeError(
      `trajectoryModelUrl must be a non-empty string, a URL or null, got ${trajectory === '' ? 'an empty string' : typeof trajectory}.`,
    );
  }
  if (!BACKENDS.includes(resolved.backend)) {
    throw new RangeError(
      `backend must be one of ${BACKENDS.join(', ')}, got ${JSON.stringify(resolved.backend)}.`,
    );
  }
  validateMinConfidence(resolved.minConfidence);
  if (resolved.wasmPath !== undefined && typeof resolved.wasmPath !== 'string') {
    throw new RangeError(`wasmPath must be a string, got ${typeof resolved.wasmPath}.`);
  }
  return resolved;
}
