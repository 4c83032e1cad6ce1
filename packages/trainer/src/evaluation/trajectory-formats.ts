import { join } from 'node:path';

import { Recognizer } from '@digit-canvas/core';
import type * as tfl from '@tensorflow/tfjs-layers';

import type { UnipenSample } from '../data/unipen.js';
import {
  saveLayersModel,
  TRAJECTORY_FILES,
  WEIGHT_FORMATS,
  type WeightFormat,
} from '../model/export.js';

/** One weight format of the trajectory model, as core reads it. */
export interface TrajectoryFormat {
  format: WeightFormat;
  weightBytes: number;
  /** Accuracy of the trajectory view alone on the validation writers, through core. */
  accuracy: number;
}

/**
 * The trajectory view's accuracy on `samples`, as core's Recognizer runs it (the shipped CNN
 * beside it; only `views.trajectory` is read).
 */
export async function trajectoryViewAccuracy(
  trajectoryModelUrl: string,
  samples: readonly UnipenSample[],
): Promise<number> {
  const recognizer = await Recognizer.load({ trajectoryModelUrl, backend: 'cpu' });
  try {
    const predictions = await recognizer.predictBatch(samples.map((s) => s.strokes));
    const correct = predictions.filter((p, i) => {
      const view = p.views.trajectory ?? [];
      return view.indexOf(Math.max(...view)) === samples[i]!.label;
    }).length;
    return correct / samples.length;
  } finally {
    recognizer.dispose();
  }
}

/**
 * Saves `model` in each weight format under `dir/<format>/`, measures each on the validation
 * writers through core, and picks the smallest within `maxDropPoints` of float32.
 */
export async function chooseTrajectoryFormat(
  model: tfl.LayersModel,
  dir: string,
  validation: readonly UnipenSample[],
  maxDropPoints: number,
): Promise<{ formats: TrajectoryFormat[]; chosen: TrajectoryFormat }> {
  const formats: TrajectoryFormat[] = [];
  for (const format of WEIGHT_FORMATS) {
    const saved = await saveLayersModel(model, join(dir, format), format, TRAJECTORY_FILES);
    const accuracy = await trajectoryViewAccuracy(
      join(dir, format, TRAJECTORY_FILES.json),
      validation,
    );
    formats.push({ format, weightBytes: saved.weightBytes, accuracy });
  }
  const float32 = formats[0]!.accuracy;
  const chosen = formats
    .filter((f) => (float32 - f.accuracy) * 100 <= maxDropPoints + 1e-9)
    .sort((a, b) => a.weightBytes - b.weightBytes)[0]!;
  return { formats, chosen };
}
