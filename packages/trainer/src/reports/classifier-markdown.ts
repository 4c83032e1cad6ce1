import type { ClassifierReport } from './classifier-report.js';
import { confusionMarkdown, formatPercent, perClassMarkdown } from './render.js';

const KB = 1024;
const MB = 1024 * 1024;

/** Sizes in KB below 1 MB, else in MB: `5912168` → `5.64 MB`. */
export function formatBytes(bytes: number): string {
  return bytes < MB ? `${(bytes / KB).toFixed(1)} KB` : `${(bytes / MB).toFixed(2)} MB`;
}

/** Milliseconds with two significant digits (`0.00041`, `0.054`, `1.2`), whole from 10 up. */
export function formatMs(ms: number): string {
  return ms >= 10 ? ms.toFixed(0) : ms.toPrecision(2);
}

/** `12.7 s`, `12.7 s (20.1 s CPU)`, or "not recorded" when the fit time is unknown. */
export function formatFitTime(c: ClassifierReport): string {
  if (c.fitSeconds === null) return 'not recorded';
  const cpu = c.fitCpuSeconds === undefined ? '' : ` (${c.fitCpuSeconds.toFixed(1)} s CPU)`;
  return `${c.fitSeconds.toFixed(1)} s${cpu}`;
}

/** "140000 parameters" for a network, "7873 nodes" for trees, "—" when neither is known. */
export function modelSize(c: ClassifierReport): string {
  if (c.parameters !== undefined) return `${c.parameters} parameters`;
  if (c.nodes !== undefined) return `${c.nodes} nodes`;
  return '—';
}

/** Options of {@link classifierMarkdown}. */
export interface ClassifierMarkdownOptions {
  /** Markdown heading marks of the section, e.g. `#` or `###`. */
  readonly heading: string;
  /** Name of the set `accuracy` is measured on. */
  readonly testSetName: string;
  /** Name of the set `unipen` is measured on. */
  readonly unipenName: string;
  /** Confusion heat maps to show, as paths relative to the Markdown file. */
  readonly svg?: { readonly mnist?: string; readonly unipen?: string };
}

/**
 * One classifier's report as Markdown: settings, the headline figures, per-digit precision and
 * recall, the confusion matrix (table and heat map), then the same on UNIPEN when present.
 */
export function classifierMarkdown(c: ClassifierReport, o: ClassifierMarkdownOptions): string {
  const parts = [`${o.heading} ${c.name}${c.description ? `: ${c.description}` : ''}`, ''];
  if (c.command) parts.push(`Produced by \`${c.command}\`.`, '');
  if (c.hyperParameters && c.hyperParameters.length > 0) {
    const items = c.hyperParameters.map((h) => `${h.name} = ${h.value ?? 'unlimited'}`);
    parts.push(`Settings: ${items.join(', ')}.`, '');
  }
  parts.push(
    `**${o.testSetName}**: ${formatPercent(c.accuracy)} correct. Fit time ${formatFitTime(c)}, ` +
      `${formatMs(c.predictMsPerImage)} ms per image to predict, model ${formatBytes(c.modelBytes)} ` +
      `(${modelSize(c)}).`,
    '',
    perClassMarkdown(c.perClass),
    '',
    confusionMarkdown(c.confusionMatrix),
    '',
  );
  if (o.svg?.mnist)
    parts.push(`![${c.name} confusion matrix, ${o.testSetName}](${o.svg.mnist})`, '');
  if (c.unipen) {
    parts.push(
      `**${o.unipenName}** (${c.unipen.count} digits): ${formatPercent(c.unipen.accuracy)} correct.`,
      '',
      perClassMarkdown(c.unipen.perClass),
      '',
      confusionMarkdown(c.unipen.confusionMatrix),
      '',
    );
    if (o.svg?.unipen) {
      parts.push(`![${c.name} confusion matrix, ${o.unipenName}](${o.svg.unipen})`, '');
    }
  }
  return parts.join('\n');
}
