import { BACKENDS, type TrainerBackend } from '../backend.js';
import type { FormatResult } from '../evaluation/weight-formats.js';
import { WEIGHT_FORMATS, type WeightFormat } from '../model/export.js';
import type { Provenance } from '../provenance.js';

/**
 * What `export` writes to export.json beside the CNN's reports (`reports/cnn/export.json`): which
 * training run it shipped where, every weight format it measured and the one it chose.
 */
export interface ExportReport {
  readonly provenance: Provenance;
  /** The TensorFlow.js backend the formats were measured on. */
  readonly backend: TrainerBackend;
  /** The training run's folder, as reports print paths (relative to the repository root). */
  readonly run: string;
  /** The folder the model was written into (`--to`), printed as `run` is. */
  readonly to: string;
  /** `--max-drop`: the percentage points of MNIST test accuracy a smaller format may lose. */
  readonly maxDropPoints: number;
  /** Each weight format's MNIST test accuracy and weight bytes, float32 first. */
  readonly formats: readonly FormatResult[];
  /** The format shipped. */
  readonly chosen: WeightFormat;
  /** The shipped model's accuracy on the MNIST test set, 0..1. */
  readonly accuracy: number;
  /** Its accuracy on the held-out UNIPEN writers' digits; null when they were not available. */
  readonly unipenAccuracy: number | null;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value)?.slice(0, 60) ?? String(value));
}

function field<T>(
  o: Json,
  key: string,
  where: string,
  ok: (v: unknown) => boolean,
  what: string,
): T {
  const value = o[key];
  if (!ok(value)) throw new TypeError(`${where}.${key} must be ${what}, got ${describe(value)}`);
  return value as T;
}

const isString = (v: unknown) => typeof v === 'string';
const isFraction = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;

function objectAt(o: Json, key: string, where: string): Json {
  return field<Json>(o, key, where, isObject, 'an object');
}

function provenanceOf(o: Json, where: string): Provenance {
  const text = (key: string) => field<string>(o, key, where, isString, 'a string');
  return {
    command: text('command'),
    commit: text('commit'),
    dirty: field<boolean>(o, 'dirty', where, (v) => typeof v === 'boolean', 'a boolean'),
    node: text('node'),
    cpu: text('cpu'),
    cores: field<number>(o, 'cores', where, (v) => Number.isInteger(v), 'an integer'),
    date: text('date'),
  };
}

function formatOf(o: unknown, where: string): FormatResult {
  if (!isObject(o)) throw new TypeError(`${where} must be an object, got ${describe(o)}`);
  return {
    format: field<WeightFormat>(o, 'format', where, isWeightFormat, WEIGHT_FORMATS.join(' | ')),
    accuracy: field<number>(o, 'accuracy', where, isFraction, 'a number in [0, 1]'),
    weightBytes: field<number>(
      o,
      'weightBytes',
      where,
      (v) => Number.isInteger(v) && (v as number) > 0,
      'a positive integer',
    ),
  };
}

function isWeightFormat(v: unknown): boolean {
  return (WEIGHT_FORMATS as readonly unknown[]).includes(v);
}

/**
 * Validates a parsed export.json; `where` (e.g. its path) starts every error message, which names
 * the field that is wrong. Returns a copy holding only the known fields.
 */
export function parseExportReport(raw: unknown, where: string): ExportReport {
  if (!isObject(raw)) throw new TypeError(`${where} must be a JSON object, got ${describe(raw)}`);
  const formats = field<unknown[]>(raw, 'formats', where, Array.isArray, 'an array').map((f, i) =>
    formatOf(f, `${where}.formats[${i}]`),
  );
  const chosen = field<WeightFormat>(
    raw,
    'chosen',
    where,
    (v) => formats.some((f) => f.format === v),
    `one of the formats measured (${formats.map((f) => f.format).join(', ')})`,
  );
  return {
    provenance: provenanceOf(objectAt(raw, 'provenance', where), `${where}.provenance`),
    backend: field<TrainerBackend>(
      raw,
      'backend',
      where,
      (v) => (BACKENDS as readonly unknown[]).includes(v),
      BACKENDS.join(' | '),
    ),
    run: field<string>(raw, 'run', where, isString, 'a string'),
    to: field<string>(raw, 'to', where, isString, 'a string'),
    maxDropPoints: field<number>(
      raw,
      'maxDropPoints',
      where,
      (v) => typeof v === 'number' && v >= 0,
      'a number ≥ 0',
    ),
    formats,
    chosen,
    accuracy: field<number>(raw, 'accuracy', where, isFraction, 'a number in [0, 1]'),
    unipenAccuracy: field<number | null>(
      raw,
      'unipenAccuracy',
      where,
      (v) => v === null || isFraction(v),
      'a number in [0, 1] or null',
    ),
  };
}
