import {
  isMainThread,
  parentPort,
  Worker,
  workerData,
  type MessagePort,
} from 'node:worker_threads';

import * as tf from '@tensorflow/tfjs-core';

import { useBackend, type TrainerBackend } from '../backend.js';
import { augmentBatch, type AugmentOptions } from '../data/augment.js';
import {
  CONV_FILTERS,
  createNetwork,
  trainableVariables,
  updateMovingStats,
  type BatchStats,
  type Network,
} from '../model/network.js';
import { Random } from '../random.js';
import { workerScript } from '../worker-script.js';
import type { Adam } from './adam.js';
import { assignFrom, concatInto } from './flat.js';
import { computeGradients } from './step.js';

// Data-parallel training: each worker thread has its own wasm backend and a replica of the
// network, augments its shard of every batch (the next one while the main thread runs the
// optimizer) and computes that shard's gradients. The main thread owns the only optimizer state:
// it averages the shards' gradients in worker order (so the sum, and the run, is the same
// whichever worker finishes first), applies Adam and publishes the new weights in shared memory.
// Checkpoints, best weights and the resume logic therefore stay those of one thread.
//
// This module is also the workers' entry point: a worker loads it with `WORKER_TAG` in its
// workerData (the pattern of baselines/forest-parallel.ts: no extra build entry).
const WORKER_TAG = 'digit-canvas/train-worker';
const STAT_FLOATS = 2 * CONV_FILTERS.reduce((n, c) => n + c, 0);

interface WorkerSetup {
  readonly tag: typeof WORKER_TAG;
  readonly backend: TrainerBackend;
  /** The training images and labels, in shared memory (one copy for all workers). */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  /** The trainable variables, concatenated in `trainableVariables` order (written by main). */
  readonly weights: Float32Array;
  /** This worker's output: gradients (same layout as `weights`), then mean and variance per block. */
  readonly result: Float32Array;
  readonly labelSmoothing: number;
  readonly augment: Required<AugmentOptions>;
  /** Images from this index on are pen-drawn digits, augmented on their strokes already. */
  readonly plainFrom: number;
}

/** A worker's part of one batch: image indices and the seed of their augmentation. */
interface Shard {
  readonly key: number;
  readonly indices: Uint32Array;
  readonly seed: number;
}

/** Main → worker: train on `shard` (with the weights now in shared memory); `next` may be prefetched. */
type Job = { readonly shard: Shard; readonly next?: Shard };
/** Worker → main. */
type Reply =
  { readonly ready: true } | { readonly key: number; readonly loss: number; readonly hits: number };

if (!isMainThread && (workerData as WorkerSetup | null)?.tag === WORKER_TAG && parentPort) {
  void serve(workerData as WorkerSetup, parentPort);
}

async function serve(setup: WorkerSetup, port: MessagePort): Promise<void> {
  await useBackend(setup.backend);
  const net = createNetwork(0); // shapes only: the weights come from main before every step
  const variables = trainableVariables(net);
  const augment = (shard: Shard) =>
    augmentBatch(
      setup.images,
      shard.indices,
      new Random(shard.seed),
      setup.augment,
      setup.plainFrom,
    );
  let prefetched: { key: number; images: Float32Array } | undefined;
  port.on('message', ({ shard, next }: Job) => {
    const images = prefetched?.key === shard.key ? prefetched.images : augment(shard);
    prefetched = undefined;
    assignFrom(variables, setup.weights);
    const labels = Int32Array.from(shard.indices, (i) => setup.labels[i]!);
    const { loss, hits, grads, stats } = computeGradients(
      net,
      variables,
      images,
      labels,
      setup.labelSmoothing,
    );
    const statTensors = stats.flatMap((s) => [s.mean, s.variance]);
    concatInto([...grads, ...statTensors], setup.result);
    tf.dispose([...grads, ...statTensors]);
    const reply: Reply = { key: shard.key, loss, hits };
    port.postMessage(reply);
    // Off the critical path: the main thread now averages and applies the gradients.
    if (next) prefetched = { key: next.key, images: augment(next) };
  });
  port.postMessage({ ready: true } satisfies Reply);
}

function shared<T extends Uint8Array | Float32Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/** @internal Sizes of the `workers` shards of a batch of `n`: as equal as possible, larger first. */
export function shardSizes(n: number, workers: number): number[] {
  return Array.from(
    { length: workers },
    (_, w) => Math.floor(n / workers) + (w < n % workers ? 1 : 0),
  );
}

/**
 * @internal Worker threads that train the replicas of `net` on the shards of each batch; the
 * optimizer (`adam`) stays on this thread. `close()` when done.
 */
export class DataParallelTrainer {
  readonly workers: number;
  readonly #net: Network;
  readonly #adam: Adam;
  readonly #threads: Worker[];
  readonly #weights: Float32Array;
  readonly #results: Float32Array[];
  #seeds = new Uint32Array(0);
  #order: Uint32Array = new Uint32Array(0);
  #batchSize = 0;
  #batches = 0;
  #failure: Error | undefined;
  #closing = false;
  readonly #pending = new Map<
    number,
    { resolve: (r: Reply) => void; reject: (e: Error) => void }
  >();

  private constructor(
    net: Network,
    adam: Adam,
    threads: Worker[],
    weights: Float32Array,
    results: Float32Array[],
  ) {
    this.#net = net;
    this.#adam = adam;
    this.#threads = threads;
    this.#weights = weights;
    this.#results = results;
    this.workers = threads.length;
  }

  /**
   * Starts `workers` threads on `backend`, each with the training images in shared memory:
   * `data.images` itself when it is in shared memory already (so that what the caller writes
   * into it between epochs, such as freshly drawn pen digits, reaches the workers), else a copy.
   */
  static async start(
    workers: number,
    net: Network,
    adam: Adam,
    data: { images: Uint8Array; labels: Uint8Array },
    options: {
      backend: TrainerBackend;
      labelSmoothing: number;
      augment: Required<AugmentOptions>;
      plainFrom: number;
    },
  ): Promise<DataParallelTrainer> {
    let images = data.images;
    if (!(images.buffer instanceof SharedArrayBuffer)) {
      images = shared(Uint8Array, data.images.length);
      images.set(data.images);
    }
    const labels = shared(Uint8Array, data.labels.length);
    labels.set(data.labels);
    const parameters = adam.size;
    const weights = shared(Float32Array, parameters);
    const results = Array.from({ length: workers }, () =>
      shared(Float32Array, parameters + STAT_FLOATS),
    );
    const entry = workerScript(import.meta.url);
    const threads = results.map((result) => {
      const setup: WorkerSetup = { tag: WORKER_TAG, images, labels, weights, result, ...options };
      return new Worker(entry, { eval: true, workerData: setup });
    });
    const trainer = new DataParallelTrainer(net, adam, threads, weights, results);
    try {
      await Promise.all(threads.map((thread, w) => trainer.#listen(thread, w)));
    } catch (error) {
      await trainer.close();
      throw error;
    }
    return trainer;
  }

  /** Resolves when worker `w` is ready; later replies settle the pending step of that worker. */
  #listen(thread: Worker, w: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        this.#failure ??= error;
        reject(error);
        for (const [, p] of this.#pending) p.reject(error);
        this.#pending.clear();
      };
      thread.on('message', (reply: Reply) => {
        if ('ready' in reply) return resolve();
        const pending = this.#pending.get(w);
        this.#pending.delete(w);
        pending?.resolve(reply);
      });
      thread.on('error', fail);
      thread.on('exit', (code) => {
        if (!this.#closing) fail(new Error(`a training worker exited with code ${code}`));
      });
    });
  }

  /**
   * Starts an epoch over `order` (batches of `batchSize`, in order): draws from `rng` the seed of
   * every shard's augmentation, so that the run depends on the seed and the worker count only.
   */
  beginEpoch(order: Uint32Array, batchSize: number, rng: Random): void {
    this.#order = order;
    this.#batchSize = batchSize;
    this.#batches = Math.floor(order.length / batchSize);
    this.#seeds = Uint32Array.from(
      { length: this.#batches * this.workers },
      () => Math.floor(rng.next() * 2 ** 32) >>> 0,
    );
  }

  #shard(b: number, w: number): Shard {
    const sizes = shardSizes(this.#batchSize, this.workers);
    const start = b * this.#batchSize + sizes.slice(0, w).reduce((n, s) => n + s, 0);
    return {
      key: b,
      indices: this.#order.slice(start, start + sizes[w]!),
      seed: this.#seeds[b * this.workers + w]!,
    };
  }

  /**
   * One optimizer step on batch `b` of the epoch: the shards' gradients, weighted by shard size
   * and summed in worker order, go through Adam at `lr`; the blocks' batch statistics are
   * averaged the same way into the running statistics. Returns the batch loss and hits.
   */
  async step(b: number, lr: number): Promise<{ loss: number; hits: number }> {
    if (this.#failure) throw this.#failure;
    concatInto(this.#adam.variables, this.#weights);
    const replies = await Promise.all(
      this.#threads.map((thread, w) => {
        const reply = new Promise<Reply>((resolve, reject) =>
          this.#pending.set(w, { resolve, reject }),
        );
        const job: Job = {
          shard: this.#shard(b, w),
          ...(b + 1 < this.#batches ? { next: this.#shard(b + 1, w) } : {}),
        };
        thread.postMessage(job);
        return reply;
      }),
    );
    const sizes = shardSizes(this.#batchSize, this.workers);
    const total = new Float32Array(this.#results[0]!.length);
    let loss = 0;
    let hits = 0;
    replies.forEach((reply, w) => {
      if (!('key' in reply) || reply.key !== b) throw new Error(`worker ${w} answered out of turn`);
      const weight = sizes[w]! / this.#batchSize;
      const result = this.#results[w]!;
      for (let i = 0; i < total.length; i++) total[i] = total[i]! + weight * result[i]!;
      loss += weight * reply.loss;
      hits += reply.hits;
    });
    const parameters = this.#weights.length;
    this.#adam.applyFlat(total.subarray(0, parameters), lr);
    let offset = parameters;
    const stats: BatchStats = CONV_FILTERS.map((channels) => {
      const mean = tf.tensor1d(total.subarray(offset, offset + channels));
      const variance = tf.tensor1d(total.subarray(offset + channels, offset + 2 * channels));
      offset += 2 * channels;
      return { mean, variance };
    });
    updateMovingStats(this.#net, stats);
    return { loss, hits };
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#threads.map((t) => t.terminate()));
  }
}
