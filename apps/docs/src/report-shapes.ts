// The shapes of the trainer's JSON reports, checked field by field: a report written by another
// version of the trainer says which field is off instead of drawing a wrong chart.

/** Precision and recall of one digit on the MNIST test set. */
export interface ClassMetrics {
  digit: number;
  precision: number;
  recall: number;
  support: number;
}

/** A figure from a report, kept with its key so it can be labelled and formatted. */
export interface Figure {
  key: string;
  value: number;
}

/** `reports/cnn/evaluation.json`. */
export interface Evaluation {
  /** Fraction correct on the MNIST test set. */
  accuracy: number;
  /** `confusionMatrix[true][predicted]`, 10×10 counts. */
  confusionMatrix: number[][];
  perClass: ClassMetrics[];
  /** Every other number in the report (parameters, model size, UNIPEN accuracy, …). */
  figures: Figure[];
  /** The same model on the real pen-drawn UNIPEN digits, when the trainer had them. */
  unipen: { count: number; accuracy: number; confusionMatrix: number[][] } | null;
}

/** One epoch of `reports/cnn/training.json`: its number and every series logged for it. */
export interface Epoch {
  epoch: number;
  values: Record<string, number>;
}

/** `reports/cnn/training.json`: the epochs, and the run's own numbers (fit time, best epoch…). */
export interface Training {
  history: Epoch[];
  figures: Figure[];
}

/** One row of `reports/comparison.json`. */
export interface Classifier {
  name: string;
  description: string;
  figures: Figure[];
}

/** `reports/comparison.json`. */
export interface Comparison {
  classifiers: Classifier[];
  /** Report files the trainer looked for and did not find (e.g. the CNN's, before training). */
  missing: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectObject(value: unknown, where: string): Json {
  if (!isObject(value)) throw new TypeError(`${where} must be an object, got ${describe(value)}`);
  return value;
}

function expectNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${where} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

function expectArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value))
    throw new TypeError(`${where} must be an array, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  return JSON.stringify(value)?.slice(0, 60) ?? String(value);
}

/** Numbers at the top level and one object level down (`unipen.accuracy` → `unipenAccuracy`). */
function collectFigures(report: Json, skip: readonly string[]): Figure[] {
  const figures: Figure[] = [];
  for (const [key, value] of Object.entries(report)) {
    if (skip.includes(key)) continue;
    if (typeof value === 'number' && Number.isFinite(value)) figures.push({ key, value });
    else if (isObject(value)) {
      for (const [inner, v] of Object.entries(value)) {
        if (typeof v === 'number' && Number.isFinite(v)) {
          figures.push({ key: key + inner.charAt(0).toUpperCase() + inner.slice(1), value: v });
        }
      }
    }
  }
  return figures;
}

function parseMatrix(value: unknown, where: string): number[][] {
  const rows = expectArray(value, where);
  if (rows.length !== 10) throw new TypeError(`${where} must have 10 rows, got ${rows.length}`);
  return rows.map((row, r) => {
    const cells = expectArray(row, `${where}[${r}]`);
    if (cells.length !== 10) {
      throw new TypeError(`${where}[${r}] must have 10 columns, got ${cells.length}`);
    }
    return cells.map((c, i) => expectNumber(c, `${where}[${r}][${i}]`));
  });
}

/** Per-class figures derived from the matrix, for a report that does not list them. */
function perClassFromMatrix(matrix: number[][]): ClassMetrics[] {
  return matrix.map((row, digit) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, r) => sum + r[digit], 0);
    return {
      digit,
      precision: predicted === 0 ? 0 : row[digit] / predicted,
      recall: support === 0 ? 0 : row[digit] / support,
      support,
    };
  });
}

/** Checks `reports/cnn/evaluation.json`. */
export function parseEvaluation(raw: unknown): Evaluation {
  const report = expectObject(raw, 'the report');
  const accuracy = expectNumber(report.accuracy, 'accuracy');
  const confusionMatrix = parseMatrix(report.confusionMatrix, 'confusionMatrix');
  const perClass =
    report.perClass === undefined
      ? perClassFromMatrix(confusionMatrix)
      : expectArray(report.perClass, 'perClass').map((entry, i) => {
          const c = expectObject(entry, `perClass[${i}]`);
          return {
            digit: expectNumber(c.digit, `perClass[${i}].digit`),
            precision: expectNumber(c.precision, `perClass[${i}].precision`),
            recall: expectNumber(c.recall, `perClass[${i}].recall`),
            support: expectNumber(c.support, `perClass[${i}].support`),
          };
        });
  const figures = collectFigures(report, ['accuracy', 'confusionMatrix', 'perClass']);
  let unipen: Evaluation['unipen'] = null;
  if (report.unipen !== undefined && report.unipen !== null) {
    const u = expectObject(report.unipen, 'unipen');
    unipen = {
      count: expectNumber(u.count, 'unipen.count'),
      accuracy: expectNumber(u.accuracy, 'unipen.accuracy'),
      confusionMatrix: parseMatrix(u.confusionMatrix, 'unipen.confusionMatrix'),
    };
  }
  return { accuracy, confusionMatrix, perClass, figures, unipen };
}

/** Checks `reports/cnn/training.json`: `{ history: [{ epoch, loss, accuracy, … }], … }`. */
export function parseTraining(raw: unknown): Training {
  const report = expectObject(raw, 'the report');
  const history = expectArray(report.history, 'history');
  if (history.length === 0) throw new TypeError('history must list at least one epoch, got []');
  const epochs = history.map((entry, i) => {
    const e = expectObject(entry, `history[${i}]`);
    const values: Record<string, number> = {};
    for (const [key, value] of Object.entries(e)) {
      if (key !== 'epoch' && typeof value === 'number' && Number.isFinite(value)) {
        values[key] = value;
      }
    }
    const epoch = e.epoch === undefined ? i + 1 : expectNumber(e.epoch, `history[${i}].epoch`);
    return { epoch, values };
  });
  return { history: epochs, figures: collectFigures(report, ['history']) };
}

/** Checks `reports/comparison.json`: `{ classifiers: [{ name, accuracy, … }], missing? }`. */
export function parseComparison(raw: unknown): Comparison {
  const report = expectObject(raw, 'the report');
  const list = expectArray(report.classifiers, 'classifiers');
  if (list.length === 0) throw new TypeError('classifiers must list at least one, got []');
  const missing =
    report.missing === undefined
      ? []
      : expectArray(report.missing, 'missing').map((m, i) => {
          if (typeof m !== 'string')
            throw new TypeError(`missing[${i}] must be a file name, got ${describe(m)}`);
          return m;
        });
  const classifiers = list.map((entry, i) => {
    const c = expectObject(entry, `classifiers[${i}]`);
    if (typeof c.name !== 'string' || c.name === '') {
      throw new TypeError(
        `classifiers[${i}].name must be a non-empty string, got ${describe(c.name)}`,
      );
    }
    expectNumber(c.accuracy, `classifiers[${i}].accuracy`);
    const description = typeof c.description === 'string' ? c.description : '';
    return { name: c.name, description, figures: collectFigures(c, ['name']) };
  });
  return { classifiers, missing };
}
