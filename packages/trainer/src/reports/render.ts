import { NUM_CLASSES } from '@digit-canvas/core';

import type { ClassMetrics } from '../evaluation/metrics.js';

/** Formats a fraction as a percentage with `digits` decimals, e.g. `0.9705` → `97.05%`. */
export function formatPercent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/**
 * `text` between the markers of `pnpm figures` (scripts/figures.mjs), which checks it against the
 * report figure `name` (e.g. `export.mnist.accuracy`: reports/cnn/export.json's `accuracy`).
 */
export function figure(name: string, text: string): string {
  return `<!-- figure: ${name} -->${text}<!-- /figure -->`;
}

function checkMatrix(matrix: readonly (readonly number[])[]): void {
  if (matrix.length !== NUM_CLASSES) {
    throw new RangeError(`confusion matrix must have ${NUM_CLASSES} rows, got ${matrix.length}`);
  }
  matrix.forEach((row, r) => {
    if (row.length !== NUM_CLASSES) {
      throw new RangeError(
        `confusion matrix row ${r} must have ${NUM_CLASSES} columns, got ${row.length}`,
      );
    }
    row.forEach((count, c) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(
          `confusion matrix [${r}][${c}] must be a non-negative integer count, got ${count}`,
        );
      }
    });
  });
}

/** A Markdown table of a 10×10 confusion matrix: rows are true digits, columns predictions. */
export function confusionMarkdown(matrix: readonly (readonly number[])[]): string {
  checkMatrix(matrix);
  const digits = [...Array(NUM_CLASSES).keys()];
  return [
    `| true \\ predicted | ${digits.join(' | ')} |`,
    `|---|${digits.map(() => '---:').join('|')}|`,
    ...matrix.map((row, truth) => {
      // Bold the diagonal so the correct counts stand out from the confusions.
      const cells = row.map((count, guess) => (guess === truth ? `**${count}**` : String(count)));
      return `| **${truth}** | ${cells.join(' | ')} |`;
    }),
  ].join('\n');
}

/** A Markdown table of per-digit precision, recall (percentages, 2 decimals) and support. */
export function perClassMarkdown(perClass: readonly ClassMetrics[]): string {
  return [
    '| digit | precision | recall | support |',
    '|---:|---:|---:|---:|',
    ...perClass.map(
      (c) =>
        `| ${c.digit} | ${formatPercent(c.precision)} | ${formatPercent(c.recall)} | ${c.support} |`,
    ),
  ].join('\n');
}

/** `text` safe inside XML text and attribute values: `<>&"'` as numeric character references. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Options of {@link confusionSvg}. */
export interface ConfusionSvgOptions {
  /** Heading drawn above the matrix and used as the SVG's accessible name. */
  readonly title: string;
  /** Side of one cell in px (default 44). */
  readonly cellSize?: number;
}

/**
 * A heat map of a 10×10 confusion matrix as a standalone SVG document, every cell labelled with
 * its count. Shading is each count as a fraction of its row (the true digit's images), square-
 * rooted so that a handful of confusions is still visibly tinted next to a diagonal of thousands.
 */
export function confusionSvg(
  matrix: readonly (readonly number[])[],
  options: ConfusionSvgOptions,
): string {
  checkMatrix(matrix);
  const cell = options.cellSize ?? 44;
  const left = 64; // room for the "true digit" axis label and the row digits
  const top = 72; // room for the title, the "predicted" axis label and the column digits
  const size = NUM_CLASSES * cell;
  const width = left + size + 16;
  const height = top + size + 16;
  const title = escapeXml(options.title);
  const total = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const correct = matrix.reduce((sum, row, i) => sum + row[i], 0);
  const desc =
    `Confusion matrix: rows are the true digits 0 to 9, columns the predicted digits; ` +
    `${correct} of ${total} images on the diagonal (correct).`;
  const fontSize = Math.round(cell * 0.3);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title desc" font-family="system-ui, sans-serif">`,
    `<title id="title">${title}</title>`,
    `<desc id="desc">${escapeXml(desc)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="600" fill="#111">${title}</text>`,
    `<text x="${left + size / 2}" y="42" text-anchor="middle" font-size="12" fill="#333">predicted digit</text>`,
    `<text transform="translate(16 ${top + size / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#333">true digit</text>`,
  ];
  for (let d = 0; d < NUM_CLASSES; d++) {
    const mid = d * cell + cell / 2;
    parts.push(
      `<text x="${left + mid}" y="${top - 8}" text-anchor="middle" font-size="12" fill="#333">${d}</text>`,
      `<text x="${left - 10}" y="${top + mid + 4}" text-anchor="end" font-size="12" fill="#333">${d}</text>`,
    );
  }
  matrix.forEach((row, truth) => {
    const rowTotal = row.reduce((a, b) => a + b, 0);
    row.forEach((count, guess) => {
      const shade = rowTotal === 0 ? 0 : Math.sqrt(count / rowTotal);
      // White to a dark blue; text switches to white where the fill gets dark.
      const channel = (from: number, to: number): number => Math.round(from + (to - from) * shade);
      const fill = `rgb(${channel(255, 8)},${channel(255, 48)},${channel(255, 107)})`;
      const ink = shade > 0.5 ? '#ffffff' : '#111111';
      const x = left + guess * cell;
      const y = top + truth * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#dddddd"><title>true ${truth}, predicted ${guess}: ${count}</title></rect>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 + fontSize / 3}" text-anchor="middle" font-size="${fontSize}" fill="${ink}">${count}</text>`,
      );
    });
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
