// The one-file bundle on a page whose Content-Security-Policy allows its own scripts only (no
// 'wasm-unsafe-eval'): core cannot compile its WebAssembly convolution there and must fall back
// to the plain JavaScript kernels, with the same answer and no error.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';

import { openBuiltBundle } from './transfer.mjs';

const strictPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>digit-canvas, strict CSP</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; img-src data:">
<link rel="icon" href="data:,">
<script type="module" src="./digit-canvas.bundle.js"></script></head>
<body><digit-canvas></digit-canvas></body></html>`;

let opened;
let server;
let browser;
before(async () => {
  opened = await openBuiltBundle({ '/strict.html': strictPage });
  ({ server, browser } = opened);
});
after(() => opened?.close());

it('reads a digit under a CSP without wasm-unsafe-eval, on the JavaScript kernels', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  try {
    await page.goto(`${server.origin}/strict.html`);
    const result = await page.evaluate(async () => {
      // The policy itself, checked from inside: WebAssembly may not be compiled here.
      const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
      const blocked = await WebAssembly.compile(empty).then(
        () => false,
        () => true,
      );
      await customElements.whenDefined('digit-canvas');
      const el = document.querySelector('digit-canvas');
      el.strokes = [
        [
          { x: 70, y: 60 },
          { x: 210, y: 60 },
          { x: 126, y: 238 },
        ],
      ];
      const prediction = await el.predict();
      return {
        blocked,
        digit: prediction?.digit,
        engine: el.recognizer?.engine,
        trajectory: prediction?.digits[0]?.views.trajectory?.length,
      };
    });
    assert.equal(result.blocked, true, 'the page forbids compiling WebAssembly');
    assert.equal(result.digit, 7, 'the digit is read all the same');
    assert.equal(result.engine, 'js', "on core's kernels, not TensorFlow.js");
    assert.equal(result.trajectory, 10, 'the trajectory model read the pen path too');
    // Chromium reports the refused compile itself; nothing else may go wrong.
    const unexpected = problems.filter((p) => !/WebAssembly|wasm-unsafe-eval/.test(p));
    assert.deepEqual(unexpected, [], 'no other error');
    const tfjs = server.sent().filter((f) => /tfjs|backend/.test(f.path));
    assert.deepEqual(tfjs, [], 'no TensorFlow.js chunk fetched');
  } finally {
    await page.close();
  }
});
