import { NUM_CLASSES } from '@digit-canvas/core';

import { type ClassMetrics, computeMetrics } from '../evaluation/metrics.js';

/** One named setting of a classifier, e.g. `{ name: 'trees', value: 100 }`. */
export interface HyperParameter {
  readonly name: string;
  readonly value: number | string | null;
}

/** A classifier's figures on one labelled set: what {@link computeMetrics} gives, plus the count. */
export interface SetResult {
  /** Number of images. */
  readonly count: number;
  /** Fraction correct, 0..1. */
  readonly accuracy: number;
  readonly confusionMatrix: number[][];
  readonly perClass: ClassMetrics[];
}

/**
 * What one classifier's evaluation file holds: `reports/cnn/evaluation.json` (written by
 * `evaluate`) and `reports/baselines/{tree,forest}.json` (written by `baselines`) share it, so
 * `report` treats the three alike. Accuracy and per-class figures are on the MNIST test set.
 */
export interface ClassifierReport {
  readonly name: string;
  /** One line saying what the classifier is. */
  readonly description?: string;
  /** The command line that produced the report, to reproduce it. */
  readonly command?: string;
  readonly accuracy: number;
  readonly confusionMatrix: number[][];
  readonly perClass: ClassMetrics[];
  /** Size of the saved model in bytes. */
  readonly modelBytes: number;
  /** Wall-clock time to fit it on the training set, in seconds; null when not recorded. */
  readonly fitSeconds: number | null;
  /**
   * CPU seconds the fit used over all its threads: unlike the wall clock, not inflated when other
   * work shares the machine.
   */
  readonly fitCpuSeconds?: number;
  /** Mean time to classify one test image, in milliseconds. */
  readonly predictMsPerImage: number;
  /** Trainable weights (neural networks). */
  readonly parameters?: number;
  /** Tree nodes over all trees (tree ensembles). */
  readonly nodes?: number;
  /** The settings it was fitted with, for the record. */
  readonly hyperParameters?: HyperParameter[];
  /** The same classifier on the real pen-drawn UNIPEN digits, when they were available. */
  readonly unipen?: SetResult;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value)?.slice(0, 60) ?? String(value));
}

function number(o: Json, key: string, where: string, min = 0, max = Infinity): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new TypeError(`${where}.${key} must be a number in [${min}, ${max}], got ${describe(v)}`);
  }
  return v;
}

function matrixOf(o: Json, where: string): number[][] {
  const m = o.confusionMatrix;
  const ok =
    Array.isArray(m) &&
    m.length === NUM_CLASSES &&
    m.every(
      (row) =>
        Array.isArray(row) &&
        row.length === NUM_CLASSES &&
        row.every((c) => Number.isInteger(c) && c >= 0),
    );
  if (!ok)
    throw new TypeError(
      `${where}.confusionMatrix must be ${NUM_CLASSES}×${NUM_CLASSES} non-negative integer counts`,
    );
  return m as number[][];
}

/**
 * Checks the matrix, accuracy and per-class figures of one set against each other: the accuracy
 * must be the matrix's diagonal share and the per-class figures are re-derived from the matrix,
 * so a report cannot carry numbers that contradict its own counts.
 */
function setResultOf(o: Json, where: string): SetResult {
  const confusionMatrix = matrixOf(o, where);
  const accuracy = number(o, 'accuracy', where, 0, 1);
  const labels: number[] = [];
  const predictions: number[] = [];
  confusionMatrix.forEach((row, truth) =>
    row.forEach((n, guess) => {
      for (let i = 0; i < n; i++) {
        labels.push(truth);
        predictions.push(guess);
      }
    }),
  );
  if (labels.length === 0) throw new TypeError(`${where}.confusionMatrix counts no image`);
  const derived = computeMetrics(labels, predictions);
  if (Math.abs(derived.accuracy - accuracy) > 1e-9) {
    throw new TypeError(
      `${where}.accuracy ${accuracy} contradicts its confusion matrix (${derived.accuracy})`,
    );
  }
  return { count: labels.length, accuracy, confusionMatrix, perClass: derived.perClass };
}

function hyperParametersOf(o: Json, where: string): HyperParameter[] | undefined {
  const list = o.hyperParameters;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) throw new TypeError(`${where}.hyperParameters must be an array`);
  return list.map((h: unknown, i) => {
    const ok =
      isObject(h) &&
      typeof h.name === 'string' &&
      (h.value === null || typeof h.value === 'string' || typeof h.value === 'number');
    if (!ok) {
      throw new TypeError(
        `${where}.hyperParameters[${i}] must be { name: string, value: number | string | null }, got ${describe(h)}`,
      );
    }
    return { name: h.name as string, value: h.value as HyperParameter['value'] };
  });
}

/**
 * Validates a parsed evaluation file; `where` (e.g. its path) starts every error message.
 * Returns a copy holding only the known fields.
 */
export function parseClassifierReport(raw: unknown, where: string): ClassifierReport {
  if (!isObject(raw)) throw new TypeError(`${where} must be a JSON object, got ${describe(raw)}`);
  if (typeof raw.name !== 'string' || raw.name === '') {
    throw new TypeError(`${where}.name must be a non-empty string, got ${describe(raw.name)}`);
  }
  const mnist = setResultOf(raw, where);
  const report: { -readonly [K in keyof ClassifierReport]: ClassifierReport[K] } = {
    name: raw.name,
    accuracy: mnist.accuracy,
    confusionMatrix: mnist.confusionMatrix,
    perClass: mnist.perClass,
    modelBytes: number(raw, 'modelBytes', where),
    fitSeconds: raw.fitSeconds === null ? null : number(raw, 'fitSeconds', where),
    predictMsPerImage: number(raw, 'predictMsPerImage', where),
  };
  if (typeof raw.description === 'string') report.description = raw.description;
  // `evaluate` records its command line inside `provenance`.
  const origin = isObject(raw.provenance) ? raw.provenance : {};
  const command = raw.command ?? origin.command;
  if (typeof command === 'string') report.command = command;
  if (raw.parameters !== undefined) report.parameters = number(raw, 'parameters', where);
  if (raw.fitCpuSeconds !== undefined) {
    report.fitCpuSeconds = number(raw, 'fitCpuSeconds', where);
  }
  if (raw.nodes !== undefined) report.nodes = number(raw, 'nodes', where);
  const hyperParameters = hyperParametersOf(raw, where);
  if (hyperParameters) report.hyperParameters = hyperParameters;
  // evaluate writes UNIPEN as the held-out set `unipen` (its image view: the CNN alone).
  const heldOut = Array.isArray(raw.heldOut) ? (raw.heldOut as unknown[]) : [];
  const set = heldOut.find((h): h is Json => isObject(h) && h.id === 'unipen');
  const unipen = raw.unipen ?? (isObject(set?.views) ? set.views.image : undefined);
  if (unipen !== undefined) {
    if (!isObject(unipen)) throw new TypeError(`${where}.unipen must be an object`);
    report.unipen = setResultOf(unipen, `${where}.unipen`);
  }
  return report;
}
