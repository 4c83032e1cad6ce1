import { HELD_OUT_UNIPEN } from '../data/unipen.js';
import {
  classifierMarkdown,
  formatBytes,
  formatFitTime,
  formatMs,
  modelSize,
} from './classifier-markdown.js';
import type { ClassifierReport } from './classifier-report.js';
import { formatPercent } from './render.js';

/** One classifier in the comparison: its evaluation report plus where it came from. */
export type ComparedClassifier = ClassifierReport & {
  /** The evaluation file, relative to the reports folder. */
  readonly source: string;
  /** Confusion heat maps (relative to the reports folder), when they exist. */
  readonly svg?: { readonly mnist?: string; readonly unipen?: string };
};

/** `reports/comparison.json`. */
export interface Comparison {
  readonly generatedAt: string;
  /** The set every classifier's `accuracy` is measured on. */
  readonly testSet: { readonly name: string; readonly count: number };
  readonly classifiers: ComparedClassifier[];
  /**
   * How the classifiers hold up on real pen-drawn digits, best first; null when no classifier
   * was evaluated on them.
   */
  readonly unipen: {
    readonly name: string;
    readonly count: number;
    readonly preprocessing: string;
    readonly ranking: { readonly name: string; readonly accuracy: number; readonly drop: number }[];
  } | null;
  /** Evaluation files that were expected but not found (their classifier is left out). */
  readonly missing: string[];
}

/** Inputs of {@link buildComparison} besides the classifiers. */
export interface ComparisonContext {
  readonly generatedAt: string;
  readonly missing?: string[];
  /** How the UNIPEN strokes became classifier inputs. */
  readonly unipenPreprocessing: string;
}

/** Puts evaluation reports side by side; all must be on test sets of the same size. */
export function buildComparison(
  classifiers: ComparedClassifier[],
  context: ComparisonContext,
): Comparison {
  if (classifiers.length === 0) throw new RangeError('no classifier to compare');
  const count = classifiers[0].perClass.reduce((sum, c) => sum + c.support, 0);
  for (const c of classifiers) {
    const n = c.perClass.reduce((sum, p) => sum + p.support, 0);
    if (n !== count) {
      throw new RangeError(
        `${c.source} was tested on ${n} images, ${classifiers[0].source} on ${count}: compare on the same test set`,
      );
    }
  }
  const onUnipen = classifiers.filter((c) => c.unipen !== undefined);
  const unipenCounts = new Set(onUnipen.map((c) => c.unipen?.count));
  if (unipenCounts.size > 1) {
    throw new RangeError(
      `the UNIPEN results cover different numbers of digits (${[...unipenCounts].join(', ')}): evaluate all on the same file`,
    );
  }
  return {
    generatedAt: context.generatedAt,
    testSet: { name: 'MNIST test set', count },
    classifiers,
    unipen:
      onUnipen.length === 0
        ? null
        : {
            name: HELD_OUT_UNIPEN,
            count: onUnipen[0].unipen?.count ?? 0,
            preprocessing: context.unipenPreprocessing,
            ranking: onUnipen
              .map((c) => {
                const accuracy = c.unipen?.accuracy ?? 0;
                return { name: c.name, accuracy, drop: c.accuracy - accuracy };
              })
              .sort((a, b) => b.accuracy - a.accuracy),
          },
    missing: context.missing ?? [],
  };
}

/**
 * Renders the comparison as Markdown. Every figure is formatted from a number in `comparison`
 * (fractions as percentages, bytes as KB or MB), so the page never says what the JSON does not.
 */
export function comparisonMarkdown(comparison: Comparison): string {
  const { classifiers, testSet, unipen } = comparison;
  const lines = [
    '# Classifier comparison',
    '',
    `Generated ${comparison.generatedAt} by \`digit-canvas-train report\` from ${classifiers
      .map((c) => `\`${c.source}\``)
      .join(', ')}.`,
    '',
  ];
  if (comparison.missing.length > 0) {
    lines.push(
      `Not included (file missing): ${comparison.missing.map((m) => `\`${m}\``).join(', ')}.`,
      '',
    );
  }
  lines.push(
    `## ${testSet.name} (${testSet.count} images)`,
    '',
    '| classifier | accuracy | fit time | predict time per image | model size | parameters / nodes |',
    '|---|---:|---:|---:|---:|---:|',
    ...classifiers.map(
      (c) =>
        `| ${c.name} | ${formatPercent(c.accuracy)} | ${formatFitTime(c)} | ${formatMs(c.predictMsPerImage)} ms | ${formatBytes(c.modelBytes)} | ${modelSize(c)} |`,
    ),
    '',
  );
  if (unipen) {
    lines.push(
      `## Real pen-drawn digits: ${unipen.name} (${unipen.count} digits)`,
      '',
      `Preprocessing: ${unipen.preprocessing}`,
      '',
      '| classifier | UNIPEN accuracy | MNIST accuracy | drop from MNIST |',
      '|---|---:|---:|---:|',
      ...unipen.ranking.map((r) => {
        const c = classifiers.find((x) => x.name === r.name);
        return `| ${r.name} | ${formatPercent(r.accuracy)} | ${c ? formatPercent(c.accuracy) : '—'} | ${formatPercent(r.drop)} |`;
      }),
      '',
      `Best on writers who are not MNIST's: **${unipen.ranking[0].name}**.`,
      '',
    );
  }
  lines.push(
    '## Per classifier',
    '',
    ...classifiers.map((c) =>
      classifierMarkdown(c, {
        heading: '###',
        testSetName: testSet.name,
        unipenName: unipen?.name ?? 'UNIPEN',
        svg: c.svg,
      }),
    ),
  );
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
