// Training throughput of the shipped architecture, per backend, as JSON lines:
//   {"bench":"train","backend":"wasm","samplesPerSec":…,"batchSize":…,"steps":…}
// wasm runs with the trainer's gradient kernels; the plain cpu backend is measured on a few small
// batches only (it is two orders of magnitude slower). Augmentation is included, as in training.
import * as tf from '@tensorflow/tfjs-core';

import { useBackend, type TrainerBackend } from '../src/backend.js';
import { augmentBatch, DEFAULT_AUGMENT } from '../src/data/augment.js';
import { loadMnist } from '../src/data/mnist.js';
import { createNetwork, trainableVariables } from '../src/model/network.js';
import { Random } from '../src/random.js';
import { Adam } from '../src/train/adam.js';
import { trainStep } from '../src/train/train.js';
import { DEFAULT_TRAIN_CONFIG } from '../src/commands/train.js';

const plans: { backend: TrainerBackend; batchSize: number; steps: number; warmUp: boolean }[] = [
  // wasm creates its XNNPACK operators on first use: one untimed step first.
  { backend: 'wasm', batchSize: 64, steps: 20, warmUp: true },
  // cpu has nothing to warm up, and one step of 8 images already takes about a minute.
  { backend: 'cpu', batchSize: 8, steps: 1, warmUp: false },
];

const { train } = await loadMnist();
for (const { backend, batchSize, steps, warmUp } of plans) {
  await useBackend(backend);
  const rng = new Random(1);
  const net = createNetwork(1);
  const adam = new Adam(trainableVariables(net));
  const step = () => {
    const idx = Uint32Array.from({ length: batchSize }, () => rng.int(train.count));
    const images = augmentBatch(train.images, idx, rng, DEFAULT_AUGMENT);
    const labels = Int32Array.from(idx, (i) => train.labels[i]!);
    trainStep(net, adam, images, labels, DEFAULT_TRAIN_CONFIG, 1e-3);
  };
  if (warmUp) step();
  const started = performance.now();
  for (let i = 0; i < steps; i++) step();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      bench: 'train',
      backend,
      samplesPerSec: +((steps * batchSize) / seconds).toFixed(1),
      batchSize,
      steps,
    }),
  );
  adam.dispose();
  tf.dispose(trainableVariables(net));
}
