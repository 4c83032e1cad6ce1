// `pnpm --filter @digit-canvas/element bench`: loads a plain HTML page with one <digit-canvas>
// (the self-contained dist/digit-canvas.bundle.js) in Chromium, once per backend, and prints
//   - bytes the page transfers until its first prediction (raw and gzip -9),
//   - page load → first prediction (navigation start → digit-prediction, strokes set at once),
//   - warm predict(): the element's predict() and the recognizer's alone, p50/p95 over 200 runs,
//   - pointer-up → digit-prediction minus predict-delay, with real mouse input, p50/p95 over 30.
// With --baseline <another build's dist/> (`benchmark/compare-with-commit.sh <commit>` makes one)
// both builds are measured in alternating rounds, so both see the same machine load.
// Options: --backends cpu,wasm,webgl  --model-dir <dir with model.json> (default: dist/)
//          --baseline <dir>  --rounds N (default 1).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import puppeteer from 'puppeteer-core';

import { assertChrome, chromeArgs, chromePath } from '../../../scripts/chrome-path.mjs';
import { elementPage, measuringServer } from '../test/transfer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../dist');
const { values: opts } = parseArgs({
  options: {
    backends: { type: 'string', default: 'cpu,wasm,webgl' },
    'model-dir': { type: 'string', default: dist },
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '1' },
  },
});
const builds = [{ name: 'this build', dir: dist }];
if (opts.baseline) builds.push({ name: 'baseline', dir: resolve(opts.baseline) });
const ROUNDS = Number(opts.rounds);
const modelDir = resolve(opts['model-dir']);
const WARM_RUNS = 200;
const POINTER_RUNS = 30;
const PREDICT_DELAY = 150;

for (const [file, hint] of [
  [join(dist, 'digit-canvas.bundle.js'), 'run `pnpm --filter @digit-canvas/element build` first'],
  [join(modelDir, 'model.json'), 'no model: export one with the trainer, then rebuild'],
  ...builds
    .slice(1)
    .map(({ dir }) => [join(dir, 'digit-canvas.bundle.js'), 'not a build of the element']),
]) {
  if (!existsSync(file)) throw new Error(`Missing ${file}: ${hint}.`);
}
assertChrome();

// The bench pages, and the model files from --model-dir, answered from memory beside dist/.
const files = Object.fromEntries(
  opts.backends
    .split(',')
    .map((backend) => [
      `/bench-${backend}.html`,
      elementPage(`backend="${backend}" predict-delay="${PREDICT_DELAY}"`),
    ]),
);
if (modelDir !== dist) {
  for (const name of readdirSync(modelDir)) {
    if (name === 'model.json' || name.endsWith('.bin')) {
      files[`/${name}`] = readFileSync(join(modelDir, name));
    }
  }
}
// One server per build, each answering the same bench pages and model files.
for (const build of builds) {
  build.server = await measuringServer(build.dir, { files });
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (xs) =>
  `p50 ${percentile(xs, 50).toFixed(2)} ms, p95 ${percentile(xs, 95).toFixed(2)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// A seven, in CSS px of the 280 px element.
const SEVEN = [
  [70, 60],
  [140, 58],
  [210, 60],
  [170, 140],
  [126, 238],
];

const browser = await puppeteer.launch({
  executablePath: chromePath,
  headless: true,
  args: chromeArgs,
});
const results = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const backend of opts.backends.split(',')) {
      for (const build of builds) results.push(await measureBuild(build, backend));
    }
  }
} finally {
  await browser.close();
  for (const build of builds) await build.server.close();
}

/** Loads the bench page of `backend` from `build` in a fresh context and measures it. */
async function measureBuild(build, backend) {
  const server = build.server;
  const result = { build: build.name, backend };
  // A fresh context per backend: empty HTTP cache, so every byte is counted.
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const problems = [];
  tab.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  tab.on('pageerror', (e) => problems.push(String(e)));
  server.reset();
  await tab.goto(`${server.origin}/bench-${backend}.html`);
  const first = await tab.evaluate(async (seven) => {
    await customElements.whenDefined('digit-canvas');
    const defined = performance.now();
    const el = document.querySelector('digit-canvas');
    const error = new Promise((r) =>
      el.addEventListener('digit-error', (e) => r(e.detail.message)),
    );
    el.strokes = [seven.map(([x, y]) => ({ x, y }))];
    const detail = await Promise.race([el.predict(), error]);
    if (typeof detail === 'string' || detail === null) return { error: detail ?? 'no model' };
    // The element may load its model on idle, before this script runs: the page itself
    // records digit-ready (it bubbles to window) from the start.
    return { ms: performance.now(), defined, ready: window.readyAt, digit: detail.digit };
  }, SEVEN);
  const bytes = [...server.sent()];
  if (first.error) {
    await context.close();
    return { ...result, error: `${first.error} ${problems.join(' | ')}` };
  }
  const warm = await tab.evaluate(async (runs) => {
    const el = document.querySelector('digit-canvas');
    const input = el.strokes;
    const element = [];
    const model = [];
    const raw = (await el.predict()).input;
    for (let i = 0; i < 20; i++) await el.recognizer.predict(raw);
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await el.predict();
      element.push(performance.now() - t);
      t = performance.now();
      await el.recognizer.predict(raw);
      model.push(performance.now() - t);
    }
    el.strokes = input;
    return { element, model };
  }, WARM_RUNS);

  // Real mouse strokes: pointerup (seen by the page) → digit-prediction, minus the debounce.
  await tab.evaluate(() => {
    const el = document.querySelector('digit-canvas');
    window.__lat = [];
    el.addEventListener('pointerup', () => (window.__up = performance.now()), { capture: true });
    el.addEventListener('digit-prediction', () =>
      window.__lat.push(performance.now() - window.__up),
    );
  });
  const box = await (await tab.$('digit-canvas')).boundingBox();
  for (let i = 0; i < POINTER_RUNS; i++) {
    await tab.evaluate(() => document.querySelector('digit-canvas').clear());
    await tab.mouse.move(box.x + SEVEN[0][0], box.y + SEVEN[0][1]);
    await tab.mouse.down();
    for (const [x, y] of SEVEN.slice(1)) await tab.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await tab.mouse.up();
    await tab.waitForFunction((n) => window.__lat.length > n, {}, i);
  }
  const pointer = (await tab.evaluate(() => window.__lat)).map((ms) => ms - PREDICT_DELAY);
  await context.close();
  return { ...result, first, bytes, warm, pointer, problems };
}

console.log(`digit-canvas bench — Chromium ${chromePath}, model from ${modelDir}`);
for (const build of builds) console.log(`  ${build.name}: ${build.dir}`);
for (const r of results) {
  console.log(`\n[${r.backend}, ${r.build}]`);
  if (r.error) {
    console.log(`  does not work here: ${r.error}`);
    continue;
  }
  const raw = r.bytes.reduce((a, b) => a + b.raw, 0);
  const gz = r.bytes.reduce((a, b) => a + b.gzip, 0);
  console.log(
    `  page load → first prediction: ${r.first.ms.toFixed(0)} ms (digit ${r.first.digit}; element ` +
      `defined at ${r.first.defined.toFixed(0)} ms, model ready at ${r.first.ready.toFixed(0)} ms)`,
  );
  console.log(`  warm element.predict() (preprocess + model + event): ${fmt(r.warm.element)}`);
  console.log(`  warm recognizer.predict() (model only):              ${fmt(r.warm.model)}`);
  console.log(`  pointer-up → digit-prediction − ${PREDICT_DELAY} ms debounce: ${fmt(r.pointer)}`);
  console.log(`  bytes transferred: ${kb(raw)} raw, ${kb(gz)} gzip`);
  for (const b of r.bytes)
    console.log(
      `    ${b.path.padEnd(40)} ${kb(b.raw).padStart(10)} ${kb(b.gzip).padStart(10)} gzip`,
    );
  if (r.problems.length) console.log(`  console errors/warnings: ${r.problems.join(' | ')}`);
  else console.log('  console: clean');
}

// The README's table: one row per build and backend, rounds pooled (first load: the median).
console.log(
  '\n| build | backend | page load → first prediction | warm `predict()` p50 / p95 | pointer-up → event − debounce p50 / p95 | transferred (raw / gzip) |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const build of builds) {
  for (const backend of opts.backends.split(',')) {
    const runs = results.filter((r) => r.build === build.name && r.backend === backend && !r.error);
    if (!runs.length) {
      console.log(`| ${build.name} | \`${backend}\` | does not work here | | | |`);
      continue;
    }
    const pooled = (pick) => runs.flatMap(pick);
    const element = pooled((r) => r.warm.element);
    const pointer = pooled((r) => r.pointer);
    const sum = (r, key) => r.bytes.reduce((a, b) => a + b[key], 0);
    const ms = (xs, p) => percentile(xs, p).toFixed(1);
    console.log(
      `| ${build.name} | \`${backend}\` | ${percentile(
        runs.map((r) => r.first.ms),
        50,
      ).toFixed(0)} ms | ` +
        `${ms(element, 50)} / ${ms(element, 95)} ms | ${ms(pointer, 50)} / ${ms(pointer, 95)} ms | ` +
        `${(
          percentile(
            runs.map((r) => sum(r, 'raw')),
            50,
          ) / 1024
        ).toFixed(1)} / ${(
          percentile(
            runs.map((r) => sum(r, 'gzip')),
            50,
          ) / 1024
        ).toFixed(1)} KB |`,
    );
  }
}
