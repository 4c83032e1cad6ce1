// `node benchmark/worksheet.mjs` (in `pnpm bench`, after run.mjs): a worksheet page of 24
// <digit-canvas> (the self-contained dist/digit-canvas.bundle.js, the models beside it) on an
// emulated phone (390×844 CSS px, 3× pixels, mobile, touch) in Chromium. Each box is scrolled
// into view and answered with a finger: real touch input (puppeteer's touchscreen, CDP
// Input.dispatchTouchEvent) drawing a UNIPEN held-out digit (a synthetic one and seven when the
// data is missing). Prints
//   - the bytes the page transferred over the whole run (raw and gzip -9), and how many times
//     each model file was fetched: once, however many boxes the page has;
//   - the JS heap (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage) once the page is
//     loaded with its models ready, and after the 24 answers;
//   - time to first answer: navigation start → models ready (the element loads them when the
//     page is idle) plus the first box's finger-up → digit-prediction, i.e. how long a user who
//     draws as soon as the page is ready waits beyond their own drawing; and the time for all
//     24: first finger-down → the 24th digit-prediction;
//   - how many boxes answered, and how many answers were right.
// Exits with code 1 when a model file is fetched other than once or a box does not answer.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import puppeteer, { TimeoutError } from 'puppeteer-core';

import { assertChrome, chromeArgs, chromePath } from '../../../scripts/chrome-path.mjs';
import { readHeldOutUnipen, unipenSkipReason } from '../../../scripts/unipen.mjs';
import { measuringServer } from '../test/transfer.mjs';
import { pickDigits, placeDigit, SYNTHETIC_DIGITS } from '../test/worksheet-digits.mjs';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const MODEL_FILES = ['model.json', 'weights.bin', 'trajectory.json', 'trajectory.bin'];
const PHONE = { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const ANSWER_TIMEOUT = 10_000;

/** The digits to draw, and what they are, for the output. */
function worksheetDigits() {
  const skip = unipenSkipReason();
  if (skip) {
    return { digits: SYNTHETIC_DIGITS, source: `a synthetic 1 and 7, not handwriting: ${skip}` };
  }
  return { digits: pickDigits(readHeldOutUnipen()), source: 'UNIPEN 1a held-out writers' };
}

/**
 * The worksheet: a sum per box whose answer is the digit drawn in it, three boxes a row on the
 * phone (so the page scrolls). The head script records, from navigation start, when the models
 * are ready and, per box, each finger-down, finger-up and answer (with the strokes it read).
 */
function worksheetPage(labels) {
  const boxes = labels.map((label, k) => {
    const sum = `${Math.floor(label / 2)} + ${Math.ceil(label / 2)}`;
    return `<li>${k + 1}. ${sum} =<digit-canvas data-box="${k}" label="${sum}"></digit-canvas>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Worksheet</title><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 16px system-ui, sans-serif; }
  ol { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; padding: 0 16px; }
  li { list-style: none; }
  digit-canvas { display: block; inline-size: 100%; margin-block-start: 4px; }
</style>
<script>
  const worksheet = (window.worksheet = {
    ready: null,
    boxes: Array.from({ length: ${labels.length} }, () => ({ down: [], up: [], answers: [] })),
  });
  const box = (e) => worksheet.boxes[e.target.closest?.('digit-canvas')?.dataset.box];
  const now = () => performance.now();
  addEventListener('digit-ready', () => (worksheet.ready ??= now()));
  addEventListener('pointerdown', (e) => box(e)?.down.push(now()));
  addEventListener('pointerup', (e) => box(e)?.up.push(now()));
  addEventListener('digit-prediction', (e) => {
    const { digit } = e.detail;
    box(e)?.answers.push({ t: now(), digit, strokes: e.target.strokes.length });
  });
</script>
<script type="module" src="./digit-canvas.bundle.js"></script></head>
<body><h1>Worksheet</h1><ol>
${boxes.join('\n')}
</ol></body></html>`;
}

/**
 * Memory after a full garbage collection, in bytes: the JS heap in use, and the array buffers
 * outside it (the model weights, pixel data).
 */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
  return { used: usedSize, buffers: backingStorageSize };
}

/** Draws `strokes` (CSS px in the box) with one finger at the box's current place. */
async function drawWithFinger(tab, rect, strokes) {
  for (const stroke of strokes) {
    const [first, ...rest] = stroke.map((p) => [rect.x + p.x, rect.y + p.y]);
    const finger = await tab.touchscreen.touchStart(...first);
    for (const point of rest) await finger.move(...point);
    await finger.end();
  }
}

/** Scrolls box `k` to the middle of the screen; its canvas's place once the frame is drawn. */
function scrollToBox(tab, k) {
  return tab.evaluate(async (k) => {
    const el = document.querySelector(`digit-canvas[data-box="${k}"]`);
    el.scrollIntoView({ block: 'center' });
    await new Promise(requestAnimationFrame);
    const { x, y, width } = el.shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x, y, width };
  }, k);
}

/**
 * Box `k`'s answer once all its `strokes` strokes are drawn (an answer between two strokes comes
 * only when the machine stalls past predict-delay), or null when none comes in time.
 */
function answerOf(tab, k, strokes) {
  return tab
    .waitForFunction(
      (k, n) => window.worksheet.boxes[k].answers.find((a) => a.strokes === n),
      { timeout: ANSWER_TIMEOUT },
      k,
      strokes,
    )
    .then(
      (handle) => handle.jsonValue(),
      (error) => {
        if (error instanceof TimeoutError) return null;
        throw error;
      },
    );
}

/** Loads the worksheet on the phone and answers every box; the figures of the run. */
async function runWorksheet(browser, server, digits) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const problems = [];
  tab.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
  tab.on('pageerror', (e) => problems.push(String(e)));
  await tab.setViewport(PHONE);
  const cdp = await tab.createCDPSession();
  server.reset();
  await tab.goto(`${server.origin}/worksheet.html`);
  await tab.waitForFunction(() => window.worksheet.ready !== null);
  const heapLoaded = await heapAfterGc(cdp);
  const answers = [];
  for (const [k, digit] of digits.entries()) {
    const rect = await scrollToBox(tab, k);
    const strokes = placeDigit(digit.strokes, rect.width);
    await drawWithFinger(tab, rect, strokes);
    answers.push(await answerOf(tab, k, strokes.length));
  }
  const heapAnswered = await heapAfterGc(cdp);
  const log = await tab.evaluate(() => window.worksheet);
  const { load, delay } = await tab.evaluate(() => ({
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
    // The page sets no predict-delay: the element's default.
    delay: document.querySelector('digit-canvas').predictDelay,
  }));
  await context.close();
  const sent = [...server.sent()];
  return { answers, log, load, delay, heapLoaded, heapAnswered, sent, problems };
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 2 ** 20).toFixed(2)} MB`;
const ms = (n) => `${n.toFixed(0)} ms`;

/** The table of a run, and whether it kept its promises (each model file once, every box). */
function report(run, labels, source) {
  const { answers, log, sent } = run;
  const fetches = MODEL_FILES.map((name) => sent.filter((s) => s.path === `/${name}`).length);
  const once = fetches.every((n) => n === 1);
  const answered = answers.filter(Boolean).length;
  const right = answers.filter((a, k) => a?.digit === labels[k]).length;
  const misread = answers.flatMap((a, k) =>
    a && a.digit !== labels[k] ? [`box ${k + 1}: ${labels[k]} read as ${a.digit ?? '?'}`] : [],
  );
  // Each answered box: its last finger-up before the answer → the answer.
  const upToAnswer = answers.flatMap((a, k) =>
    a ? [a.t - Math.max(...log.boxes[k].up.filter((t) => t <= a.t))] : [],
  );
  const first = answers[0] ? upToAnswer[0] : NaN;
  const total = (key) => kb(sent.reduce((sum, s) => sum + s[key], 0));
  const growth = run.heapAnswered.used - run.heapLoaded.used;
  const heap = ({ used, buffers }) => `${mb(used)} (array buffers ${mb(buffers)} more)`;
  // The harness's share: each box from its first finger-down to its last finger-up.
  const drawing = log.boxes.reduce((sum, box) => sum + box.up.at(-1) - box.down[0], 0);
  const rows = [
    ['bytes transferred (whole run)', `${total('raw')} raw, ${total('gzip')} gzip`],
    [
      `fetches of ${MODEL_FILES.join(' / ')}`,
      `${fetches.join(' / ')} (${once ? 'once each' : 'NOT once each'})`,
    ],
    ['JS heap after load (models ready, after GC)', heap(run.heapLoaded)],
    [
      `JS heap after ${answers.length} answers (after GC)`,
      `${heap(run.heapAnswered)}; heap ${growth < 0 ? '−' : '+'}${mb(Math.abs(growth))}`,
    ],
    [
      'time to first answer',
      `${ms(log.ready + first)} = ${ms(log.ready)} navigation → models ready (load event at ` +
        `${ms(run.load)}) + ${ms(first)} finger-up → answer`,
    ],
    [
      `all ${answers.length} answers`,
      `${ms(answers.at(-1)?.t - log.boxes[0].down[0])} (first finger-down → last answer; ` +
        `${ms(drawing)} of it the fingers drawing, at the harness's pace)`,
    ],
    [
      'finger-up → answer, each box',
      `p50 ${ms(percentile(upToAnswer, 50))}, p95 ${ms(percentile(upToAnswer, 95))} ` +
        `(${run.delay} ms of it predict-delay)`,
    ],
    [
      'boxes answered / answers right',
      `${answered} / ${right} of ${answers.length} (misread: ${misread.join(', ') || 'none'})`,
    ],
  ];
  console.log(`digit-canvas worksheet bench — ${answers.length} boxes, touch on a 390×844 phone`);
  console.log(`  Chromium ${chromePath}; digits: ${source}`);
  const width = Math.max(...rows.map(([what]) => what.length));
  for (const [what, value] of rows) console.log(`  ${what.padEnd(width)}  ${value}`);
  console.log('  bytes per response (raw, gzip):');
  for (const s of sent) {
    console.log(`    ${s.path.padEnd(30)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)}`);
  }
  console.log(`  console: ${run.problems.join(' | ') || 'clean'}`);
  return once && answered === answers.length;
}

if (!existsSync(join(dist, 'digit-canvas.bundle.js'))) {
  throw new Error(`Missing ${dist}/digit-canvas.bundle.js: run \`pnpm build\` first.`);
}
assertChrome();
const { digits, source } = worksheetDigits();
const labels = digits.map((d) => d.label);
const server = await measuringServer(dist, { files: { '/worksheet.html': worksheetPage(labels) } });
const browser = await puppeteer.launch({
  executablePath: chromePath,
  headless: true,
  args: chromeArgs,
});
try {
  const run = await runWorksheet(browser, server, digits);
  if (!report(run, labels, source)) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
