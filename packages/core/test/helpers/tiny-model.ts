// Builds small, fully known tfjs models in the test itself and writes them to a temp dir as
// model.json + weights.bin, so the Recognizer's real disk load path is exercised.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
// Building and saving models makes tensors: the helper brings its backend (core loads tfjs only
// when it runs a model with it).
import '@tensorflow/tfjs-backend-cpu';

import { TRAJECTORY_SIZE } from '../../src/trajectory.js';

const created: string[] = [];
process.on('exit', () => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A new temp folder, removed when the test process exits. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes `model` as model.json + weights.bin into a new temp folder; returns model.json's path. */
export async function saveToTempDir(model: tfl.LayersModel): Promise<string> {
  const dir = tempDir('digit-canvas-model-');
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const bytes = data instanceof ArrayBuffer ? data : tf.io.concatenateArrayBuffers(data ?? []);
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(bytes));
      const json = {
        format: 'layers-model',
        generatedBy: 'digit-canvas core tests',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return join(dir, 'model.json');
}

/**
 * A 28×28×1 → 10 softmax model whose logits are linear in the pixels: logit k =
 * Σ kernel[k][pixel] · pixel + bias[k]. `kernel(k, x, y)` gives the weights.
 */
export function linearDigitModel(
  kernel: (k: number, x: number, y: number) => number,
  bias: number[],
): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [28, 28, 1] }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  const w = new Float32Array(784 * 10);
  for (let p = 0; p < 784; p++) {
    for (let k = 0; k < 10; k++) w[p * 10 + k] = kernel(k, p % 28, Math.floor(p / 28));
  }
  const dense = model.layers[1];
  const kernelT = tf.tensor2d(w, [784, 10]);
  const biasT = tf.tensor1d(bias);
  dense.setWeights([kernelT, biasT]);
  kernelT.dispose();
  biasT.dispose();
  return model;
}

/** Ignores its input: always the probabilities softmax(bias). */
export function constantModel(bias: number[]): tfl.LayersModel {
  return linearDigitModel(() => 0, bias);
}

/**
 * A trajectory model on `[null, 240]` (`trajectoryFeatures`) whose logits are linear in the
 * features: logit k = Σ kernel(k, i) · features[i] + bias[k].
 */
export function linearTrajectoryModel(
  kernel: (k: number, i: number) => number,
  bias: number[],
): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ inputShape: [TRAJECTORY_SIZE], units: 10, activation: 'softmax' })],
  });
  const w = new Float32Array(TRAJECTORY_SIZE * 10);
  for (let i = 0; i < TRAJECTORY_SIZE; i++) {
    for (let k = 0; k < 10; k++) w[i * 10 + k] = kernel(k, i);
  }
  const kernelT = tf.tensor2d(w, [TRAJECTORY_SIZE, 10]);
  const biasT = tf.tensor1d(bias);
  model.layers[0].setWeights([kernelT, biasT]);
  kernelT.dispose();
  biasT.dispose();
  return model;
}

/**
 * A trajectory model that ignores its input: always softmax(bias). On `[null, 240]` by default;
 * `inputShape` builds one that reads another shape (flattened first), for the load-time checks.
 */
export function constantTrajectoryModel(
  bias: number[],
  inputShape: number[] = [TRAJECTORY_SIZE],
): tfl.LayersModel {
  if (inputShape.length === 1 && inputShape[0] === TRAJECTORY_SIZE) {
    return linearTrajectoryModel(() => 0, bias);
  }
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape }),
      tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'zeros' }),
    ],
  });
  const biasT = tf.tensor1d(bias);
  const dense = model.layers[1];
  dense.setWeights([dense.getWeights()[0], biasT]);
  biasT.dispose();
  return model;
}

/**
 * Tells a "1" from a "0" by where the ink is: ink in the central columns (x 12–16) votes 1,
 * ink elsewhere votes 0. Real behaviour for predictNumber tests without real weights.
 */
export function oneOrZeroModel(): tfl.LayersModel {
  const central = (x: number) => x >= 12 && x <= 16;
  return linearDigitModel(
    (k, x) => (k === 1 ? (central(x) ? 0.2 : -0.2) : k === 0 ? (central(x) ? -0.05 : 0.2) : 0),
    new Array(10).fill(0),
  );
}

/** A model with a layer core's own kernels do not run (a tanh activation): tfjs runs it. */
export function tanhModel(): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [28, 28, 1] }),
      tfl.layers.dense({ units: 16, activation: 'tanh' }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/** Writes arbitrary text as model.json in a new temp dir (for corrupt-file tests). */
export function writeModelJson(text: string): string {
  const dir = tempDir('digit-canvas-bad-');
  writeFileSync(join(dir, 'model.json'), text);
  return join(dir, 'model.json');
}
