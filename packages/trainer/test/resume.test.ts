import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { useBackend } from '../src/backend.js';
import { DEFAULT_AUGMENT } from '../src/data/augment.js';
import { loadMnist, type MnistSplit } from '../src/data/mnist.js';
import type { TrainConfig } from '../src/train/config.js';
import { train } from '../src/train/train.js';
import { trainUntilCrashAfterEpoch1 } from './interrupted-run.js';

const config: TrainConfig = {
  seed: 9,
  epochs: 2,
  batchSize: 32,
  learningRate: 3e-3,
  labelSmoothing: 0.05,
  validation: 200,
  limit: 256,
  patience: 0,
  augment: DEFAULT_AUGMENT,
  workers: 1,
};

describe('checkpoints', () => {
  let dir: string;
  let data: MnistSplit;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'resume-'));
    await useBackend('wasm');
    data = (await loadMnist()).train;
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a run interrupted after epoch 1 and resumed ends bit-identical to an uninterrupted one', async () => {
    const straight = join(dir, 'straight');
    const resumed = join(dir, 'resumed');
    const full = await train(data, config, { checkpointDir: straight });
    await trainUntilCrashAfterEpoch1(data, config, resumed);
    const meta = JSON.parse(await readFile(join(resumed, 'checkpoint.json'), 'utf8')) as {
      epoch: number;
    };
    assert.equal(meta.epoch, 1, 'the interrupted run left its epoch-1 checkpoint');
    const second = await train(data, config, { checkpointDir: resumed, resume: true });
    assert.equal(second.history.length, 2, 'history continues across the sessions');
    assert.deepEqual(
      second.history.map((e) => e.loss),
      full.history.map((e) => e.loss),
      'same losses epoch by epoch',
    );
    const a = await readFile(join(straight, 'checkpoint.bin'));
    const b = await readFile(join(resumed, 'checkpoint.bin'));
    assert.ok(a.equals(b), 'identical weights, batch-norm statistics and Adam moments');
  });

  it('refuses to resume with different options', async () => {
    await assert.rejects(
      train(data, { ...config, epochs: 3 }, { checkpointDir: join(dir, 'straight'), resume: true }),
      /was made with other options/,
    );
  });
});
