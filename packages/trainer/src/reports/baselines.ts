import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { ResolvedBaselinesConfig } from '../baselines/config.js';
import type { FittedBaseline } from '../baselines/fit.js';
import { PIXELS } from '../data/mnist.js';
import { HELD_OUT_UNIPEN } from '../data/unipen.js';
import type { ForestEvaluation } from '../evaluation/forest.js';
import { classifierMarkdown } from './classifier-markdown.js';
import type { ClassifierReport, HyperParameter } from './classifier-report.js';
import { formatJson } from './json.js';
import { confusionSvg } from './render.js';

/** The settings a baseline was fitted with, as its report lists them. */
function hyperParameters(f: FittedBaseline, c: ResolvedBaselinesConfig): HyperParameter[] {
  const common: HyperParameter[] = [
    { name: 'training images', value: f.trainCount },
    { name: 'criterion', value: 'gini' },
    { name: 'max depth', value: c.maxDepth },
    { name: 'min samples to split', value: 2 },
  ];
  if (f.name === 'tree') return [...common, { name: 'features per split', value: PIXELS }];
  return [
    ...common,
    { name: 'trees', value: c.trees },
    { name: 'features per split', value: c.maxFeatures },
    { name: 'bootstrap', value: 'yes' },
    { name: 'seed', value: c.seed },
  ];
}

/** A baseline's evaluation file (reports/baselines/{tree,forest}.json). */
export function baselineReport(
  f: FittedBaseline,
  config: ResolvedBaselinesConfig,
  measured: {
    readonly modelBytes: number;
    readonly test: ForestEvaluation;
    readonly unipen: ForestEvaluation | null;
  },
  command: string,
): ClassifierReport {
  const { test, unipen } = measured;
  return {
    name: f.name,
    description: f.description,
    command,
    accuracy: test.accuracy,
    confusionMatrix: test.confusionMatrix,
    perClass: test.perClass,
    modelBytes: measured.modelBytes,
    fitSeconds: Number(f.fit.seconds.toFixed(2)),
    fitCpuSeconds: Number(f.fit.cpuSeconds.toFixed(2)),
    predictMsPerImage: Number(test.predictMsPerImage.toPrecision(3)),
    nodes: f.forest.trees.reduce((sum, t) => sum + t.feature.length, 0),
    hyperParameters: hyperParameters(f, config),
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

/**
 * Writes `<name>.json`, `<name>.md` and the confusion heat maps (`<name>-confusion.svg`, and
 * `<name>-unipen-confusion.svg` with UNIPEN results) into `dir`; returns the JSON's path.
 */
export async function writeBaselineReport(dir: string, report: ClassifierReport): Promise<string> {
  const { name } = report;
  const svg = {
    mnist: `${name}-confusion.svg`,
    unipen: report.unipen ? `${name}-unipen-confusion.svg` : undefined,
  };
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, svg.mnist),
    confusionSvg(report.confusionMatrix, { title: `${name}: MNIST test set` }),
  );
  if (report.unipen && svg.unipen) {
    await writeFile(
      join(dir, svg.unipen),
      confusionSvg(report.unipen.confusionMatrix, { title: `${name}: ${HELD_OUT_UNIPEN}` }),
    );
  }
  const json = join(dir, `${name}.json`);
  await writeFile(json, formatJson(report));
  const md = classifierMarkdown(report, {
    heading: '#',
    testSetName: 'MNIST test set',
    unipenName: HELD_OUT_UNIPEN,
    svg,
  });
  await writeFile(join(dir, `${name}.md`), `${md.trimEnd()}\n`);
  return json;
}
