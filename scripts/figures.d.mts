/** How a report value becomes text: `percent` (`99.34%`), `count` (`3,168`), `correctOf` (`317 of 325`), … */
export const FORMATS: Record<string, (value: unknown) => string>;

/** One named figure: a report file under reports/, the field read from it, and its format. */
export interface FigureEntry {
  file: string;
  field: string;
  format: string;
  value?: (report: unknown) => unknown;
}

/** The registry of figures a document may quote: `<!-- figure: NAME -->…<!-- /figure -->`. */
export const FIGURES: Record<string, FigureEntry>;

/** Every figure of the held-out set `id` (`cnn.<id>.accuracy`, `<id>.count`, …), by name. */
export function heldOutFigures(id: string): Record<string, FigureEntry>;

/** The entry named `name`: a listed one, or a held-out set's; undefined when there is none. */
export function figureEntry(name: string): FigureEntry | undefined;

/**
 * Generated blocks of lines: `<!-- figures: NAME -->` … `<!-- /figures -->`, from the figure
 * lookup and `report(file)`, a parsed report under reports/.
 */
export const BLOCKS: Record<
  string,
  (figure: (name: string) => string, report: (file: string) => unknown) => string
>;

/** The repository root. */
export const repoRoot: string;

/** The value at `field` (`a.b[2]`, `list[key=value]`, `list[-1]`) of a parsed report. */
export function fieldOf(json: unknown, field: string): unknown;

/** Figure and block lookups over `root`'s reports/; both throw on an unknown name. */
export function figureReader(root?: string): {
  figure(name: string): string;
  block(name: string): string;
};

/** The Markdown files searched for markers, relative to `root`. */
export function documents(root?: string): string[];

export interface FigureRegion {
  kind: 'figure' | 'figures';
  name: string;
  line: number;
  start: number;
  end: number;
  found: string;
}

/** The marked regions of one document, and its malformed markers. */
export function regionsOf(text: string): {
  regions: FigureRegion[];
  problems: { line: number; message: string }[];
};

export interface FigureProblem {
  file: string;
  line: number;
  name?: string;
  expected?: string;
  found?: string;
  message: string;
}

/** Checks (or with `write` rewrites) the figures of `files` (default: every document). */
export function figures(options?: { root?: string; write?: boolean; files?: string[] }): {
  problems: FigureProblem[];
  changed: string[];
};
