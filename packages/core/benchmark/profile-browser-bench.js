// Runs in the benchmark's Chromium page (plain JS, served as is): what a full WriterProfile adds
// per digit, beside what a digit costs without it (preprocessing and the trajectory view). Only
// the pure modules and core's own kernels load: no tfjs.
import { loadTrajectoryModel } from '/dist/inference/trajectory-model.js';
import { preprocessStrokes } from '/dist/preprocess-strokes.js';
import { trajectoryFeatures } from '/dist/trajectory.js';
import { WriterProfile } from '/dist/writer-profile.js';

import { best } from './best.js';

export async function run() {
  const { examples, queries, probabilities } = await (await fetch('/profile-inputs.json')).json();
  const full = () => {
    const profile = new WriterProfile();
    for (const e of examples) profile.learn(e.strokes, e.digit);
    return profile;
  };
  const profile = full();
  // Learning: learn() and the example's features, computed at the next prediction.
  const learn = best(() => {
    const p = full();
    p.adjust(probabilities, queries[0]);
  }, examples.length);
  for (const q of queries) profile.adjust(probabilities, q); // warm-up (JIT), features cached
  const adjust = best(
    () => queries.forEach((q) => profile.adjust(probabilities, q)),
    queries.length,
  );
  const model = await loadTrajectoryModel(new URL('/model/trajectory.json', location.href).href);
  const withoutProfile = (q) => {
    preprocessStrokes(q);
    model.run(trajectoryFeatures(q), 1);
  };
  for (const q of queries) withoutProfile(q);
  const digit = best(() => queries.forEach(withoutProfile), queries.length);
  return { learn, adjust, digit, size: profile.size, userAgent: navigator.userAgent };
}
