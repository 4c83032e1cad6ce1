// reports/adapt/adapt.json and adapt.md: each setting's accuracy without and with a writer's
// profile, over all held-out writers, over those with at least 100 digits, and per writer.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { PROFILE_ACCEPT_BELOW } from '@digit-canvas/core';

import {
  type AdaptSetting,
  type AdaptSummary,
  LARGE_WRITER_DIGITS,
} from '../evaluation/adapt.js';
import type { Provenance } from '../provenance.js';
import { formatJson } from './json.js';
import { formatPercent } from './render.js';

/** What `evaluate --adapt` writes to adapt.json. */
export interface AdaptReport {
  kind: 'adapt';
  /** The protocol the figures follow (fixed before the first run on the held-out writers). */
  protocol: string;
  /** The digits measured on. */
  set: { title: string; writers: number; digits: number };
  /** A right answer below this confidence is accepted and learnt. */
  acceptBelow: number;
  /** Writers with at least this many digits are also reported on their own. */
  largeWriterDigits: number;
  settings: AdaptSetting[];
  provenance: Provenance;
}

export function adaptReport(
  set: { title: string; writers: number; digits: number },
  settings: AdaptSetting[],
  provenance: Provenance,
): AdaptReport {
  return {
    kind: 'adapt',
    protocol: 'reports/adapt/PROTOCOL.md',
    set,
    acceptBelow: PROFILE_ACCEPT_BELOW,
    largeWriterDigits: LARGE_WRITER_DIGITS,
    settings,
    provenance,
  };
}

/** Errors halved or better is `×2.0`: how many times fewer errors the profile leaves. */
function errorRatio(s: AdaptSummary): string {
  if (s.errorsWith === 0) return s.errorsWithout === 0 ? '–' : 'all fixed';
  return `÷${(s.errorsWithout / s.errorsWith).toFixed(2)}`;
}

function summaryRow(label: string, s: AdaptSummary): string {
  return `| ${label} | ${s.writers} | ${s.digits} | ${formatPercent(s.accuracyWithout)} (${s.errorsWithout}) | ${formatPercent(s.accuracyWith)} (${s.errorsWith}) | ${errorRatio(s)} | ${s.corrections} | ${s.accepted} |`;
}

/** adapt.md: the settings side by side, then each setting's writers. */
export function adaptMarkdown(report: AdaptReport): string {
  const lines = [
    "# Learning each writer's hand",
    '',
    `${report.set.title}: ${report.set.digits} digits by ${report.set.writers} writers, each writer's digits in file order with a fresh \`WriterProfile\`: every misread digit corrected and learnt, every right one below ${report.acceptBelow} confidence accepted and learnt (the protocol: ${report.protocol}). Accuracy counts every digit, those before any correction included.`,
    '',
    '| setting / writers | writers | digits | no profile (errors) | with profile (errors) | errors | corrections | accepted |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of report.settings) {
    lines.push(summaryRow(`${s.title}: all`, s.all));
    lines.push(summaryRow(`${s.title}: ≥ ${report.largeWriterDigits} digits`, s.large));
  }
  for (const s of report.settings) {
    const worse = s.writers.filter((w) => w.errorsWith > w.errorsWithout);
    lines.push(
      '',
      `## ${s.title}`,
      '',
      `Model: \`${s.model}\`${s.trajectoryModel ? `, trajectory model \`${s.trajectoryModel}\`` : ''}.`,
      '',
      worse.length === 0
        ? 'No writer is read worse with the profile than without.'
        : `Read worse with the profile: ${worse.map((w) => `${w.writer} (${w.errorsWithout} → ${w.errorsWith} errors of ${w.digits})`).join(', ')}.`,
      '',
      '| writer | digits | errors without | errors with | corrections | accepted |',
      '|---|---|---|---|---|---|',
      ...s.writers.map(
        (w) =>
          `| ${w.writer} | ${w.digits} | ${w.errorsWithout} | ${w.errorsWith} | ${w.corrections} | ${w.accepted} |`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes adapt.json and adapt.md into `out`. */
export async function writeAdaptReport(out: string, report: AdaptReport): Promise<void> {
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'adapt.json'), formatJson(report));
  await writeFile(join(out, 'adapt.md'), adaptMarkdown(report));
}
