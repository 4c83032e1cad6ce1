// How report figures read on the page. The trainer's reports name their units in their keys
// (accuracy as a fraction, sizes in bytes, times in ms or seconds); this is the one table of
// labels and formats for the keys the pages show.

/** `0.9705` → `97.05%`, the same two decimals as the trainer's Markdown reports. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/** `146_000` → `142.6 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Milliseconds with two significant digits below 10 ms: `0.000723` → `0.00072 ms`. */
export function formatMs(ms: number): string {
  return `${ms >= 10 ? ms.toFixed(0) : Number(ms.toPrecision(2))} ms`;
}

/** `168.65` → `168.7 s`, `3600` → `60.0 min`. */
export function formatSeconds(s: number): string {
  return s >= 600 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(1)} s`;
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A figure the pages know how to label, in the order they show them. */
interface FigureFormat {
  label: string;
  format: (v: number) => string;
  /** Which way is better, for marking the best in a column; absent: neither. */
  better?: 'higher' | 'lower';
}

export const FIGURES: Record<string, FigureFormat> = {
  accuracy: { label: 'MNIST test accuracy', format: formatPercent, better: 'higher' },
  unipenAccuracy: {
    label: 'UNIPEN accuracy (real pen-drawn digits, held-out writers)',
    format: formatPercent,
    better: 'higher',
  },
  modelBytes: { label: 'Model size', format: formatBytes, better: 'lower' },
  parameters: { label: 'Parameters', format: formatCount },
  nodes: { label: 'Tree nodes', format: formatCount },
  predictMsPerImage: { label: 'Predict time per image', format: formatMs, better: 'lower' },
  fitSeconds: { label: 'Fit time', format: formatSeconds, better: 'lower' },
  loss: { label: 'Training loss', format: (v) => v.toFixed(3) },
  valLoss: { label: 'Validation loss', format: (v) => v.toFixed(3) },
  valAccuracy: { label: 'Validation accuracy', format: formatPercent },
  learningRate: { label: 'Learning rate', format: (v) => v.toExponential(1) },
  samplesPerSec: { label: 'Training speed (samples/s)', format: formatCount },
};
