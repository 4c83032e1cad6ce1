// The trajectory model's training: its validation writers, its stroke distortions, a seeded
// run with checkpoints and resume, and the CLI end to end on a small synthetic UNIPEN file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { Recognizer } from '@digit-canvas/core';

import { useBackend } from '../src/backend.js';
import { trainTrajectoryCommand } from '../src/commands/train-trajectory.js';
import { trainCommand } from '../src/commands/train.js';
import {
  augmentTrajectory,
  DEFAULT_TRAJECTORY_AUGMENT,
  isValidationWriter,
  type TrajectoryAugmentOptions,
} from '../src/data/trajectory-set.js';
import { isHeldOutWriter, type UnipenSample } from '../src/data/unipen.js';
import { Random } from '../src/random.js';
import { trajectorySectionOf, withTrajectorySection } from '../src/reports/trajectory-card.js';
import { validateTrainConfig } from '../src/train/config.js';
import { trainTrajectory, trajectoryAccuracy } from '../src/train/trajectory.js';
import { NO_STROKE_DISTORTION, writeUnipenFile } from './unipen-fixtures.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** A 1 (one vertical stroke, top to bottom) or a 0 (a circle, counter-clockwise from the top). */
function digit(label: 0 | 1, writer: string, wobble: number): UnipenSample {
  const points =
    label === 1
      ? Array.from({ length: 20 }, (_, i) => ({ x: 50 + wobble * Math.sin(i), y: i * 5 }))
      : Array.from({ length: 30 }, (_, i) => {
          const a = (i / 29) * 2 * Math.PI;
          return { x: 50 - 30 * Math.sin(a) + wobble, y: 50 - 40 * Math.cos(a) };
        });
  return { label, writer, strokes: [points] };
}

/** Writer ids of each kind of the fixed split, found by their CRC-32. */
function writerIds(): { training: string[]; validation: string[]; heldOut: string[] } {
  const ids = Array.from({ length: 200 }, (_, i) => `synthetic/writer-${i}`);
  return {
    training: ids.filter((w) => !isHeldOutWriter(w) && !isValidationWriter(w)).slice(0, 4),
    validation: ids.filter(isValidationWriter).slice(0, 2),
    heldOut: ids.filter(isHeldOutWriter).slice(0, 2),
  };
}

function samplesOf(writers: string[]): UnipenSample[] {
  return writers.flatMap((w, i) => [
    digit(0, w, i),
    digit(1, w, i),
    digit(0, w, -i),
    digit(1, w, 2),
  ]);
}

describe('trajectory training data', () => {
  it('validates on about a tenth of the training writers, never on a held-out one', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `w${i}`);
    const validation = ids.filter(isValidationWriter);
    assert.ok(
      validation.every((w) => !isHeldOutWriter(w)),
      'no held-out writer validates',
    );
    assert.ok(validation.length > 150 && validation.length < 250, `${validation.length} of 2000`);
  });

  it('reverses strokes and reorders them at the rates asked for, seeded', () => {
    const sample: UnipenSample = {
      label: 4,
      writer: 'w',
      strokes: [
        [
          { x: 0, y: 0 },
          { x: 0, y: 10 },
          { x: 10, y: 10 },
        ],
        [
          { x: 8, y: 0 },
          { x: 8, y: 20 },
        ],
      ],
    };
    const still: TrajectoryAugmentOptions = {
      ...NO_STROKE_DISTORTION,
      reverseStroke: 1,
      shuffleStrokes: 0,
    };
    const reversed = augmentTrajectory(sample, new Random(1), still);
    assert.equal(reversed.length, 2, 'two strokes');
    assert.ok(reversed[0]![0]!.x > reversed[0]![2]!.x, 'the first stroke now ends where it began');
    assert.ok(reversed[1]![0]!.y > reversed[1]![1]!.y, 'the bar is drawn upwards');

    let reordered = 0;
    for (let seed = 0; seed < 50; seed++) {
      const out = augmentTrajectory(sample, new Random(seed), {
        ...still,
        reverseStroke: 0,
        shuffleStrokes: 1,
      });
      if (out[0]!.length === 2) reordered++;
    }
    assert.ok(reordered > 10 && reordered < 40, `bar first in ${reordered} of 50 shuffles`);
    assert.deepEqual(
      augmentTrajectory(sample, new Random(7), DEFAULT_TRAJECTORY_AUGMENT),
      augmentTrajectory(sample, new Random(7), DEFAULT_TRAJECTORY_AUGMENT),
      'the same seed gives the same distortion',
    );
  });
});

describe('trainTrajectory', () => {
  let dir: string;
  before(async () => {
    await useBackend('wasm');
    dir = await mkdtemp(join(tmpdir(), 'trajectory-train-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const { training, validation } = writerIds();
  const config = { epochs: 3, batchSize: 8, learningRate: 5e-3, seed: 3, labelSmoothing: 0.05 };

  it('learns 0 from 1 on a few writers, keeping the best epoch on the validation writers', async () => {
    const result = await trainTrajectory(samplesOf(training), samplesOf(validation), config);
    assert.equal(result.history.length, 3, 'three epochs');
    assert.ok(result.bestValAccuracy! >= 0.75, `validation ${result.bestValAccuracy}`);
    assert.equal(
      result.history.find((e) => e.epoch === result.bestEpoch)!.valAccuracy,
      result.bestValAccuracy,
      'the best epoch is the one reported',
    );
    result.model.dispose();
  });

  it('keeps the last epoch when it has no validation writers (a refit)', async () => {
    const everyone = samplesOf([...training, ...validation]);
    const result = await trainTrajectory(everyone, [], config);
    assert.equal(result.bestEpoch, 3, 'the last epoch');
    assert.equal(result.bestValAccuracy, null, 'no validation figure to report');
    assert.deepEqual(
      result.history.map((e) => e.valAccuracy),
      [null, null, null],
      'no validation accuracy is made up',
    );
    assert.ok(trajectoryAccuracy(result.model, everyone) >= 0.75, 'it learned 0 from 1');
    result.model.dispose();
  });

  it('resumes an interrupted run from its last checkpoint bit for bit', async () => {
    const straightDir = join(dir, 'straight');
    const resumedDir = join(dir, 'resumed');
    const straight = await trainTrajectory(samplesOf(training), samplesOf(validation), config, {
      checkpointDir: straightDir,
    });
    await assert.rejects(
      trainTrajectory(samplesOf(training), samplesOf(validation), config, {
        checkpointDir: resumedDir,
        onEpochEnd: (e) => {
          if (e.epoch === 1) throw new Error('simulated crash after the epoch-1 checkpoint');
        },
      }),
      /simulated crash/,
    );
    const epochs: number[] = [];
    const resumed = await trainTrajectory(samplesOf(training), samplesOf(validation), config, {
      checkpointDir: resumedDir,
      resume: true,
      onEpochEnd: (e) => epochs.push(e.epoch),
    });
    assert.deepEqual(epochs, [2, 3], 'epoch 1 comes from the checkpoint');
    assert.deepEqual(
      resumed.history.map((e) => [e.loss, e.valAccuracy, e.learningRate]),
      straight.history.map((e) => [e.loss, e.valAccuracy, e.learningRate]),
      'the same losses, validation and rates epoch by epoch',
    );
    assert.equal(resumed.bestEpoch, straight.bestEpoch, 'the same best epoch');
    const bytes = (path: string) => readFile(join(path, 'trajectory-checkpoint', 'checkpoint.bin'));
    assert.ok(
      (await bytes(straightDir)).equals(await bytes(resumedDir)),
      'identical weights, best weights and Adam moments',
    );
    const weights = (r: typeof straight) =>
      Buffer.concat(r.model.getWeights().map((w) => Buffer.from(w.dataSync().buffer)));
    assert.ok(weights(resumed).equals(weights(straight)), "the returned models' weights too");
    resumed.model.dispose();
    straight.model.dispose();
    await assert.rejects(
      trainTrajectory(
        samplesOf(training),
        samplesOf(validation),
        { ...config, epochs: 4 },
        { checkpointDir: resumedDir, resume: true },
      ),
      /was made with other options/,
      'a checkpoint of other options is refused',
    );
  });

  it('checks its config by the rules the CNN checks the same fields by', async () => {
    for (const [field, value, message] of [
      ['seed', -1, /seed must be a non-negative integer, got -1/],
      ['learningRate', 1.5, /learningRate must be a number in \(0, 1\), got 1.5/],
      ['batchSize', 0, /batchSize must be a positive integer, got 0/],
      ['labelSmoothing', 1, /labelSmoothing must be in \[0, 1\), got 1/],
    ] as const) {
      await assert.rejects(trainTrajectory(samplesOf(training), [], { [field]: value }), message);
      assert.throws(() => validateTrainConfig({ [field]: value }), message, `the CNN's ${field}`);
    }
  });

  it('checks its flags by the same table, naming the flag, as train does', async () => {
    for (const [flag, value, expected] of [
      ['seed', '-1', 'a non-negative integer'],
      ['lr', '1.5', 'a number in (0, 1)'],
      ['epochs', 'two', 'a positive integer'],
    ] as const) {
      const message = `--${flag} must be ${expected}, got "${value}"`;
      for (const command of [trainTrajectoryCommand, trainCommand]) {
        await assert.rejects(command.run({ [flag]: value }), { message }, command.name);
      }
    }
  });
});

describe('the model card section', () => {
  it('is appended once, replaced on the next run, and carried over by export', () => {
    const section = (n: number) =>
      `<!-- trajectory-model: generated by digit-canvas-train train-trajectory -->\nrun ${n}\n<!-- /trajectory-model -->\n`;
    const once = withTrajectorySection('# Model card\n\nCNN.\n', section(1));
    const twice = withTrajectorySection(once, section(2));
    assert.match(twice, /run 2/, 'the new section');
    assert.doesNotMatch(twice, /run 1/, 'the old one is gone');
    assert.equal(twice.split('trajectory-model:').length, 2, 'one section');
    assert.equal(trajectorySectionOf(twice), section(2), 'export reads it back whole');
    assert.equal(trajectorySectionOf('# Model card\n'), '', 'no section, nothing to carry');
  });
});

describe('digit-canvas-train train-trajectory (through the CLI)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trajectory-cli-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a UNIPEN file without validation writers, saying which file and why', async () => {
    const unipen = join(dir, 'no-validation.json');
    await writeUnipenFile(unipen, samplesOf(writerIds().training));
    await assert.rejects(
      run(process.execPath, [
        ...['--import', 'tsx', CLI, 'train-trajectory', '--unipen', unipen],
        ...['--out', join(dir, 'refused'), '--to', join(dir, 'refused')],
      ]),
      (error: { stderr: string }) =>
        error.stderr.includes(`${unipen} has no validation writer`) &&
        !existsSync(join(dir, 'refused', 'trajectory.json')),
    );
  });

  it('trains, exports a model core loads and fuses, and writes the card section and report', async () => {
    const { training, validation, heldOut } = writerIds();
    const unipen = join(dir, 'digits.json');
    await writeUnipenFile(unipen, samplesOf([...training, ...validation, ...heldOut]));
    const to = join(dir, 'model');
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        'train-trajectory',
        '--epochs',
        '2',
        '--batch-size',
        '8',
        '--unipen',
        unipen,
        '--out',
        join(dir, 'run'),
        '--to',
        to,
        '--reports',
        join(dir, 'reports'),
      ],
      { maxBuffer: 1 << 24 },
    );
    assert.match(stdout, /shipped the refit's (uint8|float16|float32) weights/, stdout);
    for (const file of ['trajectory.json', 'trajectory.bin', 'MODEL_CARD.md']) {
      assert.ok(existsSync(join(to, file)), `${file} written`);
    }
    const card = await readFile(join(to, 'MODEL_CARD.md'), 'utf8');
    assert.match(card, /## The second view: the trajectory model/, 'card section');
    assert.match(card, /held-out writers: trajectory alone/, 'the held-out figures');
    assert.match(card, /Shipped: a refit/, 'the card says which run ships');
    const report = JSON.parse(await readFile(join(dir, 'reports', 'training.json'), 'utf8')) as {
      history: unknown[];
      heldOut: { fused: { count: number } } | null;
      refit: { trainCount: number; trainWriters: number } | null;
    };
    assert.equal(report.history.length, 2, 'two epochs recorded');
    assert.deepEqual(
      report.refit && [report.refit.trainCount, report.refit.trainWriters],
      [24, 6],
      'the refit learned from the 4 training and 2 validation writers, not the held-out ones',
    );
    assert.equal(report.heldOut?.fused.count, 8, 'the 8 held-out digits measured, fused');

    const recognizer = await Recognizer.load({
      trajectoryModelUrl: join(to, 'trajectory.json'),
      backend: 'cpu',
    });
    const prediction = await recognizer.predict(digit(1, 'x', 0).strokes);
    assert.equal(prediction.views.trajectory?.length, 10, 'core runs the exported model');
    recognizer.dispose();

    const validatedOnly = join(dir, 'validated-only');
    const second = await run(
      process.execPath,
      [
        ...['--import', 'tsx', CLI, 'train-trajectory', '--validated-only'],
        ...['--epochs', '2', '--batch-size', '8', '--unipen', unipen],
        ...['--out', join(validatedOnly, 'run'), '--to', validatedOnly],
        ...['--reports', join(validatedOnly, 'reports')],
      ],
      { maxBuffer: 1 << 24 },
    );
    assert.match(second.stdout, /shipped the validated run's/, second.stdout);
    const secondReport = JSON.parse(
      await readFile(join(validatedOnly, 'reports', 'training.json'), 'utf8'),
    ) as { refit: unknown };
    assert.equal(secondReport.refit, null, 'no refit with --validated-only');
    assert.match(
      await readFile(join(validatedOnly, 'MODEL_CARD.md'), 'utf8'),
      /Shipped: the validated run's epoch/,
    );
  });
});
