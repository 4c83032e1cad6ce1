import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type * as tf from '@tensorflow/tfjs-core';

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

async function writeAtomic(path: string, data: string | Float32Array): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(
    tmp,
    typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  );
  await rename(tmp, path);
}
