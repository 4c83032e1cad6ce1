// Server rendering: the docs' SSR example (a Node server rendering <digit-canvas> with Lit SSR,
// a Vite-built client that hydrates it) installed from the packed packages, its HTML read before
// any JavaScript runs, then hydrated and drawn on in Chromium. Also: the packages import in Node.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';

import { assertAnswerShown, assertDrawnDigitRead, drawOnPage } from './browser.mjs';
import { packedPackages } from './fixture.mjs';
import { createApp, createExampleApp, run } from './packed-app.mjs';

/** Starts the example's server (`node server.js`) on a free port; resolves once it listens. */
function startServer(dir) {
  const server = spawn(process.execPath, ['server.js'], {
    cwd: dir,
    env: { ...process.env, PORT: '0' },
  });
  let stderr = '';
  server.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    // It prints its URL when it listens.
    server.stdout.once('data', (line) =>
      resolve({ url: String(line).trim(), stop: () => server.kill() }),
    );
    server.once('exit', (code) => reject(new Error(`server.js exited (${code}): ${stderr}`)));
  });
}

/**
 * Runs before the page's scripts: when the element is defined (and so upgrades), keeps the
 * <canvas> of the shadow root the server rendered, to tell hydration (which adopts it) from a
 * fresh client render (which replaces it).
 */
function keepServerCanvas(page) {
  return page.addInitScript(() => {
    const define = customElements.define.bind(customElements);
    customElements.define = (name, ...rest) => {
      if (name === 'digit-canvas') {
        window.serverCanvas = document.querySelector(name)?.shadowRoot?.querySelector('canvas');
      }
      return define(name, ...rest);
    };
  });
}

describe('server rendering, with the packed packages', { timeout: 5 * 60_000 }, () => {
  const packed = packedPackages();
  let server;

  after(() => server?.stop());

  it('the server sends <digit-canvas> with its declarative shadow root', async () => {
    const dir = createExampleApp('ssr', { tarballs: packed.tarballs, root: packed.root });
    run(dir, 'pnpm', ['run', 'build']);
    server = await startServer(dir);
    const html = await (await fetch(server.url)).text();
    assert.match(
      html,
      /<digit-canvas\b[^>]*><template\b[^>]*\bshadowrootmode="open"[^>]*>[\s\S]*<canvas\b[\s\S]*<\/template><\/digit-canvas>/,
      'the element, its shadow root holding the canvas, in the HTML',
    );
  });

  it('the page hydrates the element and reads a drawn digit', async (t) => {
    if (!server) return t.skip('the server failed above');
    const result = await drawOnPage(packed.browser, server.url, {
      beforeLoad: keepServerCanvas,
      afterDraw: (page) =>
        page.evaluate(
          () =>
            window.serverCanvas instanceof HTMLCanvasElement &&
            window.serverCanvas ===
              document.querySelector('digit-canvas').shadowRoot.querySelector('canvas'),
        ),
    });
    assertDrawnDigitRead(result);
    assertAnswerShown(result);
    // A hydration mismatch throws, which shows here as a page error.
    assert.deepEqual(result.consoleErrors, [], 'no console error');
    assert.equal(result.afterDraw, true, "the element kept the server's canvas: it hydrated");
  });

  it('the packages import in Node, where there is no DOM', () => {
    const dir = createApp('node', {
      tarballs: packed.tarballs,
      root: packed.root,
      tools: ['react'],
    });
    const modules = [
      '@digit-canvas/core',
      '@digit-canvas/element',
      '@digit-canvas/element/digit-canvas.js',
      '@digit-canvas/element/react',
    ];
    const script = `for (const m of ${JSON.stringify(modules)}) console.log(m, Object.keys(await import(m)).sort().join(' '));`;
    const printed = run(dir, process.execPath, ['--input-type=module', '-e', script]);
    assert.match(printed, /^@digit-canvas\/core .*\bRecognizer\b/m, 'core exports Recognizer');
    assert.match(printed, /^@digit-canvas\/element .*\bDigitCanvas\b/m, 'the element module');
    assert.match(
      printed,
      /^@digit-canvas\/element\/digit-canvas\.js DigitCanvas$/m,
      'registration',
    );
    assert.match(printed, /^@digit-canvas\/element\/react .*\bDigitCanvas\b/m, 'the React wrapper');
  });
});
