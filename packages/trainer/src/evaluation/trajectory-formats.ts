import { join } from 'node:path';

import type * as tfl from '@tensorflow/tfjs-layers';

import { Recognizer } from '@digit-canvas/core';

import type { UnipenSample } from '../data/unipen.js';
import { saveLayersModel, TRAJECTORY_FILES, WEIGHT_FORMATS } from '../model/export.js';
import { evaluateOnUnipen } from './cnn.js';
import { smallestWithin, type FormatResult } from './weight-formats.js';

/**
 * The trajectory view's accuracy on `samples`, as core's Recognizer runs it (the shipped CNN
 * beside it; only the trajectory view's figure is kept).
 */
async function trajectoryViewAccuracy(
  trajectoryModelUrl: string,
  samples: readonly UnipenSample[],
): Promise<number> {
  const recognizer = await Recognizer.load({ trajectoryModelUrl, backend: 'cpu' });
  try {
    return (await evaluateOnUnipen(recognizer, samples)).trajectory!.accuracy;
  } finally {
    recognizer.dispose();
  }
}

/**
 * Saves `model` in each weight format under `dir/<format>/`, measures each on the validation
 * writers through core, and picks the smallest within `maxDropPoints` of float32 (the CNN's rule,
 * `smallestWithin`).
 */
export async function chooseTrajectoryFormat(
  model: tfl.LayersModel,
  dir: string,
  validation: readonly UnipenSample[],
  maxDropPoints: number,
): Promise<{ formats: FormatResult[]; chosen: FormatResult }> {
  const formats: FormatResult[] = [];
  for (const format of WEIGHT_FORMATS) {
    const saved = await saveLayersModel(model, join(dir, format), format, TRAJECTORY_FILES);
    const accuracy = await trajectoryViewAccuracy(
      join(dir, format, TRAJECTORY_FILES.json),
      validation,
    );
    formats.push({ format, weightBytes: saved.weightBytes, accuracy });
  }
  return { formats, chosen: smallestWithin(formats, maxDropPoints) };
}
