// `pnpm --filter @digit-canvas/element bench`: loads a plain HTML page with one <digit-canvas>
// (the self-contained dist/digit-canvas.bundle.js) in Chromium, once per backend, and prints
//   - bytes the page transfers until its first prediction (raw and gzip -9),
//   - page load → first prediction (navigation start → digit-prediction, strokes set at once),
//   - warm predict(): the element's predict() and the recognizer's alone, p50/p95 over 200 runs,
//   - pointer-up → digit-prediction minus predict-delay, with real mouse input, p50/p95 over 30.
// Options: --backends cpu,wasm,webgl  --model-dir <dir with model.json> (default: dist/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import puppeteer from 'puppeteer-core';

import { assertChrome, chromeArgs, chromePath } from '../../../scripts/chrome-path.mjs';
import { serveStatic } from '../../../scripts/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../dist');
const { values: opts } = parseArgs({
  options: {
    backends: { type: 'string', default: 'cpu,wasm,webgl' },
    'model-dir': { type: 'string', default: dist },
  },
});
const modelDir = resolve(opts['model-dir']);
const WARM_RUNS = 200;
const POINTER_RUNS = 30;
const PREDICT_DELAY = 150;

for (const [file, hint] of [
  [join(dist, 'digit-canvas.bundle.js'), 'run `pnpm --filter @digit-canvas/element build` first'],
  [join(modelDir, 'model.json'), 'no model: export one with the trainer, then rebuild'],
]) {
  if (!existsSync(file)) throw new Error(`Missing ${file}: ${hint}.`);
}
assertChrome();

/** The page a user would write: one script tag, one element. */
const page = (backend) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>digit-canvas bench</title><link rel="icon" href="data:,">
<script>addEventListener('digit-ready', () => (window.benchReadyAt = performance.now()));</script>
<script type="module" src="./digit-canvas.bundle.js"></script></head>
<body><digit-canvas backend="${backend}" predict-delay="${PREDICT_DELAY}"></digit-canvas></body></html>`;

// The bench pages, and the model files from --model-dir, answered from memory beside dist/.
const files = Object.fromEntries(
  opts.backends.split(',').map((backend) => [`/bench-${backend}.html`, page(backend)]),
);
if (modelDir !== dist) {
  for (const name of readdirSync(modelDir)) {
    if (name === 'model.json' || name.endsWith('.bin')) {
      files[`/${name}`] = readFileSync(join(modelDir, name));
    }
  }
}
const gzipCache = new Map();
/** Sizes of what the server sent, per request path, since the last reset. */
let transferred = [];
async function measure(context, next) {
  await next();
  if (context.status !== 200) return;
  const body = await bytesOf(context.body);
  context.body = body;
  context.set('cache-control', 'no-store');
  const key = context.path + body.length;
  if (!gzipCache.has(key)) gzipCache.set(key, gzipSync(body, { level: 9 }).length);
  transferred.push({ path: context.path, raw: body.length, gzip: gzipCache.get(key) });
}
/** The bytes of a Koa body: a string, a Buffer or a file stream. */
async function bytesOf(body) {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const chunks = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}
const server = await serveStatic(dist, { files, middleware: [measure] });

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
  for (const backend of opts.backends.split(',')) {
    // A fresh context per backend: empty HTTP cache, so every byte is counted.
    const context = await browser.createBrowserContext();
    const tab = await context.newPage();
    const problems = [];
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    tab.on('pageerror', (e) => problems.push(String(e)));
    transferred = [];
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
      return { ms: performance.now(), defined, ready: window.benchReadyAt, digit: detail.digit };
    }, SEVEN);
    const bytes = transferred;
    if (first.error) {
      results.push({ backend, error: `${first.error} ${problems.join(' | ')}` });
      await context.close();
      continue;
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
    results.push({ backend, first, bytes, warm, pointer, problems });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`digit-canvas bench — Chromium ${chromePath}, model from ${modelDir}`);
for (const r of results) {
  console.log(`\n[${r.backend}]`);
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
