// The Recognizer in Node with the shipped model, per backend, measured side by side in one run:
// single predictions (median and p95 of 200) and batches of 100 (best of 5), in predictions/s.
// Beside the public `cpu` and `wasm` paths, the engines underneath on their own: core's kernels
// in plain JavaScript (where WebAssembly SIMD is unavailable) and TensorFlow.js's cpu backend
// (what `cpu` ran before core had its own kernels).
// Uses the built dist/ (run `pnpm build` first; `pnpm bench` at the root does).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Recognizer as RecognizerClass, Stroke } from '../src/index.js';
import type { RunnableModel } from '../src/inference/types.js';
import { crossedSeven, five, four, one, seven, zero } from '../test/helpers/shapes.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const load = <T>(file: string): Promise<T> =>
  import(join(packageDir, 'dist', file)).catch(() => {
    throw new Error(`No build in ${join(packageDir, 'dist')}: run \`pnpm build\` first.`);
  }) as Promise<T>;
const dist = await load<{
  Recognizer: typeof RecognizerClass;
  preprocessStrokes: (s: Stroke[]) => Float32Array;
  DEFAULT_MODEL_URL: string;
}>('index.js');
const { readModelFiles } = await load<typeof import('../src/internal/model-loader.js')>(
  'internal/model-loader.js',
);
const { compileJsModel } =
  await load<typeof import('../src/inference/js-model.js')>('inference/js-model.js');
const { loadTfjsModel } =
  await load<typeof import('../src/inference/tfjs-model.js')>('inference/tfjs-model.js');

const inputs = [seven, crossedSeven, four, five, one, zero].map((d) => dist.preprocessStrokes(d));
const batch = Array.from({ length: 100 }, (_, i) => inputs[i % inputs.length]);
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Times one prediction at a time, then batches of 100, and prints one JSON line. */
async function measure(
  path: string,
  one: (input: Float32Array) => Promise<unknown>,
  many: (inputs: Float32Array[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < 20; i++) await one(inputs[i % inputs.length]); // warm-up
  const single: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    await one(inputs[i % inputs.length]);
    single.push(performance.now() - start);
  }
  single.sort((a, b) => a - b);
  let bestBatch = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    await many(batch);
    bestBatch = Math.min(bestBatch, performance.now() - start);
  }
  console.log(
    JSON.stringify({
      bench: 'Recognizer in Node',
      path,
      singleMsP50: +quantile(single, 0.5).toFixed(2),
      singleMsP95: +quantile(single, 0.95).toFixed(2),
      singlePerSecond: Math.round(1000 / quantile(single, 0.5)),
      batch100Ms: +bestBatch.toFixed(1),
      batchedPerSecond: Math.round((100 * 1000) / bestBatch),
    }),
  );
}

/** A runnable model, fed the way the Recognizer feeds it: images end to end. */
function viaModel(model: RunnableModel) {
  const run = (images: Float32Array[]) => {
    const flat = new Float32Array(images.length * 784);
    images.forEach((image, i) => flat.set(image, i * 784));
    return model.run(flat, images.length);
  };
  return [(input: Float32Array) => run([input]), run] as const;
}

for (const backend of ['cpu', 'wasm'] as const) {
  const recognizer = await dist.Recognizer.load({ backend });
  await measure(
    `Recognizer, backend ${backend} (${recognizer.engine === 'js' ? "core's kernels" : 'TensorFlow.js'})`,
    (input) => recognizer.predict(input),
    (images) => recognizer.predictBatch(images),
  );
  recognizer.dispose();
}
const modelPath = fileURLToPath(dist.DEFAULT_MODEL_URL);
const files = await readModelFiles({ href: modelPath, filePath: modelPath });
const plain = compileJsModel(files, null);
await measure(
  "core's kernels in plain JavaScript (no WebAssembly SIMD)",
  ...viaModel({ engine: 'js', run: async (x, n) => plain.run(x, n), dispose() {} }),
);
const tfjsCpu = await loadTfjsModel(files, {
  backend: 'cpu',
  wasmPath: undefined,
  modelUrl: modelPath,
});
await measure('TensorFlow.js cpu backend (backend cpu before this version)', ...viaModel(tfjsCpu));
tfjsCpu.dispose();
