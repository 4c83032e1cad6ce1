import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { Recognizer } from '@digit-canvas/core';

import { useBackend } from '../backend.js';
import { isValidationWriter } from '../data/trajectory-set.js';
import { defaultUnipenPath, loadUnipen, splitByWriter } from '../data/unipen.js';
import { evaluateOnUnipen, type UnipenViews } from '../evaluation/cnn.js';
import { chooseTrajectoryFormat } from '../evaluation/trajectory-formats.js';
import { CNN_FILES, saveLayersModel, TRAJECTORY_FILES } from '../model/export.js';
import { defaultReportsDir, reportPath } from '../paths.js';
import { provenance } from '../provenance.js';
import { describeLayers } from '../reports/model-card.js';
import { formatPercent } from '../reports/render.js';
import { trajectoryCardSection, withTrajectorySection } from '../reports/trajectory-card.js';
import {
  DEFAULT_TRAJECTORY_TRAIN_CONFIG,
  trainTrajectory,
  type TrajectoryEpoch,
  type TrajectoryTrainConfig,
  type TrajectoryTrainingReport,
} from '../train/trajectory.js';
import type { Command } from './command.js';
import { backendOption, modelDirOption, numberOption, stringOption } from './options.js';

const d = DEFAULT_TRAJECTORY_TRAIN_CONFIG;
const positiveInteger = (v: number) => Number.isInteger(v) && v > 0;

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
    const config: TrajectoryTrainConfig = {
      epochs: numberOption(values, 'epochs', d.epochs, positiveInteger, 'a positive integer'),
      batchSize: numberOption(
        values,
        'batch-size',
        d.batchSize,
        positiveInteger,
        'a positive integer',
      ),
      learningRate: numberOption(
        values,
        'lr',
        d.learningRate,
        (v) => v > 0 && v < 1,
        'a number in (0, 1)',
      ),
      seed: numberOption(values, 'seed', d.seed, Number.isInteger, 'an integer'),
      labelSmoothing: numberOption(
        values,
        'label-smoothing',
        d.labelSmoothing,
        (v) => v >= 0 && v < 1,
        'a number in [0, 1)',
      ),
    };
    const maxDrop = numberOption(values, 'max-drop', 0.2, (v) => v >= 0, 'a number ≥ 0');
    const to = modelDirOption(values, 'train-trajectory');
    const out = resolve(
      stringOption(values, 'out') ?? join(process.cwd(), 'runs', `trajectory-seed-${config.seed}`),
    );
    const reports = resolve(
      stringOption(values, 'reports') ?? join(defaultReportsDir(), 'trajectory'),
    );
    const unipenPath = stringOption(values, 'unipen') ?? defaultUnipenPath();
    const { training: allTraining, heldOut } = splitByWriter(loadUnipen(unipenPath));
    const training = allTraining.filter((s) => !isValidationWriter(s.writer));
    const validation = allTraining.filter((s) => isValidationWriter(s.writer));
    if (validation.length === 0) {
      throw new Error(
        `${unipenPath} has no validation writer (a training writer whose id's CRC-32 is 1 mod 10): train-trajectory needs some to draw the validation curve and choose the weight format`,
      );
    }
    const backend = await useBackend(backendOption(values));
    const origin = provenance();
    const writers = (samples: typeof training) => new Set(samples.map((s) => s.writer)).size;
    const trainWriters = writers(training);
    const validationWriters = writers(validation);
    console.error(
      `training the trajectory model on ${training.length} digits of ${trainWriters} writers, validating on ${validation.length} of ${validationWriters} (${backend}); output in ${out}`,
    );
    const epochLog = (run: string) => (e: TrajectoryEpoch) =>
      console.error(
        `${run} epoch ${e.epoch}/${config.epochs}: loss ${e.loss.toFixed(4)}${e.valAccuracy === null ? '' : `, validation ${formatPercent(e.valAccuracy)}`}, ${e.seconds.toFixed(1)} s`,
      );
    const result = await trainTrajectory(training, validation, config, {
      checkpointDir: out,
      resume: values.resume === true,
      onEpochEnd: epochLog('validated'),
    });
    const { formats, chosen } = await chooseTrajectoryFormat(
      result.model,
      join(out, 'formats'),
      validation,
      maxDrop,
    );
    for (const f of formats)
      console.error(`${f.format}: validation ${formatPercent(f.accuracy)}, ${f.weightBytes} bytes`);
    let shippedFrom = join(out, 'formats', chosen.format);
    let refit: TrajectoryTrainingReport['refit'] = null;
    if (values['validated-only'] !== true) {
      // The validated run chose the format and showed the recipe does not overfit by its last
      // epoch; the refit learns from its validation writers too, ~15% more handwriting.
      const refitDir = join(out, 'refit');
      const refitted = await trainTrajectory(allTraining, [], config, {
        checkpointDir: refitDir,
        resume: values.resume === true,
        onEpochEnd: epochLog('refit'),
      });
      await saveLayersModel(refitted.model, refitDir, chosen.format, TRAJECTORY_FILES);
      refitted.model.dispose();
      shippedFrom = refitDir;
      refit = {
        trainCount: allTraining.length,
        trainWriters: writers(allTraining),
        finalLoss: refitted.history.at(-1)!.loss,
        fitSeconds: refitted.fitSeconds,
      };
    }
    const exportDir = resolve(to);
    await mkdir(exportDir, { recursive: true });
    for (const file of [TRAJECTORY_FILES.json, TRAJECTORY_FILES.weights]) {
      await copyFile(join(shippedFrom, file), join(exportDir, file));
    }
    const heldOutViews = await measureHeldOut(exportDir, heldOut);
    const parameters = result.model.countParams();
    const card = join(exportDir, 'MODEL_CARD.md');
    const section = trajectoryCardSection({
      config,
      parameters,
      layers: describeLayers(result.model),
      trainCount: training.length,
      trainWriters,
      validationCount: validation.length,
      validationWriters,
      bestEpoch: result.bestEpoch,
      bestValAccuracy: result.bestValAccuracy!,
      formats,
      chosen,
      refit,
      maxDropPoints: maxDrop,
      command: origin.command,
      commit: `${origin.commit}${origin.dirty ? ' (with local changes)' : ''}`,
      ...(heldOutViews ? { heldOut: heldOutViews } : {}),
    });
    const previous = existsSync(card) ? await readFile(card, 'utf8') : '# Model card\n';
    await writeFile(card, withTrajectorySection(previous, section));
    const report: TrajectoryTrainingReport = {
      name: 'trajectory',
      provenance: origin,
      backend,
      config,
      parameters,
      trainCount: training.length,
      trainWriters,
      validationCount: validation.length,
      validationWriters,
      history: result.history,
      bestEpoch: result.bestEpoch,
      bestValAccuracy: result.bestValAccuracy!,
      fitSeconds: result.fitSeconds,
      formats,
      chosen: chosen.format,
      refit,
      exportedTo: reportPath(exportDir),
      heldOut:
        heldOutViews?.trajectory && heldOutViews.fused
          ? {
              trajectory: heldOutViews.trajectory,
              fused: heldOutViews.fused,
              cnn: heldOutViews.image,
            }
          : null,
    };
    await mkdir(reports, { recursive: true });
    await writeFile(join(out, 'training.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(reports, 'training.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `trained ${result.history.length} epochs in ${(result.fitSeconds / 60).toFixed(1)} min; best validation ${formatPercent(result.bestValAccuracy!)} (epoch ${result.bestEpoch})` +
        (refit
          ? `; refit on all ${refit.trainWriters} training writers in ${(refit.fitSeconds / 60).toFixed(1)} min`
          : '') +
        `; shipped ${refit ? "the refit's" : "the validated run's"} ${chosen.format} weights (${chosen.weightBytes} bytes) to ${exportDir}`,
    );
  },
};

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
