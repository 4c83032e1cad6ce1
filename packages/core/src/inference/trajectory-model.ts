import { errorMessage } from '../internal/error-message.js';
import { NUM_CLASSES } from '../postprocess.js';
import { TRAJECTORY_POINTS, TRAJECTORY_CHANNELS, TRAJECTORY_SIZE } from '../trajectory.js';
import {
  compileJsModel,
  JS_MODEL_ACTIVATIONS,
  JS_MODEL_LAYERS,
  UnsupportedModel,
} from './js-model.js';
import { readFiles } from './runnable-model.js';

/** @internal The pen-path model: `trajectoryFeatures` in, 10 probabilities out. */
export interface TrajectoryModel {
  /** Softmax outputs, `count × 10`, for `count` feature vectors (TRAJECTORY_SIZE each) end to end. */
  run(features: Float32Array, count: number): Float32Array;
}

const EXPECTED = `[null,1,${TRAJECTORY_POINTS},${TRAJECTORY_CHANNELS}] or [null,${TRAJECTORY_SIZE}] (trajectoryFeatures: ${TRAJECTORY_POINTS} points × ${TRAJECTORY_CHANNELS} values)`;

/**
 * @internal Loads a trajectory model and checks it. It always runs on core's own kernels, whatever
 * the backend: it is small (21k parameters: ~0.3 ms a digit with its features, in Chromium), so
 * it never needs TensorFlow.js.
 * Errors name the URL, what was expected and what the model has.
 */
export async function loadTrajectoryModel(href: string): Promise<TrajectoryModel> {
  const files = await readFiles(href, 'trajectory model');
  const fail = (what: string) =>
    new Error(
      `The trajectory model at ${href} ${what}; expected one input of shape ${EXPECTED} and 10 softmax outputs.`,
    );
  let model;
  try {
    model = compileJsModel(files, null);
  } catch (err) {
    if (!(err instanceof UnsupportedModel)) throw err;
    throw fail(
      `cannot run on core's kernels (${errorMessage(err)}): it must be a Sequential model of the layers they run (${JS_MODEL_LAYERS.join(', ')}; activations ${JS_MODEL_ACTIVATIONS.join(', ')})`,
    );
  }
  const shape = JSON.stringify(model.inputShape);
  const accepted = [[1, TRAJECTORY_POINTS, TRAJECTORY_CHANNELS], [TRAJECTORY_SIZE]];
  if (!accepted.some((s) => JSON.stringify(s) === shape)) {
    throw fail(`reads inputs of shape [null,${model.inputShape.join(',')}]`);
  }
  if (model.classes !== NUM_CLASSES) throw fail(`outputs ${model.classes} values`);
  const output = model.run(new Float32Array(TRAJECTORY_SIZE), 1);
  const total = output.reduce((a, b) => a + b, 0);
  if (!(Math.abs(total - 1) < 1e-3))
    throw fail(`outputs values that sum to ${total}, not probabilities`);
  return model;
}
