import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { useBackend } from '../src/backend.js';
import { DEFAULT_AUGMENT, NO_AUGMENT } from '../src/data/augment.js';
import type { MnistSplit } from '../src/data/mnist.js';
import type { UnipenSample } from '../src/data/unipen.js';
import { Random } from '../src/random.js';
import type { TrainConfig } from '../src/train/config.js';
import { shardSizes } from '../src/train/data-parallel.js';
import { train } from '../src/train/train.js';
import { trainUntilCrashAfterEpoch1 } from './interrupted-run.js';

// A tiny synthetic training set (seeded noise, seeded labels): what is checked here is that the
// worker threads change nothing but the speed, not what the model learns.
function syntheticSplit(count: number): MnistSplit {
  const random = new Random(21);
  return {
    count,
    images: Uint8Array.from({ length: count * 784 }, () =>
      random.next() < 0.2 ? Math.floor(random.uniform(0, 256)) : 0,
    ),
    labels: Uint8Array.from({ length: count }, () => random.int(10)),
  } as MnistSplit;
}

/** Pen-drawn digits in UNIPEN's layout: a 1, a 7 and a 0, by one writer, five times over. */
const STROKES: UnipenSample[] = Array.from({ length: 5 }, () => [
  {
    label: 1,
    writer: 'w',
    strokes: [
      [
        { x: 5, y: 0 },
        { x: 6, y: 40 },
      ],
    ],
  },
  {
    label: 7,
    writer: 'w',
    strokes: [
      [
        { x: 0, y: 0 },
        { x: 30, y: 2 },
        { x: 10, y: 40 },
      ],
    ],
  },
  {
    label: 0,
    writer: 'w',
    strokes: [
      [
        { x: 10, y: 0 },
        { x: 20, y: 10 },
        { x: 10, y: 20 },
        { x: 0, y: 10 },
        { x: 10, y: 0 },
      ],
    ],
  },
]).flat();

const config: TrainConfig = {
  seed: 4,
  epochs: 2,
  batchSize: 9, // shards of 5 and 4: uneven on purpose
  learningRate: 3e-3,
  labelSmoothing: 0.05,
  validation: 12,
  limit: 36,
  patience: 0,
  augment: DEFAULT_AUGMENT,
  workers: 2,
};

describe('data-parallel training (2 worker threads)', () => {
  let dir: string;
  const data = syntheticSplit(60);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'data-parallel-'));
    await useBackend('wasm');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('splits a batch into shards as equal as possible, larger first', () => {
    assert.deepEqual(shardSizes(64, 2), [32, 32], 'even');
    assert.deepEqual(shardSizes(9, 2), [5, 4], 'odd');
    assert.deepEqual(shardSizes(10, 4), [3, 3, 2, 2], 'four workers');
  });

  it('the same seed and worker count give the same weights, bit for bit', async () => {
    const a = await train(data, config, { checkpointDir: join(dir, 'a') });
    const b = await train(data, config, { checkpointDir: join(dir, 'b') });
    assert.deepEqual(
      a.history.map((e) => e.loss),
      b.history.map((e) => e.loss),
      'same losses epoch by epoch',
    );
    const bytesA = await readFile(join(dir, 'a', 'checkpoint.bin'));
    const bytesB = await readFile(join(dir, 'b', 'checkpoint.bin'));
    assert.ok(bytesA.equals(bytesB), 'identical weights, batch-norm statistics and Adam moments');
    assert.ok(
      a.history.every((e) => Number.isFinite(e.loss) && e.accuracy >= 0),
      'finite losses',
    );
  });

  it('a run interrupted after epoch 1 and resumed ends bit-identical to an uninterrupted one', async () => {
    const resumed = join(dir, 'resumed');
    await trainUntilCrashAfterEpoch1(data, config, resumed);
    const second = await train(data, config, { checkpointDir: resumed, resume: true });
    assert.equal(second.history.length, 2, 'history continues across the sessions');
    const straight = await readFile(join(dir, 'a', 'checkpoint.bin'));
    const bytes = await readFile(join(resumed, 'checkpoint.bin'));
    assert.ok(straight.equals(bytes), 'identical weights, batch-norm statistics and Adam moments');
  });

  it('differs from a 1-worker run (own batch statistics per shard) and refuses to resume with another worker count', async () => {
    const one = await train(data, { ...config, workers: 1 }, { checkpointDir: join(dir, 'one') });
    const two = await readFile(join(dir, 'a', 'checkpoint.bin'));
    assert.ok(
      !(await readFile(join(dir, 'one', 'checkpoint.bin'))).equals(two),
      'the worker count is part of the recipe',
    );
    assert.ok(Number.isFinite(one.history[1]!.loss), '1-worker run trained');
    await assert.rejects(
      train(data, { ...config, workers: 1 }, { checkpointDir: join(dir, 'a'), resume: true }),
      /was made with other options/,
    );
  });

  it('averages the shards like one batch: same gradients and statistics as 1 worker when every shard sees the same image', async () => {
    // With one image repeated, each shard's batch statistics are the whole batch's, so 1 and 2
    // workers compute the same function; one step then leaves the same running statistics and
    // Adam first moments (m = (1 − β1)·gradient), up to float rounding.
    const image = syntheticSplit(1).images;
    const same: MnistSplit = {
      ...data,
      images: Uint8Array.from({ length: data.count * 784 }, (_, i) => image[i % 784]!),
    };
    const oneStep = { ...config, epochs: 1, limit: 9, augment: NO_AUGMENT };
    const runs: { loss: number; floats: Float32Array }[] = [];
    for (const workers of [1, 2]) {
      const out = join(dir, `same-${workers}`);
      const result = await train(same, { ...oneStep, workers }, { checkpointDir: out });
      const bytes = await readFile(join(out, 'checkpoint.bin'));
      const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      runs.push({ loss: result.history[0]!.loss, floats });
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
    assert.ok(Math.abs(one.loss - two.loss) < 1e-5, `loss ${one.loss} vs ${two.loss}`);
    const stats = 2 * (32 + 32 + 64 + 64 + 128);
    const trainable = (one.floats.length - stats) / 3;
    const close = (from: number, to: number, what: string) => {
      let worst = 0;
      let scale = 0;
      for (let i = from; i < to; i++) {
        worst = Math.max(worst, Math.abs(one.floats[i]! - two.floats[i]!));
        scale = Math.max(scale, Math.abs(one.floats[i]!));
      }
      assert.ok(
        worst <= 1e-4 * scale,
        `${what}: largest difference ${worst} (largest value ${scale})`,
      );
    };
    close(trainable, trainable + stats, 'running mean and variance');
    close(trainable + stats, 2 * trainable + stats, 'Adam first moments (the averaged gradients)');
  });

  it('trains on pen-drawn digits drawn afresh each epoch, reproducibly, resumed bit-identical', async () => {
    const withStrokes = { ...config, limit: 0 };
    const a = await train(data, withStrokes, { checkpointDir: join(dir, 'strokes-a') }, STROKES);
    assert.equal(a.strokeCount, STROKES.length, 'every pen-drawn digit is in the training set');
    assert.equal(a.trainCount, data.count - config.validation! + STROKES.length, 'and MNIST');
    const resumed = join(dir, 'strokes-resumed');
    await trainUntilCrashAfterEpoch1(data, withStrokes, resumed, STROKES);
    await train(data, withStrokes, { checkpointDir: resumed, resume: true }, STROKES);
    const straight = await readFile(join(dir, 'strokes-a', 'checkpoint.bin'));
    assert.ok(
      straight.equals(await readFile(join(resumed, 'checkpoint.bin'))),
      'resumed: the same digits drawn for epoch 2, the same weights',
    );
    // The workers read the digits the main thread draws into shared memory: other strokes with
    // the same labels give other weights (a copy made at start would hold only blank images).
    const mirrored = STROKES.map((s) => ({
      ...s,
      strokes: s.strokes.map((stroke) => stroke.map((p) => ({ x: 40 - p.x, y: p.y }))),
    }));
    await train(data, withStrokes, { checkpointDir: join(dir, 'strokes-b') }, mirrored);
    assert.ok(
      !straight.equals(await readFile(join(dir, 'strokes-b', 'checkpoint.bin'))),
      'the workers see the drawn digits',
    );
  });

  it('refuses more workers than images in a batch', async () => {
    await assert.rejects(
      train(data, { ...config, workers: 10 }),
      /10 workers cannot share a batch of 9: use at most --workers 9/,
    );
  });
});
