// The optimizer step alone: the trainer's Adam (src/train/adam.ts) against tfjs' AdamOptimizer
// (tf.train.adam, same betas and epsilon, its learning rate set every step as the one-cycle
// schedule needs), on the shipped CNN's trainable variables and the wasm backend, in alternating
// rounds so both see the same machine load. Two paths, as the trainer calls them:
//   tensors: gradients as tf.Tensors (one thread: `Adam.apply`, `optimizer.applyGradients`);
//   flat:    gradients as one Float32Array (the data-parallel average: `Adam.applyFlat`; tfjs
//            needs a tensor made per variable first).
// It also checks that both end at the same weights, up to rounding. One JSON line per path, ms
// per step (median of the rounds' medians):
//   {"bench":"adam","path":"tensors","handWrittenMs":…,"tfjsMs":…,"ratio":…,"maxWeightDiff":…}
// Then whether each resumes bit-identically: 40 steps straight against 20 steps, the optimizer's
// state saved and restored into a new one (the hand-written one as checkpoints do it; tfjs' through
// getWeights/setWeights), 20 more steps; the weights that differ, of all:
//   {"bench":"adam-resume","handWrittenDiffering":0,"tfjsDiffering":…,"weights":…}
// Options: --steps N (per round, default 50), --rounds N (default 5).
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs-core';

import { useBackend } from '../src/backend.js';
import { createNetwork, trainableVariables } from '../src/model/network.js';
import { Random } from '../src/random.js';
import { Adam } from '../src/train/adam.js';
import { assignFrom, concatInto } from '../src/train/flat.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '5' },
  },
});
const steps = Number(values.steps);
const rounds = Number(values.rounds);
await useBackend('wasm');

const rng = new Random(7);
const shapes = trainableVariables(createNetwork(1)).map((v) => v.shape);
const size = shapes.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
/** A few gradient sets to cycle through, so no step sees the same gradients as the last. */
const flats = Array.from({ length: 4 }, () =>
  Float32Array.from({ length: size }, () => rng.uniform(-1e-2, 1e-2)),
);
const split = (flat: Float32Array): tf.Tensor[] => {
  let offset = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(flat.subarray(offset, offset + n), shape);
    offset += n;
    return t;
  });
};
const tensorGrads = flats.map(split);
const lr = (step: number) => 1e-3 * (1 + Math.sin(step / 10)); // changes every step

interface Optimizer {
  readonly variables: tf.Variable[];
  step(i: number, path: 'tensors' | 'flat'): void;
}

function handWritten(): Optimizer {
  const variables = trainableVariables(createNetwork(1));
  const adam = new Adam(variables);
  return {
    variables,
    step: (i, path) => {
      if (path === 'tensors') adam.apply(tensorGrads[i % 4]!, lr(i));
      else adam.applyFlat(flats[i % 4]!, lr(i));
    },
  };
}

function tfjs(
  variables = trainableVariables(createNetwork(1)),
): Optimizer & { optimizer: tf.AdamOptimizer } {
  const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-7);
  // The learning rate is a protected field: the one-cycle schedule has to reach past the types.
  const rate = optimizer as unknown as { learningRate: number };
  const apply = (grads: tf.Tensor[], i: number) => {
    rate.learningRate = lr(i);
    optimizer.applyGradients(variables.map((v, k) => ({ name: v.name, tensor: grads[k]! })));
  };
  return {
    variables,
    optimizer,
    step: (i, path) => {
      if (path === 'tensors') apply(tensorGrads[i % 4]!, i);
      else {
        const grads = split(flats[i % 4]!);
        apply(grads, i);
        tf.dispose(grads);
        // The data-parallel step publishes the new weights to the workers as plain floats.
        variables.forEach((v) => v.dataSync());
      }
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const path of ['tensors', 'flat'] as const) {
  const mine = handWritten();
  const theirs = tfjs();
  const perRound = { mine: [] as number[], theirs: [] as number[] };
  let step = 0;
  for (const o of [mine, theirs]) o.step(step, path); // warm-up: kernels, moments allocated
  step++;
  for (let r = 0; r < rounds; r++) {
    for (const [name, o] of [
      ['mine', mine],
      ['theirs', theirs],
    ] as const) {
      const times: number[] = [];
      for (let s = 0; s < steps; s++) {
        const started = performance.now();
        o.step(step + s, path);
        times.push(performance.now() - started);
      }
      perRound[name].push(median(times));
    }
    step += steps;
  }
  let maxWeightDiff = 0;
  mine.variables.forEach((v, k) => {
    const a = v.dataSync();
    const b = theirs.variables[k]!.dataSync();
    for (let i = 0; i < a.length; i++)
      maxWeightDiff = Math.max(maxWeightDiff, Math.abs(a[i]! - b[i]!));
  });
  const handWrittenMs = median(perRound.mine);
  const tfjsMs = median(perRound.theirs);
  console.log(
    JSON.stringify({
      bench: 'adam',
      path,
      steps: step,
      parameters: size,
      handWrittenMs: +handWrittenMs.toFixed(2),
      tfjsMs: +tfjsMs.toFixed(2),
      ratio: +(tfjsMs / handWrittenMs).toFixed(2),
      maxWeightDiff,
    }),
  );
}

/** Weights that differ between two sets of variables. */
function differing(a: tf.Variable[], b: tf.Variable[]): number {
  let n = 0;
  a.forEach((v, k) => {
    const x = v.dataSync();
    const y = b[k]!.dataSync();
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  });
  return n;
}

const straight = handWritten();
for (let i = 0; i < 40; i++) straight.step(i, 'flat');
const first = trainableVariables(createNetwork(1));
const before = new Adam(first);
for (let i = 0; i < 20; i++) before.applyFlat(flats[i % 4]!, lr(i));
const after = new Adam(first);
assignFrom([...after.m, ...after.v], concatInto([...before.m, ...before.v]));
after.step = before.step;
for (let i = 20; i < 40; i++) after.applyFlat(flats[i % 4]!, lr(i));

const tfStraight = tfjs();
for (let i = 0; i < 40; i++) tfStraight.step(i, 'flat');
const tfFirst = tfjs();
for (let i = 0; i < 20; i++) tfFirst.step(i, 'flat');
const saved = await tfFirst.optimizer.getWeights();
const tfAfter = tfjs(tfFirst.variables);
await tfAfter.optimizer.setWeights(saved);
for (let i = 20; i < 40; i++) tfAfter.step(i, 'flat');
console.log(
  JSON.stringify({
    bench: 'adam-resume',
    handWrittenDiffering: differing(straight.variables, first),
    tfjsDiffering: differing(tfStraight.variables, tfAfter.variables),
    weights: size,
  }),
);
