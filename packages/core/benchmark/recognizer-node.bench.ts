// The Recognizer in Node with the shipped model, per backend, measured side by side in one run:
// single predictions (median and p95 of 200) and batches of 100 (best of 5), in predictions/s.
// Uses the built dist/ (run `pnpm build` first; `pnpm bench` at the root does).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Recognizer as RecognizerClass, Stroke } from '../src/index.js';
import { crossedSeven, five, four, one, seven, zero } from '../test/helpers/shapes.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (await import(join(packageDir, 'dist/index.js')).catch(() => {
  throw new Error(`No build in ${join(packageDir, 'dist')}: run \`pnpm build\` first.`);
})) as { Recognizer: typeof RecognizerClass; preprocessStrokes: (s: Stroke[]) => Float32Array };

const inputs = [seven, crossedSeven, four, five, one, zero].map((d) => dist.preprocessStrokes(d));
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

for (const backend of ['cpu', 'wasm'] as const) {
  const recognizer = await dist.Recognizer.load({ backend });
  for (let i = 0; i < 20; i++) await recognizer.predict(inputs[i % inputs.length]); // warm-up
  const single: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    await recognizer.predict(inputs[i % inputs.length]);
    single.push(performance.now() - start);
  }
  single.sort((a, b) => a - b);
  const batch = Array.from({ length: 100 }, (_, i) => inputs[i % inputs.length]);
  let bestBatch = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    await recognizer.predictBatch(batch);
    bestBatch = Math.min(bestBatch, performance.now() - start);
  }
  recognizer.dispose();
  console.log(
    JSON.stringify({
      bench: 'Recognizer in Node',
      backend,
      singleMsP50: +quantile(single, 0.5).toFixed(2),
      singleMsP95: +quantile(single, 0.95).toFixed(2),
      singlePerSecond: Math.round(1000 / quantile(single, 0.5)),
      batch100Ms: +bestBatch.toFixed(1),
      batchedPerSecond: Math.round((100 * 1000) / bestBatch),
    }),
  );
}
