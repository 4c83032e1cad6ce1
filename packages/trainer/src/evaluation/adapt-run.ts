// `digit-canvas-train evaluate --adapt`: the protocol of reports/adapt/PROTOCOL.md on the held-out
// UNIPEN writers in two settings, and `--tune`, the same sessions on the training writers only,
// over a grid of the profile rule's knobs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Recognizer, type WriterProfileOptions } from '@digit-canvas/core';

import type { TrainerBackend } from '../backend.js';
import { splitByWriter, type UnipenSample } from '../data/unipen.js';
import { coreModelDir, projectRoot, reportPath } from '../paths.js';
import type { Progress } from '../progress.js';
import {
  adaptSessions,
  adaptSetting,
  type AdaptSetting,
  precomputedReader,
  recognizerReader,
  summarize,
} from './adapt.js';

/** The commit whose shipped CNN was trained on MNIST alone: setting (b)'s model. */
export const MNIST_ALONE_COMMIT = 'b355a25';

/**
 * The CNN trained on MNIST alone, extracted from git history into a temporary folder; `cleanup`
 * removes it. Throws when the checkout has no such commit (pass --baseline DIR instead).
 */
export function extractMnistAloneModel(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'digit-canvas-mnist-alone-'));
  try {
    for (const file of ['model.json', 'weights.bin']) {
      const bytes = execFileSync(
        'git',
        ['show', `${MNIST_ALONE_COMMIT}:packages/core/model/${file}`],
        { cwd: projectRoot(), maxBuffer: 64 << 20 },
      );
      writeFileSync(join(dir, file), bytes);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `cannot read the MNIST-alone CNN from git commit ${MNIST_ALONE_COMMIT}: ${(error as Error).message.split('\n')[0]} (pass --baseline DIR with its model.json)`,
    );
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The models of one setting. */
export interface AdaptModels {
  /** Setting (a): the CNN folder and trajectory model (undefined: core's shipped ones). */
  shipped: { modelDir?: string; trajectoryModel?: string | null };
  /** Setting (b): the MNIST-alone CNN's folder. */
  mnistAloneDir: string;
}

/** Both settings' sessions on `samples` (the held-out writers' digits), through `predict`. */
export async function runAdaptSettings(
  samples: readonly UnipenSample[],
  models: AdaptModels,
  backend: TrainerBackend,
  progress?: Progress,
): Promise<AdaptSetting[]> {
  const settings: AdaptSetting[] = [];
  const shipped = await Recognizer.load({
    ...(models.shipped.modelDir ? { modelUrl: join(models.shipped.modelDir, 'model.json') } : {}),
    ...(models.shipped.trajectoryModel !== undefined
      ? { trajectoryModelUrl: models.shipped.trajectoryModel }
      : {}),
    backend,
    minConfidence: 0,
  });
  try {
    const writers = await adaptSessions(samples, recognizerReader(shipped, samples), {}, progress);
    settings.push(
      adaptSetting(
        {
          id: 'shipped',
          title: '(a) the shipped models (CNN and trajectory model, fused)',
          model: reportPath(models.shipped.modelDir ?? coreModelDir()),
          trajectoryModel:
            shipped.trajectoryModelUrl && reportPath(localPath(shipped.trajectoryModelUrl)),
        },
        writers,
      ),
    );
  } finally {
    shipped.dispose();
  }
  const alone = await loadMnistAlone(models.mnistAloneDir, backend);
  try {
    const writers = await adaptSessions(samples, recognizerReader(alone, samples), {}, progress);
    settings.push(
      adaptSetting(
        {
          id: 'mnist-alone',
          title: `(b) the CNN trained on MNIST alone (commit ${MNIST_ALONE_COMMIT}), no trajectory model`,
          model: `git ${MNIST_ALONE_COMMIT}:packages/core/model`,
          trajectoryModel: null,
        },
        writers,
      ),
    );
  } finally {
    alone.dispose();
  }
  return settings;
}

function loadMnistAlone(dir: string, backend: TrainerBackend): Promise<Recognizer> {
  if (!existsSync(join(dir, 'model.json'))) throw new Error(`no model.json in ${dir}`);
  return Recognizer.load({
    modelUrl: join(dir, 'model.json'),
    trajectoryModelUrl: null,
    backend,
    minConfidence: 0,
  });
}

/**
 * The knobs tried by `--tune` (each combination), on the training writers only: the first pass
 * (neighbours 3); the second pass varied `neighbours` (1, 3, 5) with pixelWeight 0.3 and
 * threshold 0.5–0.7 (`--grid JSON` runs any grid).
 */
export const TUNING_GRID = {
  pixelWeight: [0.3, 0.5, 0.7, 1],
  neighbours: [3],
  threshold: [0.5, 0.6, 0.7, 0.8],
  strength: [6, 12, 24],
} as const;

/** The knobs of a tuning grid, each with the values tried. */
export type TuningGrid = Readonly<Record<keyof typeof TUNING_GRID, readonly number[]>>;

/** `--grid`'s JSON, checked: each knob of {@link TUNING_GRID} with a non-empty list of numbers. */
export function parseTuningGrid(text: string): TuningGrid {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`--grid must be JSON: ${(error as Error).message}`);
  }
  const grid = raw as Record<string, unknown>;
  for (const key of Object.keys(TUNING_GRID)) {
    const values = grid?.[key];
    if (!Array.isArray(values) || values.length === 0 || !values.every(Number.isFinite)) {
      throw new Error(`--grid: ${key} must be a non-empty list of numbers`);
    }
  }
  return grid as TuningGrid;
}

/** One tuning tried: its knobs and its figures on the training writers. */
export interface TuningResult {
  tuning: NonNullable<WriterProfileOptions['tuning']>;
  digits: number;
  errorsWithout: number;
  errorsWith: number;
  /** Writers whose errors rose with the profile. */
  writersWorse: number;
}

/**
 * `--tune`: the protocol's sessions on the UNIPEN training writers only (never the held-out
 * ones), with setting (b)'s model, for each combination of {@link TUNING_GRID}; best first
 * (fewest errors, then fewest writers made worse).
 */
export async function tuneOnTrainingWriters(
  all: readonly UnipenSample[],
  mnistAloneDir: string,
  backend: TrainerBackend,
  grid: TuningGrid = TUNING_GRID,
): Promise<TuningResult[]> {
  const { training } = splitByWriter(all);
  const recognizer = await loadMnistAlone(mnistAloneDir, backend);
  try {
    const read = await precomputedReader(recognizer, training);
    const results: TuningResult[] = [];
    for (const pixelWeight of grid.pixelWeight)
      for (const neighbours of grid.neighbours)
        for (const threshold of grid.threshold)
          for (const strength of grid.strength) {
            const tuning = { pixelWeight, neighbours, threshold, strength };
            const writers = await adaptSessions(training, read, { tuning });
            const s = summarize(writers);
            const result = {
              tuning,
              digits: s.digits,
              errorsWithout: s.errorsWithout,
              errorsWith: s.errorsWith,
              writersWorse: writers.filter((w) => w.errorsWith > w.errorsWithout).length,
            };
            console.error(JSON.stringify(result));
            results.push(result);
          }
    return results.sort((a, b) => a.errorsWith - b.errorsWith || a.writersWorse - b.writersWorse);
  } finally {
    recognizer.dispose();
  }
}

function localPath(href: string): string {
  return href.startsWith('file:') ? new URL(href).pathname : href;
}
