import assert from 'node:assert/strict';

import type { MnistSplit } from '../src/data/mnist.js';
import type { UnipenSample } from '../src/data/unipen.js';
import type { TrainConfig } from '../src/train/config.js';
import { train } from '../src/train/train.js';

/**
 * Trains `config` into `dir` and stops it the way a crash would, by an error right after its
 * epoch-1 checkpoint; the run can then be continued with `resume: true`.
 */
export async function trainUntilCrashAfterEpoch1(
  data: MnistSplit,
  config: TrainConfig,
  dir: string,
  strokes: readonly UnipenSample[] = [],
): Promise<void> {
  await assert.rejects(
    train(
      data,
      config,
      {
        checkpointDir: dir,
        onEpochEnd: (e) => {
          if (e.epoch === 1) throw new Error('simulated crash after the epoch-1 checkpoint');
        },
      },
      strokes,
    ),
    /simulated crash/,
  );
}
