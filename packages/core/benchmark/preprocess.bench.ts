// Preprocessing time per digit, and the trajectory view's (trajectoryFeatures + the shipped
// trajectory model on core's kernels), in Node and in Chromium (puppeteer-core driving Debian's
// Chromium). Prints one JSON line per measurement. Uses the built dist/ (run `pnpm build` first;
// `pnpm bench` at the root does). Strokes are real UNIPEN digits when the data is there.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readHeldOutUnipenPoints, unipenSkipReason } from '../../../scripts/unipen.mjs';
import type { ImageInput, Stroke } from '../src/index.js';
import { rasterCoverage, toRgba } from '../test/helpers/raster.js';
import { crossedSeven, five, four, one, seven, transform, zero } from '../test/helpers/shapes.js';
import { bestMsPerItem, report, runInChromium } from './harness.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = await import(join(packageDir, 'dist/index.js')).catch(() => {
  throw new Error(`No build in ${join(packageDir, 'dist')}: run \`pnpm build\` first.`);
});
const preprocessStrokes = dist.preprocessStrokes as (s: Stroke[]) => Float32Array;
const preprocessImage = dist.preprocessImage as (i: ImageInput) => Float32Array;

const unipenSkip = unipenSkipReason();
const digits: Stroke[][] = unipenSkip
  ? Array.from({ length: 500 }, (_, i) => [seven, crossedSeven, four, five, one, zero][i % 6])
  : readHeldOutUnipenPoints()
      .filter((_, i) => i % 8 === 0)
      .map((s) => s.strokes);
const source = unipenSkip ? 'synthetic' : 'unipen';
if (unipenSkip) console.error(unipenSkip);
const image: ImageInput = {
  data: toRgba(rasterCoverage(transform(five, 200, 40, 40), 280, 280, 18), 0, 255),
  width: 280,
  height: 280,
};

// Node
for (const d of digits) preprocessStrokes(d); // warm-up (JIT)
report(
  'preprocessStrokes',
  'node',
  bestMsPerItem(() => digits.forEach((d) => preprocessStrokes(d)), digits.length),
  {
    digits: digits.length,
    source,
  },
);
for (let i = 0; i < 20; i++) preprocessImage(image);
report(
  'preprocessImage',
  'node',
  bestMsPerItem(() => {
    for (let i = 0; i < 50; i++) preprocessImage(image);
  }, 50),
  {
    image: '280x280 RGBA',
  },
);

const { loadTrajectoryModel } = (await import(
  join(packageDir, 'dist/inference/trajectory-model.js')
)) as typeof import('../src/inference/trajectory-model.js');
const trajectoryFeatures = dist.trajectoryFeatures as (s: Stroke[]) => Float32Array;
const trajectoryModel = await loadTrajectoryModel(join(packageDir, 'model/trajectory.json'));
const readPath = (d: Stroke[]) => trajectoryModel.run(trajectoryFeatures(d), 1);
for (const d of digits) readPath(d);
report(
  'trajectory view',
  'node',
  bestMsPerItem(() => digits.forEach(readPath), digits.length),
  {
    digits: digits.length,
    source,
  },
);

// Chromium: serve the package (dist/, benchmark/browser-bench.js) and the inputs, run the same
// loops in the page.
const result = await runInChromium<{ strokes: number; image: number; trajectory: number }>(
  'browser-bench.js',
  { '/inputs.json': JSON.stringify({ digits, image: { ...image, data: Array.from(image.data) } }) },
);
const { browser } = result;
report('preprocessStrokes', 'chromium', result.strokes, { digits: digits.length, source, browser });
report('preprocessImage', 'chromium', result.image, { image: '280x280 RGBA', browser });
report('trajectory view', 'chromium', result.trajectory, {
  digits: digits.length,
  source,
  browser,
});
