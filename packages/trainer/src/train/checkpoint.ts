import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type * as tf from '@tensorflow/tfjs-core';

import type { Random } from '../random.js';
import type { Adam } from './adam.js';
import { assignFrom, concatInto, totalSize, type HostArray } from './flat.js';

/** Everything besides tensors that a resumed run needs (checkpoint.json). */
export interface CheckpointMeta {
  /** Epochs completed. */
  epoch: number;
  /** Optimizer steps taken. */
  step: number;
  /** PRNG state after the last completed epoch. */
  rngState: number;
  /** Free-form: options and history of the run, validated by the caller. */
  [key: string]: unknown;
}

const META = 'checkpoint.json';
const TENSORS = 'checkpoint.bin';

/** What a checkpoint holds besides its meta: tf.Variables (weights) and host arrays (moments). */
export type CheckpointState = readonly (tf.Variable | HostArray)[];

/**
 * Writes `variables` (concatenated float32, in order) and `meta` into `dir`, each through a
 * temporary file and a rename, so an interrupted write never leaves a half checkpoint.
 */
export async function saveCheckpoint(
  dir: string,
  meta: CheckpointMeta,
  variables: CheckpointState,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeAtomic(join(dir, TENSORS), concatInto(variables));
  const shapes = variables.map((v) => v.shape);
  await writeAtomic(join(dir, META), JSON.stringify({ ...meta, shapes }));
}

/** Reads a checkpoint into `variables` (same order and shapes as saved) and returns its meta. */
export async function loadCheckpoint(
  dir: string,
  variables: CheckpointState,
): Promise<CheckpointMeta> {
  let meta: CheckpointMeta & { shapes?: number[][] };
  try {
    meta = JSON.parse(await readFile(join(dir, META), 'utf8'));
  } catch (error) {
    throw new Error(`no readable checkpoint in ${dir}: ${(error as Error).message}`);
  }
  const shapes = meta.shapes ?? [];
  const mismatch = variables.findIndex(
    (v, i) => JSON.stringify(v.shape) !== JSON.stringify(shapes[i]),
  );
  if (shapes.length !== variables.length || mismatch >= 0) {
    throw new Error(
      `checkpoint in ${dir} does not fit this model (${shapes.length} tensors saved, ${variables.length} expected` +
        (mismatch >= 0
          ? `; tensor ${mismatch} is [${shapes[mismatch]}] vs [${variables[mismatch]!.shape}]`
          : '') +
        ')',
    );
  }
  const bytes = await readFile(join(dir, TENSORS));
  const total = totalSize(variables);
  if (bytes.byteLength !== total * 4) {
    throw new Error(`${join(dir, TENSORS)}: ${bytes.byteLength} bytes, expected ${total * 4}`);
  }
  const values = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  assignFrom(variables, values);
  return meta;
}

/**
 * What every run checkpoints and resumes the same way, whichever model it trains: its optimizer
 * (the project's {@link Adam}: moments and step count) and its PRNG (shuffles, distortions).
 */
export interface RunState {
  readonly adam: Adam;
  readonly rng: Random;
}

/**
 * Checkpoints a run after epoch `epoch`: `tensors` (the model's, in a fixed order), then Adam's
 * first and second moments; the meta holds the epoch, Adam's step, the PRNG state, the config
 * and `extra` (the model's own: history, best epoch, …).
 */
export async function saveRun(
  dir: string,
  run: RunState,
  epoch: number,
  config: unknown,
  tensors: CheckpointState,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const meta: CheckpointMeta = {
    epoch,
    step: run.adam.step,
    rngState: run.rng.state,
    config,
    ...extra,
  };
  await saveCheckpoint(dir, meta, [...tensors, ...run.adam.m, ...run.adam.v]);
}

/**
 * Continues a run from the checkpoint {@link saveRun} wrote in `dir`: fills `tensors` and Adam's
 * moments, sets Adam's step and the PRNG state, and returns the meta for the model's own fields.
 * Every value is restored as it was saved, so the resumed run is bit-identical to one never
 * stopped. Throws when the checkpoint was made with another config (compared by value, after
 * `upgrade` fills in fields older checkpoints lack).
 */
export async function resumeRun<C>(
  dir: string,
  run: RunState,
  config: C,
  tensors: CheckpointState,
  upgrade: (saved: C) => C = (saved) => saved,
): Promise<CheckpointMeta> {
  const meta = await loadCheckpoint(dir, [...tensors, ...run.adam.m, ...run.adam.v]);
  const saved = meta.config === undefined ? undefined : upgrade(meta.config as C);
  if (canonical(saved) !== canonical(config)) {
    throw new Error(
      `the checkpoint in ${dir} was made with other options:\n  saved: ${JSON.stringify(saved)}\n  given: ${JSON.stringify(config)}\n` +
        'resume with the options the run was started with, or train into another --out folder',
    );
  }
  run.adam.step = meta.step;
  run.rng.state = meta.rngState;
  return meta;
}

/** JSON with sorted keys, so that two configs compare by value whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

async function writeAtomic(path: string, data: string | Float32Array): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(
    tmp,
    typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  );
  await rename(tmp, path);
}
