import type { Misclassified, UnipenEvaluation } from '../evaluation/cnn.js';
import type { ClassMetrics } from '../evaluation/metrics.js';
import type { Provenance } from '../provenance.js';
import { confusionMarkdown, formatPercent, perClassMarkdown } from './render.js';

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
  unipen?: UnipenEvaluation;
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
      `## Real pen-drawn digits (UNIPEN 1a): ${formatPercent(u.accuracy)} of ${u.count}`,
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
  return lines.join('\n');
}
