// What the docs show of the trainer's JSON reports, checked field by field: a report written by
// another version of the trainer says which field is off instead of drawing a wrong chart. The
// reports' shapes are the trainer's own types; the checks read only fields those types declare.
import type {
  BaselineEvaluation,
  ClassMetrics,
  CnnEvaluation,
  ComparedClassifier,
  Comparison as ComparisonReport,
  EpochRecord,
  TrainingReport,
  UnipenEvaluation,
} from '@digit-canvas/trainer';

/** A figure from a report, kept with its key so it can be labelled and formatted. */
export interface Figure {
  key: string;
  value: number;
}

/** What the Model report shows of `reports/cnn/evaluation.json`. */
export interface Evaluation extends Pick<
  CnnEvaluation,
  'accuracy' | 'confusionMatrix' | 'perClass'
> {
  /** Every other number in the report (parameters, model size, UNIPEN accuracy, …). */
  figures: Figure[];
  /** The same model on the real pen-drawn UNIPEN digits, when the trainer had them. */
  unipen: HeldOut | null;
  /**
   * The trajectory model alone and both views fused on the same digits (what strokes get), when
   * the evaluation had a trajectory model.
   */
  unipenViews: { trajectory: HeldOut; fused: HeldOut } | null;
  /** The trajectory model's path, when there was one. */
  trajectoryModel: string | null;
  /** Another model measured in the same run (e.g. the CNN that was replaced), when there was one. */
  baseline: Baseline | null;
}

/** A model or view on the held-out writers' UNIPEN digits. */
export type HeldOut = Pick<UnipenEvaluation, 'count' | 'accuracy' | 'confusionMatrix' | 'perClass'>;

/** What the Model report shows of `baseline` in `reports/cnn/evaluation.json`. */
export interface Baseline extends Pick<BaselineEvaluation, 'label' | 'accuracy' | 'perClass'> {
  unipen: HeldOut | null;
}

/** A quantity logged every epoch (`loss`, `valAccuracy`, `learningRate`, …). */
export type EpochSeries = Exclude<keyof EpochRecord, 'epoch'>;

/** One epoch of `reports/cnn/training.json`: its number and the series logged for it. */
export interface Epoch extends Pick<EpochRecord, 'epoch'> {
  values: Partial<Record<EpochSeries, number>>;
}

/** What the Model report shows of `reports/cnn/training.json`: the epochs and the run's figures. */
export interface Training {
  history: Epoch[];
  figures: Figure[];
}

/** One row of `reports/comparison.json`. */
export interface Classifier
  extends Pick<ComparedClassifier, 'name'>, Required<Pick<ComparedClassifier, 'description'>> {
  figures: Figure[];
}

/** What the comparison page shows of `reports/comparison.json`. */
export interface Comparison extends Pick<ComparisonReport, 'missing'> {
  classifiers: Classifier[];
}

/** A report as read from disk: the trainer's field names, their values not checked yet. */
type Unchecked<T> = { readonly [K in keyof T]?: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectObject<T>(value: unknown, where: string): Unchecked<T> {
  if (!isObject(value)) throw new TypeError(`${where} must be an object, got ${describe(value)}`);
  return value as Unchecked<T>;
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

function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${where} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  return JSON.stringify(value)?.slice(0, 60) ?? String(value);
}

/** Numbers at the top level and one object level down (`unipen.accuracy` → `unipenAccuracy`). */
function collectFigures<T>(report: Unchecked<T>, skip: readonly (keyof T & string)[]): Figure[] {
  const figures: Figure[] = [];
  for (const [key, value] of Object.entries(report)) {
    if ((skip as readonly string[]).includes(key)) continue;
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

/** `perClass` as written, or derived from `matrix` by a report that does not list it. */
function parsePerClass(value: unknown, matrix: number[][], where: string): ClassMetrics[] {
  if (value === undefined) return perClassFromMatrix(matrix);
  const list = expectArray(value, where);
  if (list.length !== 10) {
    throw new TypeError(`${where} must list the 10 digits, got ${list.length} entries`);
  }
  return list.map((entry, i) => {
    const c = expectObject<ClassMetrics>(entry, `${where}[${i}]`);
    return {
      digit: expectNumber(c.digit, `${where}[${i}].digit`),
      precision: expectNumber(c.precision, `${where}[${i}].precision`),
      recall: expectNumber(c.recall, `${where}[${i}].recall`),
      support: expectNumber(c.support, `${where}[${i}].support`),
    };
  });
}

/** A `UnipenEvaluation` (`unipen`, `unipenViews.fused`, …); absent or null: none. */
function parseHeldOut(value: unknown, where: string): HeldOut | null {
  if (value === undefined || value === null) return null;
  const u = expectObject<UnipenEvaluation>(value, where);
  const confusionMatrix = parseMatrix(u.confusionMatrix, `${where}.confusionMatrix`);
  return {
    count: expectNumber(u.count, `${where}.count`),
    accuracy: expectNumber(u.accuracy, `${where}.accuracy`),
    confusionMatrix,
    perClass: parsePerClass(u.perClass, confusionMatrix, `${where}.perClass`),
  };
}

/** `unipenViews`: both views or none, since the trainer writes them together. */
function parseViews(value: unknown): Evaluation['unipenViews'] {
  if (value === undefined || value === null) return null;
  const v = expectObject<NonNullable<CnnEvaluation['unipenViews']>>(value, 'unipenViews');
  const trajectory = parseHeldOut(v.trajectory, 'unipenViews.trajectory');
  const fused = parseHeldOut(v.fused, 'unipenViews.fused');
  if (!trajectory || !fused) {
    const lacking = trajectory ? 'fused' : 'trajectory';
    throw new TypeError(
      `unipenViews.${lacking} must be an object, got ${describe(v[lacking])}: the trainer writes both views or neither`,
    );
  }
  return { trajectory, fused };
}

function parseBaseline(value: unknown): Baseline | null {
  if (value === undefined || value === null) return null;
  const b = expectObject<BaselineEvaluation>(value, 'baseline');
  const perClass = expectArray(b.perClass, 'baseline.perClass');
  return {
    label: expectString(b.label, 'baseline.label'),
    accuracy: expectNumber(b.accuracy, 'baseline.accuracy'),
    // No matrix to derive them from: the trainer always writes them.
    perClass: parsePerClass(perClass, [], 'baseline.perClass'),
    unipen: parseHeldOut(b.unipen, 'baseline.unipen'),
  };
}

/** Checks `reports/cnn/evaluation.json`. */
export function parseEvaluation(raw: unknown): Evaluation {
  const report = expectObject<CnnEvaluation>(raw, 'the report');
  const accuracy = expectNumber(report.accuracy, 'accuracy');
  const confusionMatrix = parseMatrix(report.confusionMatrix, 'confusionMatrix');
  const perClass = parsePerClass(report.perClass, confusionMatrix, 'perClass');
  // The views and the baseline have figures of their own, shown in their own table.
  const figures = collectFigures<CnnEvaluation>(report, [
    'accuracy',
    'confusionMatrix',
    'perClass',
    'unipenViews',
    'baseline',
  ]);
  const unipenViews = parseViews(report.unipenViews);
  const trajectoryModel =
    report.trajectoryModel === undefined || report.trajectoryModel === null
      ? null
      : expectString(report.trajectoryModel, 'trajectoryModel');
  return {
    accuracy,
    confusionMatrix,
    perClass,
    figures,
    unipen: parseHeldOut(report.unipen, 'unipen'),
    unipenViews,
    trajectoryModel,
    baseline: parseBaseline(report.baseline),
  };
}

/** Checks `reports/cnn/training.json`: `{ history: [{ epoch, loss, accuracy, … }], … }`. */
export function parseTraining(raw: unknown): Training {
  const report = expectObject<TrainingReport>(raw, 'the report');
  const history = expectArray(report.history, 'history');
  if (history.length === 0) throw new TypeError('history must list at least one epoch, got []');
  const epochs = history.map((entry, i) => {
    const e = expectObject<EpochRecord>(entry, `history[${i}]`);
    // Every numeric series, the ones this trainer version logs and any other.
    const values: Record<string, number> = {};
    for (const [key, value] of Object.entries(e)) {
      if (key !== 'epoch' && typeof value === 'number' && Number.isFinite(value)) {
        values[key] = value;
      }
    }
    const epoch = e.epoch === undefined ? i + 1 : expectNumber(e.epoch, `history[${i}].epoch`);
    return { epoch, values };
  });
  return { history: epochs, figures: collectFigures<TrainingReport>(report, ['history']) };
}

/** Checks `reports/comparison.json`: `{ classifiers: [{ name, accuracy, … }], missing? }`. */
export function parseComparison(raw: unknown): Comparison {
  const report = expectObject<ComparisonReport>(raw, 'the report');
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
    const c = expectObject<ComparedClassifier>(entry, `classifiers[${i}]`);
    if (typeof c.name !== 'string' || c.name === '') {
      throw new TypeError(
        `classifiers[${i}].name must be a non-empty string, got ${describe(c.name)}`,
      );
    }
    expectNumber(c.accuracy, `classifiers[${i}].accuracy`);
    const description = typeof c.description === 'string' ? c.description : '';
    return { name: c.name, description, figures: collectFigures<ComparedClassifier>(c, ['name']) };
  });
  return { classifiers, missing };
}
