import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import * as tf from '@tensorflow/tfjs-core';

import { useBackend } from '../src/backend.js';
import {
  conv2DBackpropFilterWasm,
  conv2DBackpropInputWasm,
} from '../src/kernels/wasm-conv-grads.js';
import { identityWasm, maxPoolGradWasm } from '../src/kernels/wasm-heap-kernels.js';
import { batchNormReluTraining, BN_EPSILON, type BatchStats } from '../src/model/network.js';
import { Random } from '../src/random.js';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: Pad;
}

// Random NHWC shapes, 1–4 sized kernels, strides 1–3 and 'same' / 'valid' / explicit padding.
function randomCases(count: number, seed: number): Case[] {
  const rng = new Random(seed);
  const int = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const cases: Case[] = [];
  while (cases.length < count) {
    const kh = int(1, 4);
    const kw = int(1, 4);
    const x: Case['x'] = [int(1, 3), int(kh, 9), int(kw, 9), int(1, 4)];
    const kind = rng.int(3);
    const pad: Pad =
      kind === 0
        ? 'same'
        : kind === 1
          ? 'valid'
          : [
              [0, 0],
              [int(0, 2), int(0, 2)],
              [int(0, 2), int(0, 2)],
              [0, 0],
            ];
    cases.push({ x, filter: [kh, kw, x[3], int(1, 4)], strides: [int(1, 3), int(1, 3)], pad });
  }
  return cases;
}

function info(c: Case): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
}

/**
 * Visits every tap of the convolution by its definition: for each batch item, output position and
 * filter tap that lands inside the input, the flat indices of the input value, the filter weight
 * and the output gradient it connects. Both reference gradients below are sums over these taps.
 */
function forEachTap(c: Case, visit: (xi: number, wi: number, dyi: number) => void): void {
  const ci = info(c);
  const [b, h, w, cin] = c.x;
  const [kh, kw, , cout] = c.filter;
  for (let n = 0; n < b; n++)
    for (let oy = 0; oy < ci.outHeight; oy++)
      for (let ox = 0; ox < ci.outWidth; ox++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const y = oy * ci.strideHeight + i - ci.padInfo.top;
            const xx = ox * ci.strideWidth + j - ci.padInfo.left;
            if (y < 0 || xx < 0 || y >= h || xx >= w) continue;
            for (let a = 0; a < cin; a++)
              for (let o = 0; o < cout; o++)
                visit(
                  ((n * h + y) * w + xx) * cin + a,
                  ((i * kw + j) * cin + a) * cout + o,
                  ((n * ci.outHeight + oy) * ci.outWidth + ox) * cout + o,
                );
          }
}

/** dW by the definition: Σ over batch and output positions of x(shifted) · dy. */
function filterGradLoops(c: Case, x: Float32Array, dy: Float32Array): Float32Array {
  const out = new Float32Array(c.filter.reduce((a, b) => a * b, 1));
  forEachTap(c, (xi, wi, dyi) => {
    out[wi]! += x[xi]! * dy[dyi]!;
  });
  return out;
}

/** dx by the definition: each dy scatters W back onto the input positions it read. */
function inputGradLoops(c: Case, dy: Float32Array, filter: Float32Array): Float32Array {
  const out = new Float32Array(c.x.reduce((a, b) => a * b, 1));
  forEachTap(c, (xi, wi, dyi) => {
    out[xi]! += filter[wi]! * dy[dyi]!;
  });
  return out;
}

function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  tol = 1e-4,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i]! - expected[i]!);
    assert.ok(
      err <= tol * (1 + Math.abs(expected[i]!)),
      `${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`,
    );
  }
}

function randomValues(rng: Random, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

describe('wasm training kernels', () => {
  before(async () => {
    await useBackend('wasm');
  });

  it('are the registered Conv2DBackpropFilter and Conv2DBackpropInput of the wasm backend', () => {
    assert.equal(
      tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc,
      conv2DBackpropFilterWasm,
      'filter kernel',
    );
    assert.equal(
      tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc,
      conv2DBackpropInputWasm,
      'input kernel',
    );
  });

  const rng = new Random(7);
  for (const [n, c] of randomCases(40, 11).entries()) {
    const label = `x ${c.x} filter ${c.filter} strides ${c.strides} pad ${JSON.stringify(c.pad)}`;
    it(`case ${n}: gradients match direct loops (${label})`, () => {
      const ci = info(c);
      const xs = randomValues(
        rng,
        c.x.reduce((a, b) => a * b),
      );
      const ws = randomValues(
        rng,
        c.filter.reduce((a, b) => a * b),
      );
      const dys = randomValues(rng, c.x[0] * ci.outHeight * ci.outWidth * c.filter[3]);
      const x = tf.tensor4d(xs, c.x);
      const w = tf.tensor4d(ws, c.filter);
      const dy = tf.tensor4d(dys, [c.x[0], ci.outHeight, ci.outWidth, c.filter[3]]);
      const attrs = {
        strides: c.strides,
        pad: c.pad,
        dataFormat: 'NHWC',
        dimRoundingMode: undefined,
      };
      const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
        ...attrs,
        filterShape: c.filter,
      } as never) as tf.Tensor;
      const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, {
        ...attrs,
        inputShape: c.x,
      } as never) as tf.Tensor;
      assert.deepEqual(dw.shape, c.filter, 'filter gradient shape');
      assert.deepEqual(dx.shape, c.x, 'input gradient shape');
      assertClose(dw.dataSync(), filterGradLoops(c, xs, dys), `dW (${label})`);
      assertClose(dx.dataSync(), inputGradLoops(c, dys, ws), `dx (${label})`);
      tf.dispose([x, w, dy, dw, dx]);
    });
  }

  it('leave no tensors behind', () => {
    const c = randomCases(1, 3)[0]!;
    const x = tf.randomNormal(c.x);
    const w = tf.randomNormal(c.filter);
    const before = tf.memory().numTensors;
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad)),
    );
    tf.dispose(g([x, w]));
    assert.equal(tf.memory().numTensors, before, 'tensor count after a conv2d gradient');
    tf.dispose([x, w]);
  });
});

/** dx of a max pool by its definition: each window's gradient goes to its first maximum. */
function maxPoolGradLoops(
  xs: Float32Array,
  shape: [number, number, number, number],
  size: number,
  dys: Float32Array,
): Float32Array {
  const [b, h, w, c] = shape;
  const oh = Math.floor(h / size);
  const ow = Math.floor(w / size);
  const dx = new Float32Array(xs.length);
  for (let n = 0; n < b; n++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++)
        for (let ch = 0; ch < c; ch++) {
          let best = -1;
          for (let i = 0; i < size; i++)
            for (let j = 0; j < size; j++) {
              const at = ((n * h + oy * size + i) * w + ox * size + j) * c + ch;
              if (best < 0 || xs[at]! > xs[best]!) best = at;
            }
          dx[best]! += dys[((n * oh + oy) * ow + ox) * c + ch]!;
        }
  return dx;
}

describe('wasm MaxPoolGrad', () => {
  before(async () => {
    await useBackend('wasm');
  });

  it('is the registered MaxPoolGrad of the wasm backend, beside an Identity that shares memory', () => {
    assert.equal(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc, maxPoolGradWasm, 'MaxPoolGrad');
    assert.equal(tf.getKernel('Identity', 'wasm')?.kernelFunc, identityWasm, 'Identity');
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    assert.equal(y.dataId, x.dataId, 'a clone shares the memory of its original');
    x.dispose();
    assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3], 'the clone outlives the original');
    y.dispose();
  });

  const rng = new Random(13);
  for (let n = 0; n < 12; n++) {
    const size = 2 + (n % 2); // 2×2/2 as in the CNN, and 3×3/3
    const shape: [number, number, number, number] = [
      1 + rng.int(3),
      size + rng.int(8),
      size + rng.int(8),
      1 + rng.int(5),
    ];
    it(`case ${n}: ${size}×${size} stride ${size} on [${shape}] matches a direct loop`, () => {
      const xs = randomValues(
        rng,
        shape.reduce((a, b) => a * b),
      );
      const x = tf.tensor4d(xs, shape);
      const pooled = tf.maxPool(x, size, size, 'valid');
      const dys = randomValues(rng, pooled.size);
      const dy = tf.tensor(dys, pooled.shape);
      const dx = tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, size, size, 'valid'))(
        x,
        dy,
      );
      assertClose(dx.dataSync(), maxPoolGradLoops(xs, shape, size, dys), `dx of [${shape}]`);
      tf.dispose([x, pooled, dy, dx]);
    });
  }

  it('leaves overlapping pools to the backend, which agrees with the cpu backend', async () => {
    const x = tf.tensor4d(randomValues(rng, 2 * 7 * 6 * 3), [2, 7, 6, 3]);
    const xs = x.dataSync().slice();
    const gradOf = () =>
      tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.maxPool(a as tf.Tensor4D, 3, 1, 'valid'))));
    const fromWasm = gradOf()(x).dataSync().slice();
    await useBackend('cpu');
    const onCpu = tf.tensor4d(xs, [2, 7, 6, 3]);
    const fromCpu = gradOf()(onCpu).dataSync();
    await useBackend('wasm');
    assertClose(fromWasm, fromCpu, 'dx of a 3×3 stride-1 pool');
    tf.dispose([x, onCpu]);
  });
});

describe('fused batch norm + ReLU gradient', () => {
  it('matches autodiff of the same function built from standard ops (cpu backend)', async () => {
    await useBackend('cpu');
    const rng = new Random(5);
    const shape: [number, number, number, number] = [3, 5, 4, 6];
    const x = tf.tensor4d(randomValues(rng, 360), shape);
    const gamma = tf.tensor1d(randomValues(rng, 6));
    const beta = tf.tensor1d(randomValues(rng, 6));
    const weights = tf.tensor4d(randomValues(rng, 360), shape);
    const reference = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, [0, 1, 2]);
      const y = tf.relu(
        tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, BN_EPSILON))), g), b),
      );
      return tf.sum(tf.mul(y, weights));
    };
    const stats: BatchStats = [];
    const fused = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(
        tf.mul(
          batchNormReluTraining(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, stats),
          weights,
        ),
      );
    const expected = tf.grads(reference)([x, gamma, beta]);
    const actual = tf.grads(fused)([x, gamma, beta]);
    ['dx', 'dgamma', 'dbeta'].forEach((name, i) =>
      assertClose(actual[i]!.dataSync(), expected[i]!.dataSync(), name, 1e-3),
    );
    assert.equal(stats.length, 1, 'batch statistics recorded once');
    assertClose(stats[0]!.mean.dataSync(), tf.moments(x, [0, 1, 2]).mean.dataSync(), 'batch mean');
    await useBackend('wasm');
  });
});
