import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PIXELS } from '../data/mnist.js';
import { HELD_OUT_UNIPEN } from '../data/unipen.js';
import type { Misclassified, TestEvaluation, UnipenEvaluation } from '../evaluation/cnn.js';
import type { ClassMetrics } from '../evaluation/metrics.js';
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
  /** The CNN alone on the held-out writers' strokes (drawn into the MNIST layout). */
  unipen?: UnipenEvaluation;
  /**
   * The trajectory model alone on the same strokes, and the two views fused: what `recognize`
   * answers for strokes. Absent when the evaluation ran without a trajectory model.
   */
  unipenViews?: { trajectory: UnipenEvaluation; fused: UnipenEvaluation };
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
  unipen?: UnipenEvaluation;
}

/** One row of the side-by-side table: a name, MNIST accuracy (or null) and UNIPEN figures. */
function viewRow(name: string, mnist: number | null, u: UnipenEvaluation | undefined): string {
  const minRecall = u ? Math.min(...u.perClass.map((c) => c.recall)) : null;
  const weakest = u ? u.perClass.find((c) => c.recall === minRecall)!.digit : null;
  return `| ${name} | ${mnist === null ? '—' : formatPercent(mnist)} | ${u ? formatPercent(u.accuracy) : '—'} | ${u ? `${formatPercent(minRecall!)} (${weakest})` : '—'} |`;
}

/** The side-by-side table of evaluation.md: each model and each view, in one run. */
function sideBySideMarkdown(e: CnnEvaluation): string[] {
  if (!e.unipenViews && !e.baseline) return [];
  const views = e.unipenViews;
  const rows = [
    ...(views ? [viewRow('both views fused (what strokes get)', null, views.fused)] : []),
    viewRow('CNN alone (what images get)', e.accuracy, e.unipen),
    ...(views ? [viewRow('trajectory model alone', null, views.trajectory)] : []),
  ];
  if (e.baseline) rows.push(viewRow(e.baseline.label, e.baseline.accuracy, e.baseline.unipen));
  return [
    '## Side by side (one run)',
    '',
    `| model / view | MNIST test | ${HELD_OUT_UNIPEN} | lowest recall (digit) |`,
    '|---|---:|---:|---:|',
    ...rows,
    '',
    'The trajectory model reads only strokes: MNIST (images) is read by the CNN alone.',
    '',
  ];
}

/** Per-class figures and confusion matrix of one view on the held-out writers. */
function unipenViewMarkdown(title: string, u: UnipenEvaluation, svg: string): string[] {
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

/** reports/cnn/evaluation.md: the human-readable side of evaluation.json. */
export function cnnEvaluationMarkdown(e: CnnEvaluation): string {
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
  if (e.unipen) {
    const u = e.unipen;
    lines.push(
      `## Real pen-drawn digits (${HELD_OUT_UNIPEN}): ${formatPercent(u.accuracy)} of ${u.count}`,
      '',
      `Strokes from ${u.writers} writers, drawn into the MNIST layout by \`preprocessStrokes\` from @digit-canvas/core (the code the element runs).`,
      '',
      perClassMarkdown(u.perClass),
      '',
      `Writers with the lowest accuracy (at least ${u.minWriterSamples} digits each):`,
      '',
      '| writer | accuracy | digits |',
      '|---|---:|---:|',
      ...u.worstWriters.map((w) => `| ${w.writer} | ${formatPercent(w.accuracy)} | ${w.count} |`),
      '',
      'Confusion matrix, heat map in [unipen-confusion.svg](unipen-confusion.svg):',
      '',
      confusionMarkdown(u.confusionMatrix),
      '',
    );
  }
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
      ...(b.unipen
        ? unipenViewMarkdown(`${HELD_OUT_UNIPEN}`, b.unipen, 'baseline-unipen-confusion.svg')
        : []),
    );
  }
  if (e.unipenViews) {
    lines.push(
      `## The pen path: the trajectory model, and both views fused`,
      '',
      `The trajectory model (\`${e.trajectoryModel}\`) reads the same strokes resampled along the pen path (\`trajectoryFeatures\` from @digit-canvas/core); \`recognize\` answers with the normalised product of both views' probabilities.`,
      '',
      ...unipenViewMarkdown('Both views fused', e.unipenViews.fused, 'fused-confusion.svg'),
      ...unipenViewMarkdown(
        'Trajectory model alone',
        e.unipenViews.trajectory,
        'trajectory-confusion.svg',
      ),
    );
  }
  return lines.join('\n');
}

/** What {@link cnnEvaluation} puts together. */
export interface CnnEvaluationInput {
  readonly test: TestEvaluation;
  readonly unipen?: UnipenEvaluation;
  readonly unipenViews?: CnnEvaluation['unipenViews'];
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
    ...(input.unipen ? { unipen: input.unipen } : {}),
    ...(input.unipenViews ? { unipenViews: input.unipenViews } : {}),
    ...(input.trajectoryModel ? { trajectoryModel: input.trajectoryModel } : {}),
    ...(input.baseline ? { baseline: input.baseline } : {}),
  };
}

/**
 * Writes evaluation.json, evaluation.md, confusion.svg, misclassified.svg (drawn from
 * `testImages`, the test images the evaluation saw) and, with UNIPEN results,
 * unipen-confusion.svg into `dir`.
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
  if (e.unipen) {
    await writeFile(
      join(dir, 'unipen-confusion.svg'),
      confusionSvg(e.unipen.confusionMatrix, {
        title: `CNN on ${HELD_OUT_UNIPEN}: ${formatPercent(e.unipen.accuracy)}`,
      }),
    );
  }
  if (e.baseline?.unipen) {
    await writeFile(
      join(dir, 'baseline-unipen-confusion.svg'),
      confusionSvg(e.baseline.unipen.confusionMatrix, {
        title: `${e.baseline.label} on ${HELD_OUT_UNIPEN}: ${formatPercent(e.baseline.unipen.accuracy)}`,
      }),
    );
  }
  if (e.unipenViews) {
    const { fused, trajectory } = e.unipenViews;
    await writeFile(
      join(dir, 'fused-confusion.svg'),
      confusionSvg(fused.confusionMatrix, {
        title: `Both views fused on ${HELD_OUT_UNIPEN}: ${formatPercent(fused.accuracy)}`,
      }),
    );
    await writeFile(
      join(dir, 'trajectory-confusion.svg'),
      confusionSvg(trajectory.confusionMatrix, {
        title: `Trajectory model on ${HELD_OUT_UNIPEN}: ${formatPercent(trajectory.accuracy)}`,
      }),
    );
  }
}
