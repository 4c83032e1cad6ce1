// Training throughput of the shipped architecture (batch 64, augmentation included, as in
// training), on 1 worker (this thread) and on N workers (data-parallel worker threads, default:
// every core), measured in alternating rounds so that both see the same machine load; then, when
// PyTorch is installed, the same architecture in PyTorch on 1 and N threads, in the same rounds.
// One JSON line per measurement, then a summary line with the medians and ratios:
//   {"bench":"train","backend":"wasm","workers":1,"samplesPerSec":…,"batchSize":64,"steps":…}
//   {"bench":"train","framework":"pytorch","threads":2,"samplesPerSec":…}
//   {"bench":"train-summary","workers":{"1":…,"2":…},"pytorch":{"1":…,"2":…},"speedup":…,…}
// Options: --workers N (default: available parallelism), --steps N (20), --rounds N (3),
// --no-pytorch, --cpu (also time the pure-JS cpu backend on one batch of 8: about a minute).
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs-core';

import { useBackend } from '../src/backend.js';
import { augmentBatch, DEFAULT_AUGMENT } from '../src/data/augment.js';
import { loadMnist } from '../src/data/mnist.js';
import { createNetwork, trainableVariables } from '../src/model/network.js';
import { Random } from '../src/random.js';
import { Adam } from '../src/train/adam.js';
import { DEFAULT_TRAIN_CONFIG } from '../src/train/config.js';
import { DataParallelTrainer } from '../src/train/data-parallel.js';
import { trainStep } from '../src/train/step.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: String(availableParallelism()) },
    steps: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    'no-pytorch': { type: 'boolean' },
    cpu: { type: 'boolean' },
  },
});
const workers = Number(values.workers);
const steps = Number(values.steps);
const rounds = Number(values.rounds);
const batchSize = 64;
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const PYTORCH_SCRIPT = fileURLToPath(new URL('./pytorch_reference.py', import.meta.url));

const { train } = await loadMnist();
const rng = new Random(1);
const randomOrder = (n: number) => Uint32Array.from({ length: n }, () => rng.int(train.count));

/**
 * Times `run(step)` for `steps` steps after `warmUp` untimed ones: samples per second of wall time
 * and per second of CPU time (every thread of the process), which other jobs on the machine do not
 * inflate, so it shows how much work the workers add even when they cannot all get a core.
 */
async function time(
  run: (step: number) => unknown,
  warmUp = 0,
): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < warmUp; i++) await run(i);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < steps; i++) await run(warmUp + i);
  const cpu = process.cpuUsage(cpuStarted);
  const samples = steps * batchSize;
  return {
    wall: samples / ((performance.now() - started) / 1000),
    cpu: samples / ((cpu.user + cpu.system) / 1e6),
  };
}

const backend = await useBackend('wasm');
// One worker: this thread, augmenting each batch before its step (the trainer with --workers 1).
const net1 = createNetwork(1);
const adam1 = new Adam(trainableVariables(net1));
const oneWorker = () => {
  const idx = randomOrder(batchSize);
  const images = augmentBatch(train.images, idx, rng, DEFAULT_AUGMENT);
  const labels = Int32Array.from(idx, (i) => train.labels[i]!);
  trainStep(net1, adam1, images, labels, DEFAULT_TRAIN_CONFIG, 1e-3);
};
// N workers: the trainer's data-parallel path, each round an "epoch" of warm-up + steps batches.
const netN = createNetwork(1);
const adamN = new Adam(trainableVariables(netN));
const parallel = await DataParallelTrainer.start(workers, netN, adamN, train, {
  backend,
  labelSmoothing: DEFAULT_TRAIN_CONFIG.labelSmoothing,
  augment: DEFAULT_AUGMENT,
});
const hasPytorch =
  !values['no-pytorch'] &&
  spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
if (!values['no-pytorch'] && !hasPytorch) {
  console.error(`PyTorch not found for ${PYTHON} (set PYTHON=…): timing the trainer only`);
}

const results: Record<string, number[]> = {};
const record = (
  key: string,
  line: Record<string, unknown>,
  rate: { wall: number; cpu: number },
) => {
  (results[key] ??= []).push(rate.wall);
  (results[`${key}-cpu`] ??= []).push(rate.cpu);
  console.log(
    JSON.stringify({
      bench: 'train',
      ...line,
      samplesPerSec: +rate.wall.toFixed(1),
      samplesPerCpuSec: +rate.cpu.toFixed(1),
    }),
  );
};
try {
  for (let round = 0; round < rounds; round++) {
    const warmUp = round === 0 ? 2 : 1; // XNNPACK creates its operators on first use
    record('1', { backend, workers: 1, batchSize, steps }, await time(oneWorker, warmUp));
    parallel.beginEpoch(randomOrder((warmUp + steps) * batchSize), batchSize, rng);
    const rateN = await time((b) => parallel.step(b, 1e-3), warmUp);
    record(String(workers), { backend, workers, batchSize, steps }, rateN);
    if (hasPytorch) {
      const threads = [...new Set([1, workers])].join(',');
      const out = execFileSync(
        PYTHON,
        [PYTORCH_SCRIPT, '--threads', threads, '--steps', String(steps)],
        {
          encoding: 'utf8',
        },
      );
      for (const line of out.trim().split('\n')) {
        const r = JSON.parse(line) as {
          threads: number;
          samplesPerSec: number;
          samplesPerCpuSec: number;
        };
        (results[`pytorch-${r.threads}`] ??= []).push(r.samplesPerSec);
        (results[`pytorch-${r.threads}-cpu`] ??= []).push(r.samplesPerCpuSec);
        console.log(line);
      }
    }
  }
} finally {
  await parallel.close();
}

const median = (xs: number[] = []) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +((s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2).toFixed(1) : undefined;
};
const m1 = median(results['1'])!;
const mN = median(results[String(workers)])!;
const p1 = median(results['pytorch-1']);
const pN = median(results[`pytorch-${workers}`]);
const ratio = (a?: number, b?: number) => (a && b ? +(a / b).toFixed(2) : undefined);
console.log(
  JSON.stringify({
    bench: 'train-summary',
    rounds,
    workers: { 1: m1, [workers]: mN },
    ...(p1 ? { pytorch: { 1: p1, [workers]: pN } } : {}),
    perCpuSecond: {
      workers: { 1: median(results['1-cpu']), [workers]: median(results[`${workers}-cpu`]) },
      ...(p1
        ? {
            pytorch: {
              1: median(results['pytorch-1-cpu']),
              [workers]: median(results[`pytorch-${workers}-cpu`]),
            },
          }
        : {}),
    },
    speedup: ratio(mN, m1),
    ...(p1 ? { ofPytorch1: ratio(m1, p1), [`ofPytorch${workers}`]: ratio(mN, pN) } : {}),
    // 8 epochs of 55,000 images at the N-worker rate, validation passes excluded.
    eightEpochMinutes: +((8 * 55000) / mN / 60).toFixed(1),
  }),
);

if (values.cpu) {
  // The pure-JS backend, two orders of magnitude slower: one untimed-free step of 8 images.
  await useBackend('cpu');
  const net = createNetwork(1);
  const adam = new Adam(trainableVariables(net));
  const idx = randomOrder(8);
  const started = performance.now();
  trainStep(
    net,
    adam,
    augmentBatch(train.images, idx, rng),
    Int32Array.from(idx, (i) => train.labels[i]!),
    DEFAULT_TRAIN_CONFIG,
    1e-3,
  );
  const rate = 8 / ((performance.now() - started) / 1000);
  console.log(
    JSON.stringify({
      bench: 'train',
      backend: 'cpu',
      workers: 1,
      samplesPerSec: +rate.toFixed(1),
      batchSize: 8,
      steps: 1,
    }),
  );
  tf.dispose(trainableVariables(net));
}
