import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type * as tfl from '@tensorflow/tfjs-layers';

import { Recognizer, type Backend } from '@digit-canvas/core';

import type { MnistSplit } from '../data/mnist.js';
import { saveLayersModel, WEIGHT_FORMATS, type WeightFormat } from '../model/export.js';
import type { Progress } from '../progress.js';
import { evaluateOnTest } from './cnn.js';
import type { Metrics } from './metrics.js';

/** One weight format that export measured on the test set. */
export interface FormatResult {
  format: WeightFormat;
  accuracy: number;
  weightBytes: number;
}

/**
 * The smallest of `formats` (float32 first) whose accuracy is within `maxDropPoints` percentage
 * points of float32's: the rule both models' exports ship by.
 */
export function smallestWithin<F extends FormatResult>(
  formats: readonly F[],
  maxDropPoints: number,
): F {
  const float32 = formats[0]!.accuracy;
  return formats
    .filter((f) => f.accuracy >= float32 - maxDropPoints / 100 - 1e-9)
    .sort((a, b) => a.weightBytes - b.weightBytes)[0]!;
}

/** The weight format to ship, with what was measured to choose it. */
export interface ChosenFormat {
  /** Every format, float32 first. */
  formats: FormatResult[];
  chosen: WeightFormat;
  /** The chosen format's figures on the test set. */
  test: Metrics;
  /** Bytes of the chosen format's model.json. */
  topologyBytes: number;
  /** The chosen format as core loads it (e.g. to evaluate it further); the caller disposes it. */
  recognizer: Recognizer;
}

/**
 * Stores `source`'s weights in each of WEIGHT_FORMATS (in a temporary folder), loads each
 * through core's `Recognizer` and measures it on `test`. Chooses `requested`, or with `auto` the
 * smallest format whose accuracy is within `maxDropPoints` (percentage points) of float32.
 */
export async function chooseWeightFormat(
  source: tfl.LayersModel,
  test: MnistSplit,
  options: {
    readonly backend: Backend;
    readonly requested: WeightFormat | 'auto';
    readonly maxDropPoints: number;
    readonly progress?: Progress;
    /** Called after each format is measured. */
    readonly onFormat?: (result: FormatResult) => void;
  },
): Promise<ChosenFormat> {
  const scratch = await mkdtemp(join(tmpdir(), 'digit-canvas-export-'));
  const measured: (FormatResult & {
    test: Metrics;
    topologyBytes: number;
    recognizer: Recognizer;
  })[] = [];
  try {
    for (const format of WEIGHT_FORMATS) {
      const saved = await saveLayersModel(source, join(scratch, format), format);
      const recognizer = await Recognizer.load({
        modelUrl: join(scratch, format, 'model.json'),
        backend: options.backend,
      });
      const { accuracy, confusionMatrix, perClass } = await evaluateOnTest(
        recognizer,
        test,
        options.progress,
      );
      const result = { format, accuracy, weightBytes: saved.weightBytes };
      measured.push({
        ...result,
        test: { accuracy, confusionMatrix, perClass },
        topologyBytes: saved.topologyBytes,
        recognizer,
      });
      options.onFormat?.(result);
    }
  } catch (error) {
    for (const m of measured) m.recognizer.dispose();
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const chosen =
    options.requested === 'auto'
      ? smallestWithin(measured, options.maxDropPoints).format
      : options.requested;
  const pick = measured.find((m) => m.format === chosen)!;
  for (const m of measured) if (m !== pick) m.recognizer.dispose();
  return {
    formats: measured.map(({ format, accuracy, weightBytes }) => ({
      format,
      accuracy,
      weightBytes,
    })),
    chosen,
    test: pick.test,
    topologyBytes: pick.topologyBytes,
    recognizer: pick.recognizer,
  };
}
