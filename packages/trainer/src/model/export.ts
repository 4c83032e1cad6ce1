import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import { MNIST_SIZE, NUM_CLASSES } from '@digit-canvas/core';

import { BN_EPSILON, CONV_FILTERS, PADDING, POOL_AFTER, type Network } from './network.js';

/** How weights are stored: as is, or quantized by tfjs' loader conventions. */
export type WeightFormat = 'float32' | 'float16' | 'uint8';
export const WEIGHT_FORMATS: readonly WeightFormat[] = ['float32', 'float16', 'uint8'];
export const WEIGHTS_FILE = 'weights.bin';

/** The two files of a saved model: its model.json and its one weight file. */
export interface ModelFileNames {
  readonly json: string;
  readonly weights: string;
}

/** The CNN's files, as core ships them. */
export const CNN_FILES: ModelFileNames = { json: 'model.json', weights: WEIGHTS_FILE };

/** The trajectory model's files, beside the CNN's in core's model/ folder. */
export const TRAJECTORY_FILES: ModelFileNames = {
  json: 'trajectory.json',
  weights: 'trajectory.bin',
};

/**
 * The inference model as a plain tfjs LayersModel: each batch norm is folded into its
 * convolution (kernel·scale, bias = β − mean·scale with scale = γ/√(var+ε)), so it has only
 * Conv2D(relu), MaxPooling2D, GlobalAveragePooling2D and Dense(softmax) layers. Input
 * [null, 28, 28, 1], output [null, 10] probabilities.
 */
export function toLayersModel(net: Network): tfl.LayersModel {
  const model = tfl.sequential({ name: 'digit_canvas_cnn' });
  CONV_FILTERS.forEach((filters, i) => {
    model.add(
      tfl.layers.conv2d({
        ...(i === 0 ? { inputShape: [MNIST_SIZE, MNIST_SIZE, 1] } : {}),
        name: `conv${i}`,
        filters,
        kernelSize: 3,
        padding: PADDING[i],
        activation: 'relu',
      }),
    );
    if (POOL_AFTER.has(i)) model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: `pool${i}` }));
  });
  model.add(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  model.add(tfl.layers.dense({ units: NUM_CLASSES, activation: 'softmax', name: 'probabilities' }));
  const weights = tf.tidy(() => {
    const folded = net.blocks.flatMap((b) => {
      const scale = tf.mul(b.gamma, tf.rsqrt(tf.add(b.movingVar, BN_EPSILON)));
      return [tf.mul(b.kernel, scale), tf.sub(b.beta, tf.mul(b.movingMean, scale))];
    });
    return [...folded, tf.clone(net.denseKernel), tf.clone(net.denseBias)];
  });
  model.setWeights(weights);
  tf.dispose(weights);
  return model;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: {
    dtype: 'uint8' | 'float16';
    min?: number;
    scale?: number;
    original_dtype?: 'float32';
  };
}

/** Result of writing a model folder. */
export interface SavedModel {
  format: WeightFormat;
  /** Bytes of the weight file. */
  weightBytes: number;
  /** Bytes of model.json. */
  topologyBytes: number;
}

/**
 * Writes `model` as `dir/model.json` + `dir/weights.bin` (one shard; other `names` for the
 * trajectory model), its weights stored in `format`. uint8 is per-tensor affine (value =
 * q·scale + min) and float16 is IEEE half, both as tfjs' loadLayersModel decodes them.
 */
export async function saveLayersModel(
  model: tfl.LayersModel,
  dir: string,
  format: WeightFormat,
  names: ModelFileNames = CNN_FILES,
): Promise<SavedModel> {
  if (!WEIGHT_FORMATS.includes(format)) {
    throw new Error(
      `unknown weight format "${format}"; choose one of ${WEIGHT_FORMATS.join(', ')}`,
    );
  }
  let topology: object | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      topology = artifacts.modelTopology as object;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const specs: WeightSpec[] = [];
  const chunks: Uint8Array[] = [];
  for (const weight of model.weights) {
    const values = weight.read().dataSync() as Float32Array;
    const { spec, bytes } = encode(weight.originalName, weight.shape as number[], values, format);
    specs.push(spec);
    chunks.push(bytes);
  }
  const weightData = concatBytes(chunks);
  const json = JSON.stringify({
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
    convertedBy: '@digit-canvas/trainer',
    modelTopology: topology,
    weightsManifest: [{ paths: [names.weights], weights: specs }],
  });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, names.json), json);
  await writeFile(join(dir, names.weights), weightData);
  return { format, weightBytes: weightData.byteLength, topologyBytes: Buffer.byteLength(json) };
}

/**
 * Loads a model folder written by saveLayersModel (or any single-folder LayersModel) from disk,
 * as a tfjs LayersModel. The trainer's only model loader, for the one caller that needs the
 * LayersModel itself: `export` re-encodes its weights in each format and lists its layers in the
 * model card. Core's `Recognizer` does not hand out its LayersModel, and core's loader
 * (packages/core/src/internal/model-loader.ts) is internal to core, so this cannot be core's.
 * Everything that only predicts (evaluate, export's accuracy per format) loads through
 * `Recognizer.load({ modelUrl })`, the code users run.
 */
export async function loadLayersModelFromDir(
  dir: string,
  json = CNN_FILES.json,
): Promise<tfl.LayersModel> {
  const modelJson = JSON.parse(await readFile(join(dir, json), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const specs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const buffers = await Promise.all(
    modelJson.weightsManifest.flatMap((group) => group.paths.map((p) => readFile(join(dir, p)))),
  );
  const weightData = concatBytes(buffers).buffer as ArrayBuffer;
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs, weightData }),
  );
}

interface ModelJson {
  weightsManifest: {
    paths: string[];
    weights: { shape: number[]; quantization?: { dtype: string } }[];
  }[];
}

/** What a model folder's files hold, as the evaluation report records it. */
export interface ModelFiles {
  /** How the weights are stored: float32, float16 or uint8 (joined by + when mixed). */
  weightFormat: string;
  /** Bytes of the weight file(s). */
  modelBytes: number;
  /** Bytes of model.json. */
  topologyBytes: number;
  /** Weights listed in the manifest: the model's parameter count. */
  parameters: number;
}

/** Reads a model folder's model.json and weight file sizes (without loading the model). */
export async function describeModelFiles(
  dir: string,
  jsonFile = CNN_FILES.json,
): Promise<ModelFiles> {
  const text = await readFile(join(dir, jsonFile), 'utf8');
  const json = JSON.parse(text) as ModelJson;
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  const sizes = await Promise.all(paths.map(async (p) => (await stat(join(dir, p))).size));
  const weights = json.weightsManifest.flatMap((g) => g.weights);
  const formats = new Set(weights.map((w) => w.quantization?.dtype ?? 'float32'));
  return {
    weightFormat: [...formats].join('+'),
    modelBytes: sizes.reduce((a, b) => a + b, 0),
    topologyBytes: Buffer.byteLength(text),
    parameters: weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0),
  };
}

function encode(
  name: string,
  shape: number[],
  values: Float32Array,
  format: WeightFormat,
): { spec: WeightSpec; bytes: Uint8Array } {
  const spec: WeightSpec = { name, shape, dtype: 'float32' };
  if (format === 'float32') return { spec, bytes: new Uint8Array(values.slice().buffer) };
  if (format === 'float16') {
    const half = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) half[i] = toHalf(values[i]!);
    spec.quantization = { dtype: 'float16', original_dtype: 'float32' };
    return { spec, bytes: new Uint8Array(half.buffer) };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Same affine scheme as the tfjs converter: the range is stretched to include 0 exactly.
  min = Math.min(min, 0);
  max = Math.max(max, 0);
  const scale = max > min ? (max - min) / 255 : 1;
  const zero = Math.round(-min / scale);
  min = -zero * scale;
  const q = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++)
    q[i] = Math.max(0, Math.min(255, Math.round((values[i]! - min) / scale)));
  spec.quantization = { dtype: 'uint8', min, scale, original_dtype: 'float32' };
  return { spec, bytes: q };
}

function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

// float32 → IEEE 754 half (round to nearest even; overflow to infinity, tiny values to subnormals).
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return sign | half;
}
