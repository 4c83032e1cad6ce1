import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { TrainingReport } from '../train/history.js';

/** Writes training.json and training.md into `dir`. */
export async function writeTrainingReport(dir: string, report: TrainingReport): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'training.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'training.md'), trainingMarkdown(report));
}

export function trainingMarkdown(r: TrainingReport): string {
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  const workers = r.config.workers ?? 1; // absent in reports of older trainer versions
  const rows = r.history.map(
    (e) =>
      `| ${e.epoch} | ${e.loss.toFixed(4)} | ${pct(e.accuracy)} | ${e.valLoss.toFixed(4)} | ${pct(e.valAccuracy)} | ${e.learningRate.toExponential(2)} | ${e.seconds.toFixed(0)} | ${e.samplesPerSec.toFixed(0)} |`,
  );
  return [
    '# CNN training run',
    '',
    `- Command: \`${r.provenance.command}\``,
    `- Commit: ${r.provenance.commit}${r.provenance.dirty ? ' (with local changes)' : ''}; ${r.provenance.date}`,
    `- Machine: ${r.provenance.cpu}, ${r.provenance.cores} cores, Node ${r.provenance.node}, tfjs backend \`${r.backend}\``,
    `- Data: ${r.trainCount} training images (augmented every epoch${r.strokeCount ? `; ${r.strokeCount} of them pen-drawn digits of UNIPEN's training writers, drawn by preprocessStrokes` : ''}), ${r.validationCount} held out for validation`,
    `- Parameters: ${r.parameters.toLocaleString('en-US')}; seed ${r.config.seed}; batch ${r.config.batchSize} on ${workers} worker${workers > 1 ? 's' : ''}; one-cycle peak learning rate ${r.config.learningRate}; label smoothing ${r.config.labelSmoothing}`,
    `- Augmentation: ${JSON.stringify(r.config.augment)}`,
    `- Training time: ${(r.fitSeconds / 60).toFixed(1)} min (${r.samplesPerSec.toFixed(0)} samples/s)` +
      (r.fitCpuSeconds ? `, ${(r.fitCpuSeconds / 60).toFixed(1)} min of CPU time` : ''),
    `- Best epoch: ${r.bestEpoch} (validation accuracy ${pct(r.bestValAccuracy)})${r.stoppedEarly ? '; stopped early' : ''}`,
    '',
    '| epoch | loss | accuracy | val loss | val accuracy | last lr | seconds | samples/s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
