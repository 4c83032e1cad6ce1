// The bytes a page pays for <digit-canvas> on the defaults, against the budget committed in
// size-budget.json: the one-file bundle alone, and everything the page downloads until its first
// prediction, counted in real Chromium (so a lazy chunk fetched on the default path counts too).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

import { dist, elementPage, openBuiltBundle } from './transfer.mjs';

const budget = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url), 'utf8'));
const KB = 1024;

describe('size budget (size-budget.json)', () => {
  let opened;
  let server;
  let browser;

  before(async () => {
    opened = await openBuiltBundle({ '/index.html': elementPage() });
    ({ server, browser } = opened);
  });

  after(() => opened?.close());

  it(`the one-file bundle is at most ${budget.bundleKB} KB gzip`, () => {
    const bytes = readFileSync(new URL('digit-canvas.bundle.js', dist));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    assert.ok(
      gzip <= budget.bundleKB * KB,
      `dist/digit-canvas.bundle.js is ${(gzip / KB).toFixed(1)} KB gzip, over its ${budget.bundleKB} KB budget`,
    );
  });

  it(`a page on the defaults downloads at most ${budget.firstPredictionKB} KB gzip until its first prediction`, async (t) => {
    const page = await browser.newPage();
    try {
      server.reset();
      await page.goto(`${server.origin}/index.html`);
      const digit = await page.evaluate(async () => {
        await customElements.whenDefined('digit-canvas');
        const el = document.querySelector('digit-canvas');
        // A 7, in CSS px of the 280 px element.
        el.strokes = [
          [
            { x: 70, y: 60 },
            { x: 210, y: 60 },
            { x: 126, y: 238 },
          ],
        ];
        return (await el.predict())?.digit;
      });
      assert.equal(digit, 7, 'the page reads the digit');
      const sent = server.sent();
      const total = sent.reduce((sum, file) => sum + file.gzip, 0);
      const list = sent.map((f) => `${f.path} ${(f.gzip / KB).toFixed(1)} KB`).join(', ');
      t.diagnostic(`${(total / KB).toFixed(1)} KB gzip until the first prediction: ${list}`);
      // On the defaults the page reads with both shipped models: the pair is part of the cost.
      for (const model of ['/model.json', '/trajectory.json']) {
        assert.ok(
          sent.some((f) => f.path === model),
          `${model} is fetched on the defaults (fetched: ${list})`,
        );
      }
      assert.ok(
        total <= budget.firstPredictionKB * KB,
        `${(total / KB).toFixed(1)} KB gzip until the first prediction, over the ${budget.firstPredictionKB} KB budget: ${list}`,
      );
      // TensorFlow.js is for the other backends and for models of other layers only.
      assert.deepEqual(
        sent.filter((f) => /tfjs|backend/.test(f.path)).map((f) => f.path),
        [],
        `no TensorFlow.js chunk is fetched on the defaults (fetched: ${list})`,
      );
    } finally {
      await page.close();
    }
  });
});
