import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import { workerScript } from '../worker-script.js';
import type { FeatureMatrix } from './feature-matrix.js';
import {
  type Forest,
  type ForestOptions,
  fitForestTree,
  forestSettings,
  type ForestTreeSettings,
  treeSeeds,
} from './forest.js';
import type { Tree } from './histogram-tree.js';

// This module is also the workers' entry point: a worker loads it with `WORKER_TAG` in its
// workerData. Keeping both sides in one file means the build needs no extra entry for workers.
const WORKER_TAG = 'digit-canvas/forest-worker';

interface WorkerSetup {
  readonly tag: typeof WORKER_TAG;
  readonly data: FeatureMatrix;
  readonly labels: Uint8Array;
  readonly settings: ForestTreeSettings;
}

/** Main → worker: fit tree `index` from `seed`. Worker → main: the fitted tree. */
type Job = { readonly index: number; readonly seed: number };
type Done = { readonly index: number; readonly tree: Tree };

if (!isMainThread && (workerData as WorkerSetup | null)?.tag === WORKER_TAG && parentPort) {
  const { data, labels, settings } = workerData as WorkerSetup;
  const port = parentPort;
  port.on('message', ({ index, seed }: Job) => {
    const tree = fitForestTree(data, labels, seed, settings);
    const done: Done = { index, tree };
    port.postMessage(done); // a tree is tens of KB: copied, not transferred
  });
}

/** Options of {@link fitForestInParallel}. */
export interface ParallelForestOptions extends ForestOptions {
  /** Worker threads (default: the machine's available parallelism). */
  readonly workers?: number;
}

/**
 * Fits the same forest as `fitForest` (same seed, same trees) with its trees spread over worker
 * threads, each fitting the next unfitted tree as soon as it is free.
 */
export async function fitForestInParallel(
  data: FeatureMatrix,
  labels: Uint8Array,
  options: ParallelForestOptions = {},
): Promise<Forest> {
  const settings = forestSettings(data, options);
  const workerCount = Math.min(options.workers ?? availableParallelism(), settings.trees);
  if (!Number.isInteger(workerCount) || workerCount < 1) {
    throw new RangeError(`workers must be a positive integer, got ${options.workers}`);
  }
  const seeds = treeSeeds(settings.seed, settings.trees);
  const trees: Tree[] = new Array<Tree>(settings.trees);
  const setup: WorkerSetup = {
    tag: WORKER_TAG,
    data,
    labels,
    settings: {
      classes: settings.classes,
      maxFeatures: settings.maxFeatures,
      maxDepth: settings.maxDepth,
    },
  };
  const entry = workerScript(import.meta.url);
  const workers = Array.from(
    { length: workerCount },
    () => new Worker(entry, { eval: true, workerData: setup }),
  );
  let next = 0;
  let fitted = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const assign = (worker: Worker): void => {
        if (next < settings.trees) {
          const job: Job = { index: next, seed: seeds[next] };
          next++;
          worker.postMessage(job);
        }
      };
      for (const worker of workers) {
        worker.on('message', ({ index, tree }: Done) => {
          trees[index] = tree;
          fitted++;
          options.onTree?.(fitted, settings.trees);
          if (fitted === settings.trees) resolve();
          else assign(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (fitted < settings.trees)
            reject(new Error(`a forest worker exited early with code ${code}`));
        });
        assign(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { classes: settings.classes, features: data.features, trees };
}
