// Preprocessing time per digit, and the trajectory view's (trajectoryFeatures + the shipped
// trajectory model on core's kernels), in Node and in Chromium (puppeteer-core driving Debian's
// Chromium). Prints one JSON line per measurement. Uses the built dist/ (run `pnpm build` first;
// `pnpm bench` at the root does). Strokes are real UNIPEN digits when the data is there.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import puppeteer from 'puppeteer-core';

import { assertChrome, chromeArgs, chromePath } from '../../../scripts/chrome-path.mjs';
import { serveStatic } from '../../../scripts/static-server.mjs';
import { readHeldOutUnipenPoints, unipenSkipReason } from '../../../scripts/unipen.mjs';
import type { ImageInput, Stroke } from '../src/index.js';
import { rasterCoverage, toRgba } from '../test/helpers/raster.js';
import { crossedSeven, five, four, one, seven, transform, zero } from '../test/helpers/shapes.js';

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

/** Best of 5 rounds (the least disturbed by the other work on the machine), in ms per item. */
function time(run: () => void, items: number): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    run();
    best = Math.min(best, (performance.now() - start) / items);
  }
  return best;
}

function report(bench: string, env: string, msPerDigit: number, extra: object): void {
  console.log(JSON.stringify({ bench, env, msPerDigit: +msPerDigit.toFixed(4), ...extra }));
}

// Node
for (const d of digits) preprocessStrokes(d); // warm-up (JIT)
report(
  'preprocessStrokes',
  'node',
  time(() => digits.forEach((d) => preprocessStrokes(d)), digits.length),
  {
    digits: digits.length,
    source,
  },
);
for (let i = 0; i < 20; i++) preprocessImage(image);
report(
  'preprocessImage',
  'node',
  time(() => {
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
  time(() => digits.forEach(readPath), digits.length),
  {
    digits: digits.length,
    source,
  },
);

// Chromium: serve the package (dist/, benchmark/browser-bench.js) and the inputs, run the same
// loops in the page.
const server = await serveStatic(packageDir, {
  files: {
    '/': '<!doctype html><title>bench</title>',
    '/inputs.json': JSON.stringify({ digits, image: { ...image, data: Array.from(image.data) } }),
  },
});

assertChrome();
const browser = await puppeteer.launch({
  executablePath: chromePath,
  headless: true,
  args: chromeArgs,
});
try {
  const page = await browser.newPage();
  await page.goto(server.origin + '/');
  // A string, so the page runs browser-bench.js as written (not tsx's transpiled closure).
  const result = (await page.evaluate(
    "import('/benchmark/browser-bench.js').then((m) => m.run())",
  )) as { strokes: number; image: number; trajectory: number; userAgent: string };
  const chrome = /Chrome\/[\d.]+/.exec(result.userAgent)?.[0] ?? 'chromium';
  report('preprocessStrokes', 'chromium', result.strokes, {
    digits: digits.length,
    source,
    browser: chrome,
  });
  report('preprocessImage', 'chromium', result.image, { image: '280x280 RGBA', browser: chrome });
  report('trajectory view', 'chromium', result.trajectory, {
    digits: digits.length,
    source,
    browser: chrome,
  });
} finally {
  await browser.close();
  await server.close();
}
