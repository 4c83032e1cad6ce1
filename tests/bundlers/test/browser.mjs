// Drives a built page in Debian's Chromium with real mouse input and reads what the element says.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

import { chromeArgs, chromePath } from '../../../scripts/chrome-path.mjs';

/**
 * A "2" in one stroke, in canvas fractions: an arc over the top, the diagonal, the base line.
 * Drawn at any canvas size, MNIST-style preprocessing makes it the same digit.
 */
function twoStroke() {
  const points = [];
  for (let a = Math.PI * 1.1; a <= Math.PI * 2.25; a += 0.12) {
    points.push([0.5 + 0.19 * Math.cos(a), 0.375 + 0.16 * Math.sin(a)]);
  }
  const [lx, ly] = points[points.length - 1];
  for (let i = 1; i <= 8; i++)
    points.push([lx + ((0.31 - lx) * i) / 8, ly + ((0.71 - ly) * i) / 8]);
  for (let i = 1; i <= 6; i++) points.push([0.31 + (0.39 * i) / 6, 0.71]);
  return points;
}
export const DRAWN_DIGIT = 2;

export async function launch() {
  return chromium.launch({ executablePath: chromePath, args: chromeArgs });
}

/** Resolves to the first event of one of `types` after the `after`-th (logged by the init script). */
async function nextEvent(page, types, after = 0) {
  try {
    const handle = await page.waitForFunction(
      ({ types, after }) => window.digitEvents?.slice(after).find((e) => types.includes(e.type)),
      { types, after },
      { timeout: 60_000 },
    );
    return await handle.jsonValue();
  } catch (err) {
    const events = await page.evaluate(() => JSON.stringify(window.digitEvents));
    throw new Error(`no ${types.join(' or ')} event (events so far: ${events}): ${err.message}`);
  }
}

/**
 * Opens `url`, waits for the model, draws the "2" with the mouse on the first `<digit-canvas>`
 * and resolves to what happened: the ready/error event, the prediction, failed requests, console
 * errors, and every file the page downloaded until then (`downloads`: path and gzip -9 bytes).
 * `beforeLoad(page)` runs before the page opens (to add init scripts); what `afterDraw(page)`
 * resolves to, once the prediction is in, is `afterDraw` in the result.
 */
export async function drawOnPage(browser, url, { beforeLoad, afterDraw } = {}) {
  const page = await browser.newPage();
  const failedRequests = [];
  const consoleErrors = [];
  const consoleLogs = [];
  const downloads = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.url()}`);
    else
      downloads.push(
        r
          .body()
          .then((body) => ({
            path: new URL(r.url()).pathname,
            gzip: gzipSync(body, { level: 9 }).length,
          }))
          .catch(() => null),
      );
  });
  page.on('requestfailed', (r) => failedRequests.push(`${r.failure()?.errorText} ${r.url()}`));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location().url})`);
    if (m.type() === 'log') consoleLogs.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // The page's own scripts cannot miss an event that fires early: this runs before them.
  await page.addInitScript(() => {
    window.digitEvents = [];
    for (const type of ['digit-ready', 'digit-error', 'digit-prediction']) {
      document.addEventListener(type, (e) =>
        window.digitEvents.push({
          type,
          digit: e.detail?.digit,
          message: e.detail?.message,
          // Whether the trajectory model read the pen path too (its view fused with the CNN's).
          fused: Array.isArray(e.detail?.digits?.[0]?.views?.trajectory),
        }),
      );
    }
  });
  try {
    await beforeLoad?.(page);
    await page.goto(url);
    const canvas = page.locator('digit-canvas');
    await canvas.focus(); // loads the model now instead of when the page is idle
    const loaded = await nextEvent(page, ['digit-ready', 'digit-error']);
    if (loaded.type === 'digit-error') return { loaded, failedRequests, consoleErrors };
    const box = await canvas.boundingBox();
    const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
    const [first, ...rest] = twoStroke().map(at);
    const seen = (await page.evaluate(() => window.digitEvents.length)) ?? 0;
    await page.mouse.move(...first);
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...point, { steps: 2 });
    await page.mouse.up();
    const prediction = await nextEvent(page, ['digit-prediction'], seen);
    // What the page itself shows, where it has an <output> (the docs' bundler example does).
    const output = await page.evaluate(() => document.querySelector('output')?.textContent ?? '');
    const files = (await Promise.all(downloads)).filter(Boolean);
    return {
      loaded,
      prediction,
      output,
      afterDraw: await afterDraw?.(page),
      failedRequests,
      consoleErrors,
      consoleLogs,
      downloads: files,
    };
  } finally {
    await page.close();
  }
}

/** What the example apps show in their `<output>` once the "2" is read: "2 (97%)". */
export function assertAnswerShown(result) {
  assert.match(result.output, new RegExp(`^${DRAWN_DIGIT} \\(\\d+%\\)$`), 'the page shows it');
}

/**
 * What every page that should work must show: the models loaded, the "2" read by both (the CNN
 * and the trajectory model, fused), no failed request.
 */
export function assertDrawnDigitRead(result) {
  assert.equal(result.loaded.type, 'digit-ready', `model loaded: ${result.loaded.message ?? ''}`);
  assert.equal(result.prediction.digit, DRAWN_DIGIT, 'the drawn digit is read');
  assert.equal(result.prediction.fused, true, 'the trajectory model read it too');
  assert.deepEqual(result.failedRequests, [], 'no request failed');
}
