// Runs in the benchmark's Chromium page (plain JS, served as is): times the built preprocessing
// and the trajectory view on the inputs the Node side serves. Only the pure preprocessing
// modules and core's own kernels load: no tfjs.
import { loadTrajectoryModel } from '/dist/inference/trajectory-model.js';
import { preprocessImage } from '/dist/preprocess-image.js';
import { preprocessStrokes } from '/dist/preprocess-strokes.js';
import { trajectoryFeatures } from '/dist/trajectory.js';

import { best } from './best.js';

export async function run() {
  const inputs = await (await fetch('/inputs.json')).json();
  const image = { ...inputs.image, data: Uint8ClampedArray.from(inputs.image.data) };
  for (const d of inputs.digits) preprocessStrokes(d); // warm-up (JIT)
  const strokes = best(
    () => inputs.digits.forEach((d) => preprocessStrokes(d)),
    inputs.digits.length,
  );
  for (let i = 0; i < 20; i++) preprocessImage(image);
  const imageMs = best(() => {
    for (let i = 0; i < 50; i++) preprocessImage(image);
  }, 50);
  const model = await loadTrajectoryModel(new URL('/model/trajectory.json', location.href).href);
  const readPath = (d) => model.run(trajectoryFeatures(d), 1);
  for (const d of inputs.digits) readPath(d);
  const trajectory = best(() => inputs.digits.forEach(readPath), inputs.digits.length);
  return { strokes, image: imageMs, trajectory, userAgent: navigator.userAgent };
}
