import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { defaultReportsDir } from '../paths.js';
import { parseClassifierReport } from '../reports/classifier-report.js';
import {
  buildComparison,
  type ComparedClassifier,
  comparisonMarkdown,
} from '../reports/comparison.js';
import { formatJson } from '../reports/json.js';
import type { Command } from './command.js';
import { stringOption } from './options.js';

/** The evaluation files compared, relative to the reports folder, in the order shown. */
const SOURCES = ['cnn/evaluation.json', 'baselines/forest.json', 'baselines/tree.json'];

const UNIPEN_PREPROCESSING =
  "strokes rendered by core's preprocessStrokes into the MNIST layout (floats, ink 1); the CNN " +
  'reads them as they are, the trees get round(value × 255), the byte levels they were fitted on.';

/**
 * The confusion heat maps beside an evaluation file: `<name>-confusion.svg` and
 * `<name>-unipen-confusion.svg` for the baselines; for the CNN, whatever SVGs `evaluate` wrote
 * into its folder, told apart by "unipen" in the name.
 */
function findSvgs(reports: string, source: string, name: string): ComparedClassifier['svg'] {
  const folder = source.slice(0, source.lastIndexOf('/'));
  const files = existsSync(join(reports, folder)) ? readdirSync(join(reports, folder)) : [];
  const svgs = files.filter(
    (f) => f.endsWith('.svg') && (folder !== 'baselines' || f.startsWith(`${name}-`)),
  );
  const mnist = svgs.find((f) => f.includes('confusion') && !f.includes('unipen'));
  const unipen = svgs.find((f) => f.includes('confusion') && f.includes('unipen'));
  return {
    ...(mnist ? { mnist: `${folder}/${mnist}` } : {}),
    ...(unipen ? { unipen: `${folder}/${unipen}` } : {}),
  };
}

/** `digit-canvas-train report`: the CNN, forest and tree side by side. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Compare the CNN, the random forest and the decision tree (comparison.json/.md)',
  usage: `Usage: digit-canvas-train report [options]

Reads the evaluation reports of the three classifiers, written by \`evaluate\` and \`baselines\`:
  reports/${SOURCES.join('\n  reports/')}
and writes reports/comparison.json and reports/comparison.md (rendered from the JSON): accuracy,
per-digit precision and recall, confusion matrices, fit time, predict time per image and model
size on the MNIST test set, and accuracy on the real pen-drawn UNIPEN digits. A classifier whose
file is missing is left out and listed under "missing".

Options:
  --reports DIR   the reports folder (default: reports/ at the repository root inside the
                  digit-canvas checkout, else reports/ in the current directory)

Example:
  digit-canvas-train report`,
  options: { reports: { type: 'string' } },
  async run(values) {
    const reports = resolve(stringOption(values, 'reports') ?? defaultReportsDir());
    const classifiers: ComparedClassifier[] = [];
    const missing: string[] = [];
    for (const source of SOURCES) {
      const path = join(reports, source);
      if (!existsSync(path)) {
        missing.push(`reports/${source}`);
        continue;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new Error(`cannot read ${path}: ${(error as Error).message}`);
      }
      const report = parseClassifierReport(raw, `reports/${source}`);
      classifiers.push({
        ...report,
        source: `reports/${source}`,
        svg: findSvgs(reports, source, report.name),
      });
    }
    if (classifiers.length === 0) {
      throw new Error(
        `no evaluation report found in ${reports}: run \`digit-canvas-train evaluate\` and \`digit-canvas-train baselines\` first`,
      );
    }
    for (const m of missing) console.warn(`warning: ${m} not found; its classifier is left out`);
    const comparison = buildComparison(classifiers, {
      generatedAt: new Date().toISOString(),
      missing,
      unipenPreprocessing: UNIPEN_PREPROCESSING,
    });
    await writeFile(join(reports, 'comparison.json'), formatJson(comparison));
    await writeFile(join(reports, 'comparison.md'), comparisonMarkdown(comparison));
    for (const c of comparison.classifiers) {
      const onUnipen = c.unipen ? `, UNIPEN ${(c.unipen.accuracy * 100).toFixed(2)}%` : '';
      console.log(`${c.name.padEnd(8)} MNIST ${(c.accuracy * 100).toFixed(2)}%${onUnipen}`);
    }
    console.log(`wrote ${join(reports, 'comparison.json')} and comparison.md`);
  },
};
