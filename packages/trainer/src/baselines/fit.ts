import { NUM_CLASSES } from '@digit-canvas/core';

import { PIXELS } from '../data/mnist.js';
import type { Progress } from '../progress.js';
import { validateBaselinesConfig, type BaselinesConfig } from './config.js';
import { toFeatureMatrix } from './feature-matrix.js';
import { fitForestInParallel } from './forest-parallel.js';
import type { Forest } from './forest.js';
import { fitTree } from './histogram-tree.js';

/** Wall-clock and CPU seconds of some work. */
export interface Timing {
  readonly seconds: number;
  /** CPU time of every thread of the process (forest workers included). */
  readonly cpuSeconds: number;
}

/** A fitted baseline: the decision tree (a forest of one) or the random forest. */
export interface FittedBaseline {
  readonly name: 'tree' | 'forest';
  /** One line saying what the classifier is. */
  readonly description: string;
  readonly forest: Forest;
  /** Training images it was fitted on. */
  readonly trainCount: number;
  /** The fit, including the shared transposition of the training images. */
  readonly fit: Timing;
}

/** Runs `work`, timing it by the wall clock and by the CPU time the process used. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T } & Timing> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds: (performance.now() - wall) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** The sum of two timings, e.g. the shared transposition plus one model's fit. */
function plus(a: Timing, b: Timing): Timing {
  return { seconds: a.seconds + b.seconds, cpuSeconds: a.cpuSeconds + b.cpuSeconds };
}

/**
 * Fits the decision tree and the random forest on the first `config.trainCount` images of
 * `train` (MNIST bytes, sample-major), timing each. The progress displays, when given, show the
 * samples settled in the tree's leaves and the forest's fitted trees.
 */
export async function fitBaselines(
  train: { readonly images: Uint8Array; readonly labels: Uint8Array; readonly count: number },
  config: BaselinesConfig = {},
  progress: { readonly tree?: Progress; readonly forest?: Progress } = {},
): Promise<FittedBaseline[]> {
  const c = validateBaselinesConfig(config);
  const n = Math.min(c.trainCount, train.count);
  const labels = train.labels.subarray(0, n);
  const matrix = await timed(() =>
    toFeatureMatrix(train.images.subarray(0, n * PIXELS), n, PIXELS),
  );
  const maxDepth = c.maxDepth ?? undefined;

  progress.tree?.start(n, 'tree  ');
  const tree = await timed(() =>
    fitTree(matrix.value, labels, {
      classes: NUM_CLASSES,
      maxDepth,
      onProgress: (settled) => progress.tree?.update(settled, {}),
    }),
  );
  progress.tree?.stop();

  progress.forest?.start(c.trees, 'forest');
  const forest = await timed(() =>
    fitForestInParallel(matrix.value, labels, {
      workers: c.workers,
      classes: NUM_CLASSES,
      trees: c.trees,
      maxFeatures: c.maxFeatures,
      maxDepth,
      seed: c.seed,
      onTree: (fitted) => progress.forest?.update(fitted, {}),
    }),
  );
  progress.forest?.stop();

  return [
    {
      name: 'tree',
      description: 'decision tree (CART, Gini, 256-level histogram splits)',
      forest: { classes: NUM_CLASSES, features: PIXELS, trees: [tree.value] },
      trainCount: n,
      fit: plus(matrix, tree),
    },
    {
      name: 'forest',
      description: 'random forest (bootstrap, majority vote of CART trees)',
      forest: forest.value,
      trainCount: n,
      fit: plus(matrix, forest),
    },
  ];
}
