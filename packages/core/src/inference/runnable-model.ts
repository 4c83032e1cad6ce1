import { isNode } from '../internal/environment.js';
import { errorMessage } from '../internal/error-message.js';
import { type ModelFiles, readModelFiles } from '../internal/model-loader.js';
import { MNIST_SIZE } from '../layout.js';
import { shippedWeightUrls } from '../model-url.js';
import { NUM_CLASSES } from '../postprocess.js';
import { SimdConvolutions } from './conv2d-simd.js';
import { compileJsModel, UnsupportedModel } from './js-model.js';
import type { ModelRequest, RunnableModel } from './types.js';

/** The scheme of a `scheme://…` URL, lower-cased; undefined for a path. */
function urlScheme(href: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(href)?.[1]?.toLowerCase();
}

/** The storage schemes only tfjs's own router reads (`indexeddb://`, `localstorage://`). */
function isTfjsStorage(href: string): boolean {
  const scheme = urlScheme(href);
  return scheme !== undefined && !['http', 'https', 'file'].includes(scheme);
}

/**
 * @internal Reads a model's files: from disk in Node (a path or `file:` URL), else over http(s).
 * Errors name the URL and what is wrong.
 */
export async function readFiles(href: string, what = 'digit model'): Promise<ModelFiles> {
  const scheme = urlScheme(href);
  try {
    if (isNode() && scheme !== 'http' && scheme !== 'https') {
      // On disk the weight files always sit beside model.json, as the manifest lists them.
      const filePath = scheme === 'file' ? decodeURIComponent(new URL(href).pathname) : href;
      return await readModelFiles({ href, filePath });
    }
    return await readModelFiles({ href, filePath: null, weightUrls: shippedWeightUrls(href) });
  } catch (err) {
    throw new Error(`Could not load the ${what} from ${href}: ${errorMessage(err)}`);
  }
}

/**
 * @internal Loads the model of `request`. On the `cpu` backend core's own kernels run it when
 * they know all of its layers (the shipped model's, and the usual ones of a small CNN); every
 * other case (`wasm`, `webgl`, other layers) imports TensorFlow.js, which is then downloaded.
 */
export async function loadRunnableModel(request: ModelRequest): Promise<RunnableModel> {
  const { href, backend, wasmPath } = request;
  const tfjsOptions = { backend, wasmPath, modelUrl: href };
  if (isTfjsStorage(href)) {
    const { loadTfjsModel } = await import('./tfjs-model.js');
    return loadTfjsModel(href, tfjsOptions);
  }
  const files = await readFiles(href);
  if (backend === 'cpu') {
    try {
      const model = compileJsModel(files, await SimdConvolutions.create());
      // Any other shape is refused by the tfjs path below, with the shapes in its message.
      const image =
        JSON.stringify(model.inputShape) === JSON.stringify([MNIST_SIZE, MNIST_SIZE, 1]);
      if (image && model.classes === NUM_CLASSES) {
        // Nothing to free: the weights are plain arrays and the SIMD memory is garbage-collected.
        return {
          engine: 'js',
          run: async (images, count) => model.run(images, count),
          dispose() {},
        };
      }
    } catch (err) {
      if (!(err instanceof UnsupportedModel)) throw err;
      // Not a model these kernels run: TensorFlow.js's cpu backend does, with its own checks.
    }
  }
  const { loadTfjsModel } = await import('./tfjs-model.js');
  return loadTfjsModel(files, tfjsOptions);
}

/**
 * @internal Runs the model once on a blank image (tfjs compiles its kernels then) and checks
 * that it outputs probabilities: a model without a final softmax would give wrong confidences.
 */
export async function checkOutputsProbabilities(model: RunnableModel, href: string): Promise<void> {
  const output = await model.run(new Float32Array(MNIST_SIZE * MNIST_SIZE), 1);
  const total = output.reduce((a, b) => a + b, 0);
  if (!(Math.abs(total - 1) < 1e-3)) {
    throw new Error(
      `The model at ${href} does not output probabilities (its outputs sum to ${total}, expected 1); end it with a softmax layer.`,
    );
  }
}
