import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { Recognizer } from '@digit-canvas/core';

import { useBackend } from '../backend.js';
import { isValidationWriter } from '../data/trajectory-set.js';
import { defaultUnipenPath, loadUnipen, splitByWriter, type UnipenSample } from '../data/unipen.js';
import { evaluateOnUnipen, type UnipenViews } from '../evaluation/cnn.js';
import { chooseTrajectoryFormat } from '../evaluation/trajectory-formats.js';
import type { FormatResult } from '../evaluation/weight-formats.js';
import { CNN_FILES, saveLayersModel, TRAJECTORY_FILES } from '../model/export.js';
import { defaultReportsDir, reportPath } from '../paths.js';
import { provenance, type Provenance } from '../provenance.js';
import { describeLayers } from '../reports/model-card.js';
import { formatPercent } from '../reports/render.js';
import { trajectoryCardSection, withTrajectorySection } from '../reports/trajectory-card.js';
import { epochProgressBar } from '../train/progress-bar.js';
import {
  DEFAULT_TRAJECTORY_TRAIN_CONFIG,
  TRAJECTORY_TRAIN_CONFIG_RULES,
  trainTrajectory,
  validateTrajectoryTrainConfig,
  type TrajectoryRefit,
  type TrajectoryTrainConfig,
  type TrajectoryTrainingReport,
  type TrajectoryTrainResult,
} from '../train/trajectory.js';
import type { Command } from './command.js';
import {
  backendOption,
  modelDirOption,
  numberOption,
  numbersFromFlags,
  stringOption,
} from './options.js';

/** The flag of each config field (checked by TRAJECTORY_TRAIN_CONFIG_RULES, as a config is). */
const FLAGS: Readonly<Record<keyof TrajectoryTrainConfig, string>> = {
  epochs: 'epochs',
  batchSize: 'batch-size',
  learningRate: 'lr',
  seed: 'seed',
  labelSmoothing: 'label-smoothing',
};

const d = DEFAULT_TRAJECTORY_TRAIN_CONFIG;

export const trainTrajectoryCommand: Command = {
  name: 'train-trajectory',
  summary: 'Train the trajectory model on pen strokes (UNIPEN training writers) and export it',
  usage: `Usage: digit-canvas-train train-trajectory [options]

Trains the second view of a drawn digit: a small 1-D convolution over the pen path, as
@digit-canvas/core's trajectoryFeatures resamples it (48 points: position, direction, pen up or
down). It learns from the UNIPEN digits of the 210 training writers (never the 58 held-out
ones), each distorted afresh every epoch like the CNN's strokes. It trains twice:
  1. validated: 32 of those writers (the CRC-32 of the id is 1 mod 10) are kept out to
     show the validation curve and to choose the weight format: float32, float16 or uint8, each
     measured through core, the smallest within --max-drop points of float32;
  2. refit: the same recipe on all 210 training writers, keeping its last epoch, stored in the
     format the validated run chose (skip it with --validated-only, which ships the validated
     run's best epoch instead).
It exports trajectory.json + trajectory.bin into --to, measures them once on the held-out writers
beside the CNN there, and writes its section of --to's MODEL_CARD.md. Writes into --out each
run's checkpoint after every epoch (continue with --resume), the formats and training.json.

Options:
  --epochs N       epochs (default ${d.epochs}); the learning rate decays along a cosine over them
  --batch-size N   digits per step (default ${d.batchSize})
  --lr X           Adam's starting learning rate (default ${d.learningRate})
  --label-smoothing X  (default ${d.labelSmoothing})
  --seed N         seed of the initial weights, shuffles and distortions (default ${d.seed})
  --max-drop X     validation accuracy points a smaller weight format may lose (default 0.2:
                   three of the ~1,700 validation digits)
  --validated-only ship the validated run's best epoch, without the refit (half the time)
  --unipen FILE    UNIPEN digits.json (default: env UNIPEN_PATH or ../shared/data/unipen1a/digits.json)
  --out DIR        run folder (default: runs/trajectory-seed-<seed> in the current directory)
  --to DIR         where the model goes; required when the trainer is installed from npm.
                   Default inside the digit-canvas checkout only: packages/core/model
  --reports DIR    report folder (default: reports/trajectory at the repository root inside
                   the checkout, else reports/trajectory in the current directory)
  --resume         continue the run in --out from its last checkpoint (same options)
  --backend NAME   wasm (default) or cpu

Example:
  digit-canvas-train train-trajectory --epochs 40 --to my-model`,
  options: {
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    seed: { type: 'string' },
    'label-smoothing': { type: 'string' },
    'max-drop': { type: 'string' },
    unipen: { type: 'string' },
    out: { type: 'string' },
    to: { type: 'string' },
    reports: { type: 'string' },
    resume: { type: 'boolean' },
    'validated-only': { type: 'boolean' },
    backend: { type: 'string' },
  },
  async run(values) {
    const config = validateTrajectoryTrainConfig(
      numbersFromFlags(values, FLAGS, TRAJECTORY_TRAIN_CONFIG_RULES),
    );
    const maxDrop = numberOption(values, 'max-drop', 0.2, (v) => v >= 0, 'a number ≥ 0');
    const to = resolve(modelDirOption(values, 'train-trajectory'));
    const out = resolve(
      stringOption(values, 'out') ?? join(process.cwd(), 'runs', `trajectory-seed-${config.seed}`),
    );
    const reports = resolve(
      stringOption(values, 'reports') ?? join(defaultReportsDir(), 'trajectory'),
    );
    const writers = loadWriters(stringOption(values, 'unipen') ?? defaultUnipenPath());
    const backend = await useBackend(backendOption(values));
    const origin = provenance();
    console.error(
      `training the trajectory model on ${writers.training.length} digits of ${writerCount(writers.training)} writers, validating on ${writers.validation.length} of ${writerCount(writers.validation)} (${backend}); output in ${out}`,
    );
    const resume = values.resume === true;
    const result = await trainRun('validated', writers.training, writers.validation, config, {
      out,
      resume,
    });
    const { formats, chosen } = await chooseTrajectoryFormat(
      result.model,
      join(out, 'formats'),
      writers.validation,
      maxDrop,
    );
    for (const f of formats)
      console.error(`${f.format}: validation ${formatPercent(f.accuracy)}, ${f.weightBytes} bytes`);
    const refit =
      values['validated-only'] === true
        ? null
        : await refitRun(writers.all, config, chosen, join(out, 'refit'), resume);
    await exportModel(refit ? join(out, 'refit') : join(out, 'formats', chosen.format), to);
    const heldOut = await measureHeldOut(to, writers.heldOut);
    const shipped = { result, formats, chosen, refit, maxDrop, heldOut };
    await writeCardSection(to, cardInput(shipped, writers, origin));
    const report = trainingReportOf(shipped, writers, { origin, backend, exportedTo: to });
    await mkdir(reports, { recursive: true });
    for (const dir of [out, reports]) {
      await writeFile(join(dir, 'training.json'), `${JSON.stringify(report, null, 2)}\n`);
    }
    console.log(
      `trained ${result.history.length} epochs in ${(result.fitSeconds / 60).toFixed(1)} min; best validation ${formatPercent(result.bestValAccuracy!)} (epoch ${result.bestEpoch})` +
        (refit
          ? `; refit on all ${refit.trainWriters} training writers in ${(refit.fitSeconds / 60).toFixed(1)} min`
          : '') +
        `; shipped ${refit ? "the refit's" : "the validated run's"} ${chosen.format} weights (${chosen.weightBytes} bytes) to ${to}`,
    );
  },
};

/** The UNIPEN digits train-trajectory reads, by writer. */
interface Writers {
  /** Every training writer's digits (what the refit learns from). */
  all: UnipenSample[];
  /** Those of the training writers that are not validation writers. */
  training: UnipenSample[];
  validation: UnipenSample[];
  heldOut: UnipenSample[];
}

const writerCount = (samples: readonly UnipenSample[]) =>
  new Set(samples.map((s) => s.writer)).size;

/** `path`'s digits split by writer; throws when there is no validation writer. */
function loadWriters(path: string): Writers {
  const { training: all, heldOut } = splitByWriter(loadUnipen(path));
  const validation = all.filter((s) => isValidationWriter(s.writer));
  if (validation.length === 0) {
    throw new Error(
      `${path} has no validation writer (a training writer whose id's CRC-32 is 1 mod 10): train-trajectory needs some to draw the validation curve and choose the weight format`,
    );
  }
  return { all, training: all.filter((s) => !isValidationWriter(s.writer)), validation, heldOut };
}

/** One training run into `out`, with the CNN's progress bar and a line per epoch. */
function trainRun(
  name: 'validated' | 'refit',
  training: readonly UnipenSample[],
  validation: readonly UnipenSample[],
  config: TrajectoryTrainConfig,
  { out, resume }: { out: string; resume: boolean },
): Promise<TrajectoryTrainResult> {
  const progress = epochProgressBar(config.epochs, name);
  return trainTrajectory(training, validation, config, {
    checkpointDir: out,
    resume,
    ...progress,
    onEpochEnd: (e) => {
      progress.stop();
      console.error(
        `${name} epoch ${e.epoch}/${config.epochs}: loss ${e.loss.toFixed(4)}${e.valAccuracy === null ? '' : `, validation ${formatPercent(e.valAccuracy)}`}, ${e.seconds.toFixed(1)} s`,
      );
    },
  });
}

/**
 * The refit: the validated run chose the format and showed the recipe does not overfit by its
 * last epoch; the refit learns from its validation writers too, ~15% more handwriting. Saved in
 * `dir` in the chosen format.
 */
async function refitRun(
  all: readonly UnipenSample[],
  config: TrajectoryTrainConfig,
  chosen: FormatResult,
  dir: string,
  resume: boolean,
): Promise<TrajectoryRefit> {
  const refitted = await trainRun('refit', all, [], config, { out: dir, resume });
  await saveLayersModel(refitted.model, dir, chosen.format, TRAJECTORY_FILES);
  refitted.model.dispose();
  return {
    trainCount: all.length,
    trainWriters: writerCount(all),
    finalLoss: refitted.history.at(-1)!.loss,
    fitSeconds: refitted.fitSeconds,
  };
}

/** Copies the shipped trajectory.json + trajectory.bin from `from` into `to`. */
async function exportModel(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const file of [TRAJECTORY_FILES.json, TRAJECTORY_FILES.weights]) {
    await copyFile(join(from, file), join(to, file));
  }
}

/** What was trained, chosen and shipped: the card's and the report's figures. */
interface Shipped {
  result: TrajectoryTrainResult;
  formats: FormatResult[];
  chosen: FormatResult;
  refit: TrajectoryRefit | null;
  maxDrop: number;
  heldOut: UnipenViews | undefined;
}

function cardInput(s: Shipped, w: Writers, origin: Provenance) {
  return {
    config: s.result.config,
    parameters: s.result.model.countParams(),
    layers: describeLayers(s.result.model),
    trainCount: w.training.length,
    trainWriters: writerCount(w.training),
    validationCount: w.validation.length,
    validationWriters: writerCount(w.validation),
    bestEpoch: s.result.bestEpoch,
    bestValAccuracy: s.result.bestValAccuracy!,
    formats: s.formats,
    chosen: s.chosen,
    refit: s.refit,
    maxDropPoints: s.maxDrop,
    command: origin.command,
    commit: `${origin.commit}${origin.dirty ? ' (with local changes)' : ''}`,
    ...(s.heldOut ? { heldOut: s.heldOut } : {}),
  };
}

/** Writes (or replaces) the trajectory section of `dir`'s MODEL_CARD.md. */
async function writeCardSection(dir: string, input: ReturnType<typeof cardInput>): Promise<void> {
  const card = join(dir, 'MODEL_CARD.md');
  const previous = existsSync(card) ? await readFile(card, 'utf8') : '# Model card\n';
  await writeFile(card, withTrajectorySection(previous, trajectoryCardSection(input)));
}

/** reports/trajectory/training.json. */
function trainingReportOf(
  s: Shipped,
  w: Writers,
  context: { origin: Provenance; backend: string; exportedTo: string },
): TrajectoryTrainingReport {
  const views = s.heldOut;
  return {
    name: 'trajectory',
    provenance: context.origin,
    backend: context.backend,
    config: s.result.config,
    parameters: s.result.model.countParams(),
    trainCount: w.training.length,
    trainWriters: writerCount(w.training),
    validationCount: w.validation.length,
    validationWriters: writerCount(w.validation),
    history: s.result.history,
    bestEpoch: s.result.bestEpoch,
    bestValAccuracy: s.result.bestValAccuracy!,
    fitSeconds: s.result.fitSeconds,
    formats: s.formats,
    chosen: s.chosen.format,
    refit: s.refit,
    exportedTo: reportPath(context.exportedTo),
    heldOut:
      views?.trajectory && views.fused
        ? { trajectory: views.trajectory, fused: views.fused, cnn: views.image }
        : null,
  };
}

/**
 * The final figures on the held-out writers, for the model card: the exported trajectory model
 * beside the CNN of `dir` (or core's shipped CNN when `dir` has none), as core runs the pair.
 * Measured once, after the epoch and the format were chosen on the validation writers.
 */
async function measureHeldOut(
  dir: string,
  heldOut: Parameters<typeof evaluateOnUnipen>[1],
): Promise<UnipenViews | undefined> {
  if (heldOut.length === 0) return undefined;
  const cnn = join(dir, CNN_FILES.json);
  const recognizer = await Recognizer.load({
    ...(existsSync(cnn) ? { modelUrl: cnn } : {}),
    trajectoryModelUrl: join(dir, TRAJECTORY_FILES.json),
  });
  try {
    const views = await evaluateOnUnipen(recognizer, heldOut);
    console.error(
      `held-out writers: trajectory alone ${formatPercent(views.trajectory!.accuracy)}, CNN alone ${formatPercent(views.image.accuracy)}, fused ${formatPercent(views.fused!.accuracy)}`,
    );
    return views;
  } finally {
    recognizer.dispose();
  }
}
