// What the docs show of the trainer's JSON reports, checked field by field: a report written by
// another version of the trainer says which field is off instead of drawing a wrong chart. The
// reports' shapes are the trainer's own types; the checks read only fields those types declare.
import type {
  AdaptReport,
  AdaptSetting,
  AdaptSummary,
  BaselineEvaluation,
  ClassMetrics,
  CnnEvaluation,
  ComparedClassifier,
  Comparison as ComparisonReport,
  EpochRecord,
  HeldOutEvaluation,
  HeldOutResult,
  LegacyCnnEvaluation,
  TrainingReport,
  WriterAdaptResult,
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
  /** Every other number in the report (parameters, model size, …). */
  figures: Figure[];
  /**
   * Each held-out set the model was measured on, in the report's order (an older report's
   * `unipen` and `unipenViews` read as the set `unipen`).
   */
  heldOut: HeldOutSet[];
  /** The trajectory model's path, when there was one. */
  trajectoryModel: string | null;
  /** Another model measured in the same run (e.g. the CNN that was replaced), when there was one. */
  baseline: Baseline | null;
}

/** A model or view on one held-out set's digits. */
export type HeldOut = Pick<
  HeldOutEvaluation,
  'count' | 'accuracy' | 'confusionMatrix' | 'perClass'
>;

/**
 * One held-out set: the CNN alone on its images, and when the set has strokes and the evaluation
 * a trajectory model, the trajectory model alone and both views fused (what strokes get).
 */
export interface HeldOutSet extends Pick<HeldOutResult, 'id' | 'title' | 'description'> {
  image: HeldOut;
  trajectory: HeldOut | null;
  fused: HeldOut | null;
}

/** What the Model report shows of `baseline` in `reports/cnn/evaluation.json`. */
export interface Baseline extends Pick<BaselineEvaluation, 'label' | 'accuracy' | 'perClass'> {
  /** The baseline CNN on each held-out set it was measured on (its image view). */
  heldOut: { id: string; image: HeldOut }[];
}

/** The set a report from before held-out sets holds in `unipen` and `unipenViews`. */
const LEGACY_UNIPEN: Pick<HeldOutSet, 'id' | 'title' | 'description'> = {
  id: 'unipen',
  title: 'UNIPEN 1a, held-out writers',
  description:
    'Real pen-drawn digits of the UNIPEN writers held out of all training and tuning, replayed as strokes through the element’s own preprocessing.',
};

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

/** A `HeldOutEvaluation` (`heldOut[0].views.fused`, or an older `unipen`, …); absent or null: none. */
function parseHeldOut(value: unknown, where: string): HeldOut | null {
  if (value === undefined || value === null) return null;
  const u = expectObject<HeldOutEvaluation>(value, where);
  const confusionMatrix = parseMatrix(u.confusionMatrix, `${where}.confusionMatrix`);
  return {
    count: expectNumber(u.count, `${where}.count`),
    accuracy: expectNumber(u.accuracy, `${where}.accuracy`),
    confusionMatrix,
    perClass: parsePerClass(u.perClass, confusionMatrix, `${where}.perClass`),
  };
}

/** The trajectory and fused views: both or none, since the trainer writes them together. */
function parsePenViews(
  v: { readonly trajectory?: unknown; readonly fused?: unknown },
  where: string,
): Pick<HeldOutSet, 'trajectory' | 'fused'> {
  const trajectory = parseHeldOut(v.trajectory, `${where}.trajectory`);
  const fused = parseHeldOut(v.fused, `${where}.fused`);
  if (!trajectory !== !fused) {
    const lacking = trajectory ? 'fused' : 'trajectory';
    throw new TypeError(
      `${where}.${lacking} must be an object, got ${describe(v[lacking])}: the trainer writes both views or neither`,
    );
  }
  return { trajectory, fused };
}

/** One entry of `heldOut`: `{ id, title, description, views: { image, trajectory?, fused? } }`. */
function parseHeldOutSet(value: unknown, where: string): HeldOutSet {
  const h = expectObject<HeldOutResult>(value, where);
  const views = expectObject<HeldOutResult['views']>(h.views, `${where}.views`);
  return {
    id: expectString(h.id, `${where}.id`),
    title: expectString(h.title, `${where}.title`),
    description: typeof h.description === 'string' ? h.description : '',
    image: parseHeldOut(views.image, `${where}.views.image`) ?? missing(`${where}.views.image`),
    ...parsePenViews(views, `${where}.views`),
  };
}

function missing(where: string): never {
  throw new TypeError(`${where} must be an object, got nothing (the field is missing)`);
}

/** `heldOut`, or a report from before held-out sets: `unipen` and `unipenViews`. */
function parseHeldOutSets(report: Unchecked<CnnEvaluation & LegacyCnnEvaluation>): HeldOutSet[] {
  if (report.heldOut !== undefined) {
    return expectArray(report.heldOut, 'heldOut').map((h, i) =>
      parseHeldOutSet(h, `heldOut[${i}]`),
    );
  }
  const image = parseHeldOut(report.unipen, 'unipen');
  const legacyViews =
    report.unipenViews === undefined || report.unipenViews === null
      ? {}
      : expectObject<NonNullable<LegacyCnnEvaluation['unipenViews']>>(
          report.unipenViews,
          'unipenViews',
        );
  const views = parsePenViews(legacyViews, 'unipenViews');
  return image ? [{ ...LEGACY_UNIPEN, image, ...views }] : [];
}

function parseBaseline(value: unknown): Baseline | null {
  if (value === undefined || value === null) return null;
  const b = expectObject<BaselineEvaluation & { unipen?: unknown }>(value, 'baseline');
  const perClass = expectArray(b.perClass, 'baseline.perClass');
  let heldOut: Baseline['heldOut'];
  if (b.heldOut !== undefined) {
    heldOut = expectArray(b.heldOut, 'baseline.heldOut').map((h, i) => {
      const where = `baseline.heldOut[${i}]`;
      const set = expectObject<HeldOutResult>(h, where);
      const views = expectObject<HeldOutResult['views']>(set.views, `${where}.views`);
      return {
        id: expectString(set.id, `${where}.id`),
        image: parseHeldOut(views.image, `${where}.views.image`) ?? missing(`${where}.views.image`),
      };
    });
  } else {
    // A report from before held-out sets: `baseline.unipen`.
    const image = parseHeldOut(b.unipen, 'baseline.unipen');
    heldOut = image ? [{ id: LEGACY_UNIPEN.id, image }] : [];
  }
  return {
    label: expectString(b.label, 'baseline.label'),
    accuracy: expectNumber(b.accuracy, 'baseline.accuracy'),
    // No matrix to derive them from: the trainer always writes them.
    perClass: parsePerClass(perClass, [], 'baseline.perClass'),
    heldOut,
  };
}

/** Checks `reports/cnn/evaluation.json` (and reads one from before held-out sets). */
export function parseEvaluation(raw: unknown): Evaluation {
  const report = expectObject<CnnEvaluation & LegacyCnnEvaluation>(raw, 'the report');
  const accuracy = expectNumber(report.accuracy, 'accuracy');
  const confusionMatrix = parseMatrix(report.confusionMatrix, 'confusionMatrix');
  const perClass = parsePerClass(report.perClass, confusionMatrix, 'perClass');
  // The held-out sets, the views and the baseline have figures of their own, shown in their own
  // table (an older report's `unipen` figures stay among the others, as they always were).
  const figures = collectFigures<CnnEvaluation & LegacyCnnEvaluation>(report, [
    'accuracy',
    'confusionMatrix',
    'perClass',
    'heldOut',
    'unipenViews',
    'baseline',
  ]);
  const heldOut = parseHeldOutSets(report);
  const trajectoryModel =
    report.trajectoryModel === undefined || report.trajectoryModel === null
      ? null
      : expectString(report.trajectoryModel, 'trajectoryModel');
  return {
    accuracy,
    confusionMatrix,
    perClass,
    figures,
    heldOut,
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

/** What the Model report shows of `reports/adapt/adapt.json` (`evaluate --adapt`). */
export interface Adapt extends Pick<AdaptReport, 'acceptBelow' | 'largeWriterDigits' | 'set'> {
  settings: AdaptSettingView[];
}

/** One model setting: totals without and with a profile, and the writers read worse with one. */
export interface AdaptSettingView extends Pick<AdaptSetting, 'id' | 'title' | 'all' | 'large'> {
  /** The writers with more errors with the profile than without (none is the goal). */
  worse: WriterAdaptResult[];
}

const SUMMARY_FIELDS = [
  'writers',
  'digits',
  'errorsWithout',
  'errorsWith',
  'accuracyWithout',
  'accuracyWith',
  'corrections',
  'accepted',
] as const satisfies readonly (keyof AdaptSummary)[];

const WRITER_FIELDS = [
  'digits',
  'errorsWithout',
  'errorsWith',
  'corrections',
  'accepted',
] as const satisfies readonly (keyof WriterAdaptResult)[];

function parseAdaptSummary(value: unknown, where: string): AdaptSummary {
  const s = expectObject<AdaptSummary>(value, where);
  const entries = SUMMARY_FIELDS.map((k) => [k, expectNumber(s[k], `${where}.${k}`)] as const);
  return Object.fromEntries(entries) as unknown as AdaptSummary;
}

function parseWriter(value: unknown, where: string): WriterAdaptResult {
  const w = expectObject<WriterAdaptResult>(value, where);
  const writer = expectString(w.writer, `${where}.writer`);
  const entries = WRITER_FIELDS.map((k) => [k, expectNumber(w[k], `${where}.${k}`)] as const);
  return { writer, ...(Object.fromEntries(entries) as Omit<WriterAdaptResult, 'writer'>) };
}

/**
 * Checks `reports/adapt/adapt.json`: `{ set, acceptBelow, largeWriterDigits, settings: [{ id,
 * title, all, large, writers }] }`.
 */
export function parseAdapt(raw: unknown): Adapt {
  const report = expectObject<AdaptReport>(raw, 'the report');
  const set = expectObject<AdaptReport['set']>(report.set, 'set');
  const list = expectArray(report.settings, 'settings');
  if (list.length === 0) throw new TypeError('settings must list at least one, got []');
  return {
    set: {
      title: expectString(set.title, 'set.title'),
      writers: expectNumber(set.writers, 'set.writers'),
      digits: expectNumber(set.digits, 'set.digits'),
    },
    acceptBelow: expectNumber(report.acceptBelow, 'acceptBelow'),
    largeWriterDigits: expectNumber(report.largeWriterDigits, 'largeWriterDigits'),
    settings: list.map((entry, i) => {
      const where = `settings[${i}]`;
      const s = expectObject<AdaptSetting>(entry, where);
      const writers = expectArray(s.writers, `${where}.writers`).map((w, j) =>
        parseWriter(w, `${where}.writers[${j}]`),
      );
      return {
        id: expectString(s.id, `${where}.id`),
        title: expectString(s.title, `${where}.title`),
        all: parseAdaptSummary(s.all, `${where}.all`),
        large: parseAdaptSummary(s.large, `${where}.large`),
        worse: writers.filter((w) => w.errorsWith > w.errorsWithout),
      };
    }),
  };
}
