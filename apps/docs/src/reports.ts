// The trainer's report files, read at build time. `import.meta.glob` yields an empty record for a
// file that does not exist yet, so a missing report is a message on the page, not a failed build.

/** What a report page shows: the parsed report, or why there is none. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

const jsonFiles = import.meta.glob<unknown>('../../../reports/**/*.json', {
  eager: true,
  import: 'default',
});
// Only the CNN's pictures are shown; a wider glob would copy every baseline SVG into the site.
const svgFiles = import.meta.glob<string>('../../../reports/cnn/*.svg', {
  eager: true,
  query: '?url',
  import: 'default',
});

const prefix = '../../../reports/';

/** The trainer command (run through the root `pnpm train` script) that writes each report. */
function producer(file: string): string {
  if (file === 'comparison.json') return 'pnpm train report';
  if (file === 'cnn/training.json') return 'pnpm train export --run <training run folder>';
  if (file === 'trajectory/training.json') return 'pnpm train train-trajectory';
  if (file.startsWith('cnn/')) return 'pnpm train evaluate --strokes';
  if (file.startsWith('adapt/')) return 'pnpm train evaluate --adapt';
  if (file.startsWith('baselines/')) return 'pnpm train baselines';
  return 'pnpm train --help';
}

/**
 * The sentence shown wherever a report has not been written yet; `thenRun` is the command that
 * reads it into the report the page shows (e.g. `pnpm train report` for the comparison).
 */
export function missingMessage(file: string, thenRun?: string): string {
  const commands = `\`${producer(file)}\`${thenRun ? ` and then \`${thenRun}\`` : ''}`;
  return `Report not generated yet: reports/${file} does not exist. Run ${commands} at the repository root, then rebuild the docs.`;
}

/**
 * Loads `reports/<file>` and checks it with `parse`, which throws a `TypeError` naming the field
 * that is wrong; both a missing file and a malformed one come back as `{ ok: false, message }`.
 */
export function loadReport<T>(file: string, parse: (raw: unknown) => T): Loaded<T> {
  const raw = jsonFiles[prefix + file];
  if (raw === undefined) return { ok: false, message: missingMessage(file) };
  try {
    return { ok: true, value: parse(raw) };
  } catch (error) {
    return { ok: false, message: `reports/${file} is malformed: ${(error as Error).message}` };
  }
}

/** The URL of an SVG under `reports/`, or null when it has not been generated yet. */
export function reportImageUrl(file: string): string | null {
  return svgFiles[prefix + file] ?? null;
}
