import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PIXELS } from '../data/mnist.js';
import type {
  HeldOutEvaluation,
  Misclassified,
  TestEvaluation,
  UnipenEvaluation,
} from '../evaluation/cnn.js';
import type { HeldOutResult } from '../evaluation/held-out.js';
import type { ClassMetrics } from '../evaluation/metrics.js';
import { unipen as unipenSet } from '../held-out/unipen.js';
import type { ModelFiles } from '../model/export.js';
import type { Provenance } from '../provenance.js';
import type { TrainingReport } from '../train/history.js';
import { gallerySvg } from './gallery.js';
import { confusionMarkdown, confusionSvg, formatPercent, perClassMarkdown } from './render.js';

/** Misclassified digits drawn in misclassified.svg at most, so a poor model's file stays small. */
const GALLERY_LIMIT = 200;

/** reports/cnn/evaluation.json. */
export interface CnnEvaluation {
  name: 'cnn';
  /** One line saying what the classifier is (shown by `report`). */
  description: string;
  /** The command that produced this report. */
  command: string;
  /** Training settings, from the training report when there is one. */
  hyperParameters: { name: string; value: number | string | null }[];
  provenance: Provenance;
  modelDir: string;
  backend: string;
  /** How the weights are stored: float32, float16 or uint8. */
  weightFormat: string;
  parameters: number;
  /** Bytes of the weight file(s). */
  modelBytes: number;
  /** Bytes of model.json. */
  topologyBytes: number;
  /** Training wall time from the training report, seconds (null when unknown). */
  fitSeconds: number | null;
  /** CPU seconds of the training, when the training report has them. */
  fitCpuSeconds?: number;
  testCount: number;
  accuracy: number;
  confusionMatrix: number[][];
  perClass: ClassMetrics[];
  /** Median time to predict a single image (batch of 1), ms. */
  predictMsPerImage: number;
  /** Time per image when predicting the test set in batches of 500, ms. */
  batchMsPerImage: number;
  misclassified: Misclassified[];
  /**
   * Each held-out set (src/held-out/registry.ts), in order: the CNN alone on its image view, and
   * for a set with strokes the trajectory model alone and both views fused (what `recognize`
   * answers for strokes) when the evaluation had a trajectory model. Absent without `--strokes`.
   */
  heldOut?: HeldOutResult[];
  /** The trajectory model's URL or path, when there was one. */
  trajectoryModel?: string;
  /** Another model measured in the same run (`evaluate --baseline`), e.g. the one replaced. */
  baseline?: BaselineEvaluation;
}

/** A model compared side by side in one run: its MNIST test and held-out writers' figures. */
export interface BaselineEvaluation {
  modelDir: string;
  /** What the model is, e.g. `the CNN before strokes were learnt (MNIST alone)`. */
  label: string;
  accuracy: number;
  perClass: ClassMetrics[];
  /** On the MNIST test set, `[true][predicted]`. */
  confusionMatrix: number[][];
  /** The same held-out sets, the image view only (`views.image`). */
  heldOut?: HeldOutResult[];
}

/**
 * evaluation.json as trainers before held-out sets wrote it: UNIPEN's figures in `unipen`,
 * `unipenViews` and `baseline.unipen`. {@link upgradeCnnEvaluation} reads it.
 */
export interface LegacyCnnEvaluation extends Omit<CnnEvaluation, 'heldOut' | 'baseline'> {
  unipen?: UnipenEvaluation;
  unipenViews?: { trajectory: UnipenEvaluation; fused: UnipenEvaluation };
  baseline?: Omit<BaselineEvaluation, 'heldOut'> & { unipen?: UnipenEvaluation };
}

function unipenResult(views: HeldOutResult['views']): HeldOutResult {
  return { id: unipenSet.id, title: unipenSet.title, description: unipenSet.description, views };
}

/**
 * The migration of an older evaluation.json to held-out sets: the same figures, UNIPEN's moved
 * into `heldOut` (its `image` view from `unipen`, `trajectory` and `fused` from `unipenViews`; the
 * baseline's from `baseline.unipen`), every other field and the fields' order kept. A report that
 * already has `heldOut` comes back as it is.
 */
export function upgradeCnnEvaluation(raw: CnnEvaluation | LegacyCnnEvaluation): CnnEvaluation {
  if (!('unipen' in raw || 'unipenViews' in raw || (raw.baseline && 'unipen' in raw.baseline))) {
    return raw as CnnEvaluation;
  }
  const legacy = raw as LegacyCnnEvaluation;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(legacy)) {
    if (key === 'unipenViews') continue;
    if (key === 'unipen') {
      if (legacy.unipen) {
        const views = legacy.unipenViews;
        out.heldOut = [unipenResult({ image: legacy.unipen, ...(views ?? {}) })];
      }
    } else if (key === 'baseline' && legacy.baseline) {
      const { unipen, ...baseline } = legacy.baseline;
      out.baseline = {
        ...baseline,
        ...(unipen ? { heldOut: [unipenResult({ image: unipen })] } : {}),
      };
    } else out[key] = value;
  }
  return out as unknown as CnnEvaluation;
}

/** The lowest recall of `u` and its digit: `97.23% (4)`. */
function lowestRecall(u: HeldOutEvaluation): string {
  const min = Math.min(...u.perClass.map((c) => c.recall));
  return `${formatPercent(min)} (${u.perClass.find((c) => c.recall === min)!.digit})`;
}

/** One row of the side-by-side table: a name, MNIST accuracy (or null) and each set's figures. */
function viewRow(
  name: string,
  mnist: number | null,
  perSet: readonly (HeldOutEvaluation | undefined)[],
): string {
  const cells = perSet.flatMap((u) =>
    u ? [formatPercent(u.accuracy), lowestRecall(u)] : ['—', '—'],
  );
  return `| ${name} | ${mnist === null ? '—' : formatPercent(mnist)} | ${cells.join(' | ')} |`;
}

/** The baseline's figures on the set `id`, if it was measured on it. */
function baselineOn(e: CnnEvaluation, id: string): HeldOutEvaluation | undefined {
  return e.baseline?.heldOut?.find((h) => h.id === id)?.views.image;
}

/** The side-by-side table of evaluation.md: each model and each view on each set, in one run. */
function sideBySideMarkdown(e: CnnEvaluation): string[] {
  const sets = e.heldOut ?? [];
  const hasViews = sets.some((h) => h.views.fused || h.views.trajectory);
  if (!hasViews && !e.baseline) return [];
  const rows = [
    ...(sets.some((h) => h.views.fused)
      ? [
          viewRow(
            'both views fused (what strokes get)',
            null,
            sets.map((h) => h.views.fused),
          ),
        ]
      : []),
    viewRow(
      'CNN alone (what images get)',
      e.accuracy,
      sets.map((h) => h.views.image),
    ),
    ...(sets.some((h) => h.views.trajectory)
      ? [
          viewRow(
            'trajectory model alone',
            null,
            sets.map((h) => h.views.trajectory),
          ),
        ]
      : []),
  ];
  if (e.baseline) {
    rows.push(
      viewRow(
        e.baseline.label,
        e.baseline.accuracy,
        sets.map((h) => baselineOn(e, h.id)),
      ),
    );
  }
  return [
    '## Side by side (one run)',
    '',
    `| model / view | MNIST test | ${sets.map((h) => `${h.title} | lowest recall (digit)`).join(' | ')} |`,
    `|---|---:|${sets.map(() => '---:|---:|').join('')}`,
    ...rows,
    '',
    'The trajectory model reads only strokes: MNIST (images) is read by the CNN alone.',
    '',
  ];
}

/** Per-class figures and confusion matrix of one view on a held-out set. */
function heldOutViewMarkdown(title: string, u: HeldOutEvaluation, svg: string): string[] {
  return [
    `### ${title}: ${formatPercent(u.accuracy)} of ${u.count}`,
    '',
    perClassMarkdown(u.perClass),
    '',
    `Confusion matrix, heat map in [${svg}](${svg}):`,
    '',
    confusionMarkdown(u.confusionMatrix),
    '',
  ];
}

/** The SVG heat maps of the held-out sets, by file name, as {@link writeHeldOutSvgs} names them. */
export const heldOutSvg = {
  image: (id: string) => `${id}-confusion.svg`,
  trajectory: (id: string) => `${id}-trajectory-confusion.svg`,
  fused: (id: string) => `${id}-fused-confusion.svg`,
  baseline: (id: string) => `baseline-${id}-confusion.svg`,
};

/** The CNN's section on one held-out set: per digit, the worst writers, the confusion matrix. */
function heldOutMarkdown(h: HeldOutResult): string[] {
  const u = h.views.image;
  const svg = heldOutSvg.image(h.id);
  return [
    `## ${h.title}: ${formatPercent(u.accuracy)} of ${u.count}`,
    '',
    `${h.description} ${u.count} digits by ${u.writers} writers; the CNN alone (the image view):`,
    '',
    perClassMarkdown(u.perClass),
    '',
    `Writers with the lowest accuracy (at least ${u.minWriterSamples} digits each):`,
    '',
    '| writer | accuracy | digits |',
    '|---|---:|---:|',
    ...u.worstWriters.map((w) => `| ${w.writer} | ${formatPercent(w.accuracy)} | ${w.count} |`),
    '',
    `Confusion matrix, heat map in [${svg}](${svg}):`,
    '',
    confusionMarkdown(u.confusionMatrix),
    '',
  ];
}

/** reports/cnn/evaluation.md: the human-readable side of evaluation.json. */
export function cnnEvaluationMarkdown(e: CnnEvaluation): string {
  const sets = e.heldOut ?? [];
  const lines = [
    '# CNN evaluation',
    '',
    `- Model: \`${e.modelDir}\` (${e.parameters.toLocaleString('en-US')} parameters, ${e.weightFormat} weights: ${(e.modelBytes / 1024).toFixed(1)} KiB + ${(e.topologyBytes / 1024).toFixed(1)} KiB model.json)`,
    `- Command: \`${e.provenance.command}\` at ${e.provenance.commit}${e.provenance.dirty ? ' (with local changes)' : ''}, ${e.provenance.date}`,
    `- Backend: tfjs \`${e.backend}\` on ${e.provenance.cpu} (${e.provenance.cores} cores), Node ${e.provenance.node}`,
    e.fitSeconds === null
      ? '- Training time: unknown (no training report)'
      : `- Training time: ${(e.fitSeconds / 60).toFixed(1)} min`,
    `- Prediction: ${e.predictMsPerImage.toFixed(2)} ms for one image (median), ${e.batchMsPerImage.toFixed(3)} ms per image in batches of 500`,
    `- Held-out sets: ${sets.length ? sets.map((h) => h.title).join('; ') : 'none (run with --strokes)'}`,
    '',
    ...sideBySideMarkdown(e),
    `## MNIST test set: ${formatPercent(e.accuracy)} (${e.testCount - e.misclassified.length} of ${e.testCount})`,
    '',
    perClassMarkdown(e.perClass),
    '',
    'Confusion matrix (rows: true digit, columns: prediction); heat map in [confusion.svg](confusion.svg), the',
    `${e.misclassified.length} misclassified digits in [misclassified.svg](misclassified.svg).`,
    '',
    confusionMarkdown(e.confusionMatrix),
    '',
  ];
  for (const h of sets) lines.push(...heldOutMarkdown(h));
  if (e.baseline) {
    const b = e.baseline;
    lines.push(
      `## Baseline: ${b.label} (\`${b.modelDir}\`), measured in the same run`,
      '',
      `### MNIST test set: ${formatPercent(b.accuracy)}`,
      '',
      perClassMarkdown(b.perClass),
      '',
      confusionMarkdown(b.confusionMatrix),
      '',
      ...(b.heldOut ?? []).flatMap((h) =>
        heldOutViewMarkdown(h.title, h.views.image, heldOutSvg.baseline(h.id)),
      ),
    );
  }
  for (const h of sets) {
    const { fused, trajectory } = h.views;
    if (!fused && !trajectory) continue;
    lines.push(
      `## ${h.title}: the pen path, the trajectory model and both views fused`,
      '',
      `The trajectory model (\`${e.trajectoryModel}\`) reads the same strokes resampled along the pen path (\`trajectoryFeatures\` from @digit-canvas/core); \`recognize\` answers with the normalised product of both views' probabilities.`,
      '',
      ...(fused ? heldOutViewMarkdown('Both views fused', fused, heldOutSvg.fused(h.id)) : []),
      ...(trajectory
        ? heldOutViewMarkdown('Trajectory model alone', trajectory, heldOutSvg.trajectory(h.id))
        : []),
    );
  }
  return lines.join('\n');
}

/** What {@link cnnEvaluation} puts together. */
export interface CnnEvaluationInput {
  readonly test: TestEvaluation;
  /** Each held-out set's figures (empty or absent without `--strokes`). */
  readonly heldOut?: readonly HeldOutResult[];
  readonly trajectoryModel?: string;
  readonly baseline?: BaselineEvaluation;
  /** The model folder's files, as {@link ModelFiles} describes them. */
  readonly files: ModelFiles;
  /** The run's training report when there is one (an older trainer's may lack fields). */
  readonly training?: Partial<TrainingReport>;
  readonly provenance: Provenance;
  /** The model folder as the report names it (see reportPath). */
  readonly modelDir: string;
  readonly backend: string;
}

/** reports/cnn/evaluation.json from the measurements, the model's files and its training. */
export function cnnEvaluation(input: CnnEvaluationInput): CnnEvaluation {
  const { test, files, training, provenance } = input;
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
  return {
    name: 'cnn',
    description: `CNN, 5 conv layers (batch norm folded) + global average pooling, ${files.parameters.toLocaleString('en-US')} parameters, ${files.weightFormat} weights, trained on augmented MNIST${training?.strokeCount ? ` and ${training.strokeCount.toLocaleString('en-US')} pen-drawn UNIPEN digits` : ''}`,
    command: provenance.command,
    hyperParameters,
    provenance,
    modelDir: input.modelDir,
    backend: input.backend,
    ...files,
    fitSeconds: training?.fitSeconds ?? null,
    ...(training?.fitCpuSeconds ? { fitCpuSeconds: training.fitCpuSeconds } : {}),
    testCount: test.count,
    accuracy: test.accuracy,
    confusionMatrix: test.confusionMatrix,
    perClass: test.perClass,
    predictMsPerImage: test.predictMsPerImage,
    batchMsPerImage: test.batchMsPerImage,
    misclassified: test.misclassified,
    ...(input.heldOut?.length ? { heldOut: [...input.heldOut] } : {}),
    ...(input.trajectoryModel ? { trajectoryModel: input.trajectoryModel } : {}),
    ...(input.baseline ? { baseline: input.baseline } : {}),
  };
}

/**
 * Writes evaluation.json, evaluation.md, confusion.svg, misclassified.svg (drawn from
 * `testImages`, the test images the evaluation saw) and each held-out set's heat maps
 * ({@link writeHeldOutSvgs}) into `dir`.
 */
export async function writeCnnEvaluation(
  dir: string,
  e: CnnEvaluation,
  testImages: Float32Array,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'evaluation.json'), `${JSON.stringify(e, null, 2)}\n`);
  await writeFile(join(dir, 'evaluation.md'), cnnEvaluationMarkdown(e));
  await writeFile(
    join(dir, 'confusion.svg'),
    confusionSvg(e.confusionMatrix, {
      title: `CNN on the MNIST test set: ${formatPercent(e.accuracy)}`,
    }),
  );
  const items = e.misclassified.slice(0, GALLERY_LIMIT).map((m) => ({
    pixels: testImages.subarray(m.index * PIXELS, (m.index + 1) * PIXELS),
    label: m.label,
    predicted: m.predicted,
    confidence: m.confidence,
    caption: `test #${m.index}`,
  }));
  await writeFile(
    join(dir, 'misclassified.svg'),
    gallerySvg(
      items,
      items.length < e.misclassified.length
        ? `The first ${items.length} of ${e.misclassified.length} misclassified MNIST test digits (true → predicted)`
        : `The ${items.length} misclassified MNIST test digits (true → predicted)`,
    ),
  );
  await writeHeldOutSvgs(dir, e);
}

/**
 * The held-out sets' heat maps: `<id>-confusion.svg` (the CNN), `<id>-fused-confusion.svg` and
 * `<id>-trajectory-confusion.svg` (the other views, when measured) and
 * `baseline-<id>-confusion.svg` (the baseline), all drawn from `e`'s confusion matrices.
 */
export async function writeHeldOutSvgs(dir: string, e: CnnEvaluation): Promise<void> {
  const write = (file: string, u: HeldOutEvaluation, title: string) =>
    writeFile(
      join(dir, file),
      confusionSvg(u.confusionMatrix, { title: `${title}: ${formatPercent(u.accuracy)}` }),
    );
  for (const h of e.heldOut ?? []) {
    const { image, fused, trajectory } = h.views;
    await write(heldOutSvg.image(h.id), image, `CNN on ${h.title}`);
    if (fused) await write(heldOutSvg.fused(h.id), fused, `Both views fused on ${h.title}`);
    if (trajectory) {
      await write(heldOutSvg.trajectory(h.id), trajectory, `Trajectory model on ${h.title}`);
    }
  }
  for (const h of e.baseline?.heldOut ?? []) {
    await write(heldOutSvg.baseline(h.id), h.views.image, `${e.baseline!.label} on ${h.title}`);
  }
}
