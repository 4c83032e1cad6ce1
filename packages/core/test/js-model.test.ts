// Core's own kernels (src/inference) against TensorFlow.js on the same models: the shipped CNN on
// real MNIST digits, and small random CNNs with every layer option the kernels claim to run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
// tf.io.decodeWeights makes tensors: a backend must be registered even when this test runs alone.
import '@tensorflow/tfjs-backend-cpu';

import {
  DEFAULT_MODEL_URL,
  Recognizer,
  TRAJECTORY_CHANNELS,
  TRAJECTORY_POINTS,
  TRAJECTORY_SIZE,
} from '../src/index.js';
import { SimdConvolutions } from '../src/inference/conv2d-simd.js';
import { compileJsModel } from '../src/inference/js-model.js';
import { decodeWeights } from '../src/inference/weights.js';
import { readModelFiles } from '../src/internal/model-loader.js';
import { readMnistTest } from './helpers/mnist.js';
import { saveToTempDir } from './helpers/tiny-model.js';

/** A seeded generator in [0, 1), so a failing case is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The probabilities of `recognizer` for each input, as one flat array. */
async function probabilities(recognizer: Recognizer, inputs: Float32Array[]): Promise<number[]> {
  const predictions = await recognizer.predictBatch(inputs);
  return predictions.flatMap((p) => p.probabilities);
}

/** Random weights and batch-norm statistics, so no layer is an identity. */
function randomizeWeights(model: tfl.LayersModel, next: () => number): void {
  const values = model.weights.map((variable) => {
    const variance = variable.name.includes('variance');
    const shape = variable.shape as number[];
    const data = Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () =>
      variance ? 0.1 + 2 * next() : 0.6 * next() - 0.3,
    );
    return tf.tensor(data, shape);
  });
  model.setWeights(values);
  tf.dispose(values);
}

function maxDifference(a: number[], b: number[]): number {
  assert.equal(a.length, b.length);
  return a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);
}

/** Loads the same model with core's kernels (cpu) and with TensorFlow.js (wasm). */
async function bothEngines(modelUrl?: string): Promise<[Recognizer, Recognizer]> {
  // Images only: the trajectory model (which always runs on core's kernels) is not compared here.
  const js = await Recognizer.load({ modelUrl, backend: 'cpu', trajectoryModelUrl: null });
  const tfjs = await Recognizer.load({ modelUrl, backend: 'wasm', trajectoryModelUrl: null });
  return [js, tfjs];
}

const shippedModelPath = fileURLToPath(DEFAULT_MODEL_URL);

describe("core's kernels", () => {
  it('run the shipped model on MNIST as TensorFlow.js does', async () => {
    const [js, tfjs] = await bothEngines();
    assert.equal(js.engine, 'js');
    assert.equal(tfjs.engine, 'tfjs');
    const { images, labels } = readMnistTest();
    const slice = images.filter((_, i) => i % 5 === 0); // 2,000 digits
    const a = await js.predictBatch(slice);
    const b = await tfjs.predictBatch(slice);
    let sameDigit = 0;
    let correct = 0;
    let worst = 0;
    a.forEach((p, i) => {
      if (p.digit === b[i].digit) sameDigit++;
      if (p.digit === labels[i * 5]) correct++;
      worst = Math.max(worst, maxDifference(p.probabilities, b[i].probabilities));
    });
    console.log(
      JSON.stringify({
        check: 'js vs tfjs, shipped model',
        digits: slice.length,
        sameDigit,
        correct,
        worst,
      }),
    );
    assert.equal(sameDigit, slice.length, 'the same digit for every image');
    assert.ok(worst < 1e-4, `probabilities differ by up to ${worst}`);
    assert.ok(correct / slice.length > 0.99, `accuracy ${correct / slice.length}`);
    js.dispose();
    tfjs.dispose();
  });

  it('run random CNNs with every supported layer option as TensorFlow.js does', async () => {
    const next = random(7);
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [28, 28, 1],
          filters: 6,
          kernelSize: 5,
          padding: 'same',
          activation: 'relu',
        }),
        tfl.layers.batchNormalization({ epsilon: 0.01 }),
        tfl.layers.conv2d({ filters: 7, kernelSize: [3, 2], useBias: false }),
        tfl.layers.activation({ activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 3, strides: 2 }),
        tfl.layers.conv2d({ filters: 9, kernelSize: 3, padding: 'same' }),
        tfl.layers.reLU(),
        tfl.layers.flatten(),
        tfl.layers.dropout({ rate: 0.5 }),
        tfl.layers.dense({ units: 13, activation: 'relu' }),
        tfl.layers.dense({ units: 10 }),
        tfl.layers.softmax(),
      ],
    });
    randomizeWeights(model, next);
    const path = await saveToTempDir(model);
    const [js, tfjs] = await bothEngines(path);
    assert.equal(js.engine, 'js', 'every layer of this model is one the kernels run');
    const inputs = Array.from({ length: 20 }, () => Float32Array.from({ length: 784 }, next));
    const worst = maxDifference(await probabilities(js, inputs), await probabilities(tfjs, inputs));
    assert.ok(worst < 1e-5, `probabilities differ by up to ${worst}`);
    js.dispose();
    tfjs.dispose();
  });

  it('run pen-path models ([null,1,48,5] and [null,240]) as TensorFlow.js does', async () => {
    const next = random(19);
    const convolutional = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [1, TRAJECTORY_POINTS, TRAJECTORY_CHANNELS],
          filters: 8,
          kernelSize: [1, 5],
          padding: 'valid',
          activation: 'relu',
        }),
        tfl.layers.maxPooling2d({ poolSize: [1, 2] }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const dense = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [TRAJECTORY_SIZE], units: 16, activation: 'relu' }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const count = 20;
    // Random pen paths in the features' ranges (x, y in ±0.5, directions in ±1, pen 0 or 1).
    const inputs = Float32Array.from({ length: count * TRAJECTORY_SIZE }, (_, i) =>
      i % TRAJECTORY_CHANNELS === 4 ? Math.round(next()) : next() - 0.5,
    );
    for (const [name, model, shape] of [
      ['conv2d [1,5] + max pooling [1,2] + dense', convolutional, [1, TRAJECTORY_POINTS, 5]],
      ['dense only', dense, [TRAJECTORY_SIZE]],
    ] as const) {
      randomizeWeights(model, next);
      const expected = tf.tidy(() =>
        (model.predict(tf.tensor(inputs, [count, ...shape])) as tf.Tensor).dataSync(),
      );
      const path = await saveToTempDir(model);
      const files = await readModelFiles({ href: path, filePath: path });
      for (const simd of [await SimdConvolutions.create(), null]) {
        const compiled = compileJsModel(files, simd);
        assert.equal(compiled.inputSize, TRAJECTORY_SIZE, `${name}: reads 240 values`);
        assert.equal(compiled.classes, 10, `${name}: outputs 10 values`);
        const worst = maxDifference(Array.from(compiled.run(inputs, count)), Array.from(expected));
        const on = simd ? 'WebAssembly SIMD' : 'plain JavaScript';
        assert.ok(worst < 1e-5, `${name} on ${on}: probabilities differ by up to ${worst}`);
      }
    }
  });

  it('give the same answers in plain JavaScript as on WebAssembly SIMD', async () => {
    const files = await readModelFiles({ href: shippedModelPath, filePath: shippedModelPath });
    const simd = await SimdConvolutions.create();
    assert.ok(simd, 'Node runs WebAssembly SIMD');
    const onSimd = compileJsModel(files, simd);
    const inJs = compileJsModel(files, null);
    const { images } = readMnistTest();
    const count = 200;
    const batch = new Float32Array(count * 784);
    images.slice(0, count).forEach((image, i) => batch.set(image, i * 784));
    const worst = maxDifference(
      Array.from(onSimd.run(batch, count)),
      Array.from(inJs.run(batch, count)),
    );
    assert.ok(worst < 1e-5, `probabilities differ by up to ${worst}`);
  });

  it('leave a model with a layer they do not run to TensorFlow.js, with the same answers', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [28, 28, 1],
          filters: 4,
          kernelSize: 3,
          strides: 2,
          activation: 'relu',
        }),
        tfl.layers.averagePooling2d({ poolSize: 2 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const path = await saveToTempDir(model);
    const [cpu, wasm] = await bothEngines(path);
    assert.equal(cpu.engine, 'tfjs', 'strides and average pooling go to tfjs, on its cpu backend');
    const next = random(3);
    const inputs = Array.from({ length: 5 }, () => Float32Array.from({ length: 784 }, next));
    const worst = maxDifference(
      await probabilities(cpu, inputs),
      await probabilities(wasm, inputs),
    );
    assert.ok(worst < 1e-5, `probabilities differ by up to ${worst}`);
    cpu.dispose();
    wasm.dispose();
  });

  it('decode every weight format as tfjs does', () => {
    const next = random(11);
    // Away from 0, so no half float is subnormal.
    const values = Float32Array.from(
      { length: 50 },
      () => (next() < 0.5 ? -1 : 1) * (0.01 + next()),
    );
    const quantized = (scale: number) => values.map((v) => Math.round((v + 2) / scale));
    const cases: [tf.io.WeightsManifestEntry['quantization'], ArrayBuffer][] = [
      [{ dtype: 'uint8', min: -2, scale: 4 / 255 }, Uint8Array.from(quantized(4 / 255)).buffer],
      [
        { dtype: 'uint16', min: -2, scale: 4 / 65535 },
        Uint16Array.from(quantized(4 / 65535)).buffer,
      ],
      [{ dtype: 'float16' }, float16Bytes(values)],
      [undefined, values.slice().buffer],
    ];
    for (const [quantization, data] of cases) {
      // No `quantization` key at all for float32: tfjs reads its presence, not its value.
      const spec: tf.io.WeightsManifestEntry = {
        name: 'w',
        shape: [5, 10],
        dtype: 'float32',
        ...(quantization && { quantization }),
      };
      const ours = decodeWeights([spec], data);
      assert.ok(ours instanceof Map, JSON.stringify(ours));
      const theirs = tf.io.decodeWeights(data, [spec]).w.dataSync();
      assert.deepEqual(
        Array.from(ours.get('w')!),
        Array.from(theirs),
        quantization?.dtype ?? 'float32',
      );
    }
  });
});

/** `values` as IEEE half floats (round to nearest), the bytes tfjs's float16 quantization stores. */
function float16Bytes(values: Float32Array): ArrayBuffer {
  const out = new Uint16Array(values.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  values.forEach((v, i) => {
    f[0] = v;
    const x = u[0];
    const sign = (x >>> 16) & 0x8000;
    const exponent = ((x >>> 23) & 0xff) - 127 + 15;
    const mantissa = x & 0x7fffff;
    out[i] = sign + (exponent << 10) + Math.round(mantissa / 8192); // a carry may raise the exponent
  });
  return out.buffer;
}
