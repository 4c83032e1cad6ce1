// Where a wasm training step goes, per tfjs kernel: wraps every wasm kernel with a timer, runs a
// few steps of the shipped architecture (batch: the first argument, default 64; a worker's shard
// with --workers N is 64 / N) and prints one JSON line
//   {"bench":"train-kernels","backend":"wasm","batchSize":64,"stepMs":…,"kernels":{"Conv2D":…}}
// (ms per step). Kernels called from inside other kernels (the gradient kernels run Conv2D,
// Transpose, …) are counted in both.
import * as tf from '@tensorflow/tfjs-core';

import { useBackend } from '../src/backend.js';
import { augmentBatch, DEFAULT_AUGMENT } from '../src/data/augment.js';
import { loadMnist } from '../src/data/mnist.js';
import { createNetwork, trainableVariables } from '../src/model/network.js';
import { Random } from '../src/random.js';
import { Adam } from '../src/train/adam.js';
import { DEFAULT_TRAIN_CONFIG } from '../src/train/config.js';
import { trainStep } from '../src/train/train.js';

const batchSize = Number(process.argv[2] ?? 64);
const steps = 10;
await useBackend('wasm');
const times = new Map<string, number>();
for (const kernel of tf.getKernelsForBackend('wasm')) {
  const inner = kernel.kernelFunc;
  tf.unregisterKernel(kernel.kernelName, 'wasm');
  tf.registerKernel({
    ...kernel,
    kernelFunc: (args) => {
      const started = performance.now();
      const out = inner(args);
      times.set(
        kernel.kernelName,
        (times.get(kernel.kernelName) ?? 0) + performance.now() - started,
      );
      return out;
    },
  });
}
const { train } = await loadMnist();
const rng = new Random(1);
const net = createNetwork(1);
const adam = new Adam(trainableVariables(net));
const step = () => {
  const idx = Uint32Array.from({ length: batchSize }, () => rng.int(train.count));
  const labels = Int32Array.from(idx, (i) => train.labels[i]!);
  trainStep(
    net,
    adam,
    augmentBatch(train.images, idx, rng, DEFAULT_AUGMENT),
    labels,
    DEFAULT_TRAIN_CONFIG,
    1e-3,
  );
};
step();
times.clear();
const started = performance.now();
for (let i = 0; i < steps; i++) step();
const stepMs = (performance.now() - started) / steps;
const kernels = Object.fromEntries(
  [...times].sort((a, b) => b[1] - a[1]).map(([name, ms]) => [name, +(ms / steps).toFixed(2)]),
);
console.log(
  JSON.stringify({
    bench: 'train-kernels',
    backend: 'wasm',
    batchSize,
    stepMs: +stepMs.toFixed(1),
    kernels,
  }),
);
