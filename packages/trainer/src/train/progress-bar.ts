import { createProgress } from '../progress.js';
import type { ProgressHooks } from './epoch.js';

/**
 * The progress display of both trainers' commands: a bar per epoch (loss, accuracy, speed and
 * learning rate of the epoch so far) on a terminal, plain lines in a log; `label` names the run
 * (e.g. `refit`). `stop()` ends the epoch's bar, before its summary line.
 */
export function epochProgressBar(
  epochs: number,
  label = '',
): Required<ProgressHooks> & { stop(): void } {
  const progress = createProgress('| loss {loss} acc {acc} | {speed} samples/s | lr {lr}');
  return {
    onEpochStart: (epoch, batches) =>
      progress.start(batches, `${label ? `${label} ` : ''}epoch ${epoch}/${epochs}`),
    onBatch: (p) =>
      progress.update(p.batch, {
        loss: p.loss.toFixed(4),
        acc: (100 * p.accuracy).toFixed(2),
        speed: p.samplesPerSec.toFixed(0),
        lr: p.learningRate.toExponential(2),
      }),
    stop: () => progress.stop(),
  };
}
