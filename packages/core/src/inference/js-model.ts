import type { ModelFiles } from '../internal/model-loader.js';
import { SimdConvolutions } from './conv2d-simd.js';
import {
  type Activation,
  affinePerChannel,
  conv2d,
  dense,
  globalAveragePool,
  maxPool,
  reluInPlace,
  softmaxInPlace,
} from './kernels.js';
import { decodeWeights } from './weights.js';

/** One step of the model on one image. */
type Step = (input: Activation) => Activation;

/**
 * @internal A tfjs layers model run by core's own kernels (`kernels.ts`): the layers a small
 * image classifier is made of, in sequence, on one image at a time. `compileJsModel` builds it
 * when every layer is one it knows, so a page on the `cpu` backend loads no TensorFlow.js.
 */
export interface JsModel {
  /** The shape of one input: `[height, width, channels]`, or `[n]` for a vector. */
  readonly inputShape: readonly number[];
  /** Values the model reads per input: 784 for a 28×28×1 image, n for a `[null, n]` vector. */
  readonly inputSize: number;
  /** Values the model outputs per input. */
  readonly classes: number;
  /** Softmax outputs, `count × classes`, for `count` inputs stored end to end. */
  run(inputs: Float32Array, count: number): Float32Array;
}

/** A Keras/tfjs layer as model.json stores it. */
interface LayerJson {
  class_name: string;
  config: Record<string, unknown> & { name: string };
}

/** Why a model cannot run here, for the caller to fall back on TensorFlow.js. */
export class UnsupportedModel extends Error {}

/**
 * @internal The layers (Keras class names) core's kernels run: the cases of `stepsOf`, which
 * must handle each (the compiler checks both ways), so an error message can list them.
 */
export const JS_MODEL_LAYERS = [
  'InputLayer',
  'Conv2D',
  'BatchNormalization',
  'Activation',
  'ReLU',
  'MaxPooling2D',
  'GlobalAveragePooling2D',
  'Flatten',
  'Dropout',
  'Dense',
  'Softmax',
] as const;

/** @internal The activations core's kernels run (softmax on a vector only), as {@link JS_MODEL_LAYERS}. */
export const JS_MODEL_ACTIVATIONS = ['linear', 'relu', 'softmax'] as const;

/** Whether `value` is one of `list`'s names. */
function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

/**
 * Builds the steps of a `Sequential` model from its model.json and weights, with its convolutions
 * on `simd` where given (null: all in JavaScript). Throws {@link UnsupportedModel} naming the
 * first thing it does not run (a layer type, option or weight format outside the short list
 * below); the caller then loads the model with TensorFlow.js.
 */
export function compileJsModel(files: ModelFiles, simd: SimdConvolutions | null): JsModel {
  const layers = sequentialLayers(files.json.modelTopology);
  const weights = decodeWeights(files.weightSpecs, files.weightData);
  if (!(weights instanceof Map)) throw new UnsupportedModel(weights.unsupported);
  const weight = (layer: LayerJson, name: string): Float32Array => {
    const value = weights.get(`${layer.config.name}/${name}`);
    if (!value) throw new UnsupportedModel(`no weight ${layer.config.name}/${name}`);
    return value;
  };
  let shape = inputShapeOf(layers[0]?.config.batch_input_shape);
  const input = shape;
  const inputSize = input.height * input.width * input.channels;
  const steps: Step[] = [];
  for (const layer of layers) {
    const compiled = stepsOf(layer, weight, shape, simd);
    steps.push(...compiled.steps);
    shape = compiled.shape;
  }
  const classes = shape.height * shape.width * shape.channels;
  return {
    inputShape: input.flat ? [inputSize] : [input.height, input.width, input.channels],
    inputSize,
    classes,
    run(inputs, count) {
      const all = new Float32Array(count * classes);
      for (let i = 0; i < count; i++) {
        // A copy: the in-place steps must not write into the caller's inputs.
        let map: Activation = {
          data: inputs.slice(i * inputSize, (i + 1) * inputSize),
          height: input.height,
          width: input.width,
          channels: input.channels,
        };
        for (const step of steps) map = step(map);
        all.set(map.data, i * classes);
      }
      return all;
    },
  };
}

/**
 * The map a model reads: `[null, height, width, channels]` (a 28×28×1 image for the digit
 * classifiers, 1×48×5 for the trajectory model's pen path) or a vector `[null, n]`. Callers check
 * the size they need.
 */
function inputShapeOf(batchInputShape: unknown): MapShape {
  const [batch, ...dims] = Array.isArray(batchInputShape) ? (batchInputShape as unknown[]) : [];
  const sizes = dims.filter((d): d is number => Number.isInteger(d) && (d as number) > 0);
  if (batch !== null || sizes.length !== dims.length) {
    throw new UnsupportedModel(`input shape ${JSON.stringify(batchInputShape)}`);
  }
  if (sizes.length === 3) {
    return { height: sizes[0], width: sizes[1], channels: sizes[2], flat: false };
  }
  if (sizes.length === 1) return { height: 1, width: 1, channels: sizes[0], flat: true };
  throw new UnsupportedModel(`input shape ${JSON.stringify(batchInputShape)}`);
}

function sequentialLayers(topology: unknown): LayerJson[] {
  const model = ((topology as { model_config?: unknown }).model_config ?? topology) as {
    class_name?: string;
    config?: { layers?: LayerJson[] } | LayerJson[];
  };
  if (model.class_name !== 'Sequential') {
    throw new UnsupportedModel(`a ${model.class_name ?? 'model'} model, not Sequential`);
  }
  const layers = Array.isArray(model.config) ? model.config : model.config?.layers;
  if (!Array.isArray(layers) || layers.length === 0) throw new UnsupportedModel('no layers');
  return layers;
}

/** The same pair twice for a single number, as Keras allows (`pool_size: 2`). */
function pair(value: unknown, fallback: [number, number]): [number, number] {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return [value, value];
  return value as [number, number];
}

function activationStep(name: unknown, layer: string, input: MapShape): Step[] {
  const activation = name ?? 'linear';
  const unsupported = () => new UnsupportedModel(`activation ${String(name)} in layer ${layer}`);
  if (!isOneOf(JS_MODEL_ACTIVATIONS, activation)) throw unsupported();
  switch (activation) {
    case 'linear':
      return [];
    case 'relu':
      return [reluInPlace];
    case 'softmax':
      // Keras' softmax is over the last axis, which is all of a vector: maps are not run here.
      if (!input.flat) throw unsupported();
      return [softmaxInPlace];
  }
}

function expect(condition: boolean, what: string, layer: LayerJson): void {
  if (!condition) throw new UnsupportedModel(`${what} in layer ${layer.config.name}`);
}

/** The shape of the map between two layers; `flat` once it is a vector (Flatten, pooled, Dense). */
interface MapShape {
  height: number;
  width: number;
  channels: number;
  flat: boolean;
}

/** A layer's steps and the shape of the map it outputs. */
interface CompiledLayer {
  steps: Step[];
  shape: MapShape;
}

/** Checks a weight's size against the shape the layer needs, so a mismatch never runs. */
function sized(values: Float32Array, size: number, what: string, layer: LayerJson): Float32Array {
  expect(values.length === size, `${what} of ${values.length} values (expected ${size})`, layer);
  return values;
}

/** A layer's weight by name (`kernel`, `bias`, …); throws {@link UnsupportedModel} when absent. */
type WeightOf = (layer: LayerJson, name: string) => Float32Array;

/** The shape of a vector of `size` values. */
function vectorShape(size: number): MapShape {
  return { height: 1, width: 1, channels: size, flat: true };
}

/** Whether a layer reads its maps channels last, the only layout the kernels run. */
function isChannelsLast(config: LayerJson['config']): boolean {
  return config.data_format === undefined || config.data_format === 'channels_last';
}

/** The steps of one layer on an input of shape `input`; the layers with weights have their own. */
function stepsOf(
  layer: LayerJson,
  weight: WeightOf,
  input: MapShape,
  simd: SimdConvolutions | null,
): CompiledLayer {
  const c = layer.config;
  const type = layer.class_name;
  if (!isOneOf(JS_MODEL_LAYERS, type)) throw new UnsupportedModel(`layer ${c.name} (${type})`);
  switch (type) {
    case 'InputLayer':
    case 'Dropout':
      return { steps: [], shape: input };
    case 'Flatten':
      // A channels-last map read in order is its flattened vector: nothing to compute.
      return { steps: [], shape: vectorShape(input.height * input.width * input.channels) };
    case 'Conv2D':
      return conv2dLayer(layer, weight, input, simd);
    case 'BatchNormalization':
      return batchNormalizationLayer(layer, weight, input);
    case 'Activation':
      return { steps: activationStep(c.activation, c.name, input), shape: input };
    case 'ReLU':
      expect(c.max_value === undefined || c.max_value === null, 'max_value', layer);
      return { steps: [reluInPlace], shape: input };
    case 'Softmax':
      expect(input.flat, 'a softmax over a map', layer);
      return { steps: [softmaxInPlace], shape: input };
    case 'MaxPooling2D':
      return maxPoolingLayer(layer, input);
    case 'GlobalAveragePooling2D':
      expect(!input.flat, 'pooling of a vector', layer);
      expect(isChannelsLast(c), 'channels_first', layer);
      return { steps: [globalAveragePool], shape: vectorShape(input.channels) };
    case 'Dense':
      return denseLayer(layer, weight, input);
  }
}

/**
 * A 2-D convolution with stride 1 and 'valid' or 'same' padding, on `simd` when it runs this
 * many filters; a ReLU activation is fused into the convolution.
 */
function conv2dLayer(
  layer: LayerJson,
  weight: WeightOf,
  input: MapShape,
  simd: SimdConvolutions | null,
): CompiledLayer {
  const c = layer.config;
  const [kernelHeight, kernelWidth] = pair(c.kernel_size, [1, 1]);
  expect(!input.flat, 'a convolution of a vector', layer);
  expect(JSON.stringify(pair(c.strides, [1, 1])) === '[1,1]', 'strides other than 1', layer);
  expect(JSON.stringify(pair(c.dilation_rate, [1, 1])) === '[1,1]', 'dilation', layer);
  expect(isChannelsLast(c), 'channels_first', layer);
  expect(c.padding === 'valid' || c.padding === 'same', `padding ${String(c.padding)}`, layer);
  expect(
    c.padding === 'valid' || (kernelHeight === kernelWidth && kernelHeight % 2 === 1),
    "'same' padding with an even or non-square kernel",
    layer,
  );
  const filters = c.filters as number;
  const kernelSize = kernelHeight * kernelWidth * input.channels * filters;
  const kernel = sized(weight(layer, 'kernel'), kernelSize, 'a kernel', layer);
  const bias = biasOf(layer, weight, filters);
  const pad = c.padding === 'same' ? (kernelHeight - 1) / 2 : 0;
  const relu = c.activation === 'relu';
  const options = { kernelHeight, kernelWidth, filters, pad, relu };
  let conv: Step = (x) => conv2d(x, kernel, bias, options);
  if (simd && SimdConvolutions.runs(filters)) {
    const kernelAt = simd.store(kernel);
    const biasAt = simd.store(bias);
    conv = (x) => simd.conv2d(x, kernelAt, biasAt, options);
  }
  const shape: MapShape = {
    height: input.height + 2 * pad - kernelHeight + 1,
    width: input.width + 2 * pad - kernelWidth + 1,
    channels: filters,
    flat: false,
  };
  expect(shape.height > 0 && shape.width > 0, 'a kernel larger than its input', layer);
  return {
    steps: relu ? [conv] : [conv, ...activationStep(c.activation, c.name, shape)],
    shape,
  };
}

/** The layer's bias of `size` values, zeros when it has none (`use_bias: false`). */
function biasOf(layer: LayerJson, weight: WeightOf, size: number): Float32Array {
  return layer.config.use_bias === false
    ? new Float32Array(size)
    : sized(weight(layer, 'bias'), size, 'a bias', layer);
}

/** Batch normalization at inference: folded into one scale and shift per channel. */
function batchNormalizationLayer(
  layer: LayerJson,
  weight: WeightOf,
  input: MapShape,
): CompiledLayer {
  const c = layer.config;
  expect(c.axis === -1 || c.axis === 3 || c.axis === undefined, 'an axis other than -1', layer);
  const channel = (name: string) => sized(weight(layer, name), input.channels, name, layer);
  const mean = channel('moving_mean');
  const variance = channel('moving_variance');
  const epsilon = (c.epsilon as number | undefined) ?? 1e-3;
  const gamma = c.scale === false ? null : channel('gamma');
  const beta = c.center === false ? null : channel('beta');
  const scale = mean.map((_, i) => (gamma?.[i] ?? 1) / Math.sqrt(variance[i] + epsilon));
  const shift = mean.map((m, i) => (beta?.[i] ?? 0) - m * scale[i]);
  return { steps: [(x) => affinePerChannel(x, scale, shift)], shape: input };
}

/** Max pooling without padding. */
function maxPoolingLayer(layer: LayerJson, input: MapShape): CompiledLayer {
  const c = layer.config;
  const pool = pair(c.pool_size, [2, 2]);
  const strides = pair(c.strides, pool);
  expect(!input.flat, 'pooling of a vector', layer);
  expect(isChannelsLast(c), 'channels_first', layer);
  expect(c.padding === undefined || c.padding === 'valid', `padding ${String(c.padding)}`, layer);
  const shape: MapShape = {
    height: Math.floor((input.height - pool[0]) / strides[0]) + 1,
    width: Math.floor((input.width - pool[1]) / strides[1]) + 1,
    channels: input.channels,
    flat: false,
  };
  expect(shape.height > 0 && shape.width > 0, 'a pool larger than its input', layer);
  return { steps: [(x) => maxPool(x, pool, strides)], shape };
}

function denseLayer(layer: LayerJson, weight: WeightOf, input: MapShape): CompiledLayer {
  const c = layer.config;
  // Keras applies a Dense layer on a map to each pixel: only vectors are read here.
  expect(input.flat, 'a Dense layer on a map (no Flatten before it)', layer);
  const units = c.units as number;
  const kernel = sized(weight(layer, 'kernel'), input.channels * units, 'a kernel', layer);
  const bias = biasOf(layer, weight, units);
  const shape = vectorShape(units);
  return {
    steps: [(x) => dense(x, kernel, bias), ...activationStep(c.activation, c.name, shape)],
    shape,
  };
}
