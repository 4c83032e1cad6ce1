// TensorFlow.js runs the model here, for what core's own kernels do not: the wasm and webgl
// backends, models with other layers, and models tfjs reads itself (indexeddb://…). Core imports
// this module only then, so a page on the default path downloads no TensorFlow.js.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import type { Backend } from '../config.js';
import { errorMessage } from '../internal/error-message.js';
import type { ModelFiles } from '../internal/model-loader.js';
import { MNIST_SIZE } from '../layout.js';
import { NUM_CLASSES } from '../postprocess.js';
import { activateBackend } from './tfjs-backends.js';
import type { RunnableModel } from './types.js';

interface BackendOptions {
  backend: Backend;
  wasmPath: string | undefined;
  modelUrl: string;
}

function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : d)).join(',')}]`;
}

function checkShapes(model: tfl.LayersModel, where: string): void {
  const input = model.inputs[0]?.shape ?? [];
  const output = model.outputs[0]?.shape ?? [];
  if (model.inputs.length !== 1 || shapeText(input) !== '[null,28,28,1]') {
    throw new Error(
      `The model at ${where} takes input ${model.inputs.map((t) => shapeText(t.shape)).join(', ')}; expected one input of shape [null,28,28,1] (a batch of 28×28 grey images). Export a model trained on MNIST-layout 28×28×1 inputs.`,
    );
  }
  if (model.outputs.length !== 1 || shapeText(output) !== `[null,${NUM_CLASSES}]`) {
    throw new Error(
      `The model at ${where} outputs ${model.outputs.map((t) => shapeText(t.shape)).join(', ')}; expected one output of shape [null,10] (softmax probabilities of digits 0–9).`,
    );
  }
}

/**
 * @internal Loads a layers model into TensorFlow.js on `options.backend`: from files core has
 * read (and checked), or, for the storage schemes tfjs knows (`indexeddb://`,
 * `localstorage://`), by its URL through tfjs's own router. Its errors name the backend that
 * does not start, or the model URL and what is wrong with the model.
 */
export async function loadTfjsModel(
  source: ModelFiles | string,
  options: BackendOptions,
): Promise<RunnableModel> {
  await activateBackend(options.backend, options);
  const handler: tf.io.IOHandler | string =
    typeof source === 'string'
      ? source
      : {
          load: () =>
            tf.io.getModelArtifactsForJSON(source.json, async () => [
              source.weightSpecs,
              source.weightData,
            ]),
        };
  let model: tfl.LayersModel;
  try {
    model = await tfl.loadLayersModel(handler);
  } catch (err) {
    throw new Error(
      `Could not load the digit model from ${options.modelUrl}: ${errorMessage(err)}`,
    );
  }
  try {
    checkShapes(model, options.modelUrl);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return {
    engine: 'tfjs',
    async run(images, count) {
      // Another recognizer on this page may have switched tfjs to another backend since.
      await activateBackend(options.backend, options);
      const output = tf.tidy(
        () => model.predict(tf.tensor4d(images, [count, MNIST_SIZE, MNIST_SIZE, 1])) as tf.Tensor2D,
      );
      try {
        return (await output.data()) as Float32Array;
      } finally {
        output.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}
