// The packages as users get them: packed, installed into a fresh app, built for production by
// each mainstream bundler, served as a static site, and drawn on in Chromium. Also the one-file
// bundle loaded from another origin, as from a CDN.
import assert from 'node:assert/strict';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { serveStatic } from '../../../scripts/static-server.mjs';
import { DRAWN_DIGIT, drawOnPage, launch } from './browser.mjs';
import { createApp, packPackages, run, smokeDir, workspace } from './packed-app.mjs';

const readConfig = (file) => readFileSync(join(smokeDir, 'configs', file), 'utf8');

/** Copies the app's index.html into its output folder, for bundlers that build only scripts. */
const withPage = (dir) => copyFileSync(join(dir, 'index.html'), join(dir, 'dist', 'index.html'));

// Each build is what the element README tells a user of that bundler to do.
const bundlers = [
  {
    name: 'Vite',
    tools: ['vite'],
    build: (dir) => run(dir, 'pnpm', ['exec', 'vite', 'build']),
  },
  {
    name: 'webpack 5',
    tools: ['webpack', 'webpack-cli'],
    build: (dir) => {
      run(dir, 'pnpm', ['exec', 'webpack', '--mode', 'production', '--entry', './main.js']);
      withPage(dir);
    },
  },
  {
    name: 'Rollup',
    tools: [
      'rollup',
      '@rollup/plugin-node-resolve',
      '@rollup/plugin-commonjs',
      '@web/rollup-plugin-import-meta-assets',
    ],
    files: { 'rollup.config.mjs': readConfig('rollup.config.mjs') },
    build: (dir) => {
      run(dir, 'pnpm', ['exec', 'rollup', '-c']);
      withPage(dir);
    },
  },
  {
    name: 'esbuild',
    tools: ['esbuild'],
    build: (dir) => {
      // esbuild leaves new URL(…, import.meta.url) alone: the model is copied and named.
      run(dir, 'pnpm', [
        'exec',
        'esbuild',
        'main.js',
        '--bundle',
        '--minify',
        '--format=esm',
        '--outdir=dist',
      ]);
      cpSync(join(dir, 'node_modules/@digit-canvas/core/model'), join(dir, 'dist/model'), {
        recursive: true,
      });
      const page = readFileSync(join(dir, 'index.html'), 'utf8').replace(
        '<digit-canvas ',
        '<digit-canvas model-url="model/model.json" ',
      );
      writeFileSync(join(dir, 'dist', 'index.html'), page);
    },
  },
];

describe('the packed packages in an app', { timeout: 15 * 60_000 }, () => {
  let ws;
  let tarballs;
  let browser;
  const apps = {};

  before(async () => {
    ws = workspace();
    tarballs = packPackages(ws.root);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    ws?.remove();
  });

  for (const bundler of bundlers) {
    it(`${bundler.name}: the production build reads a drawn digit with the shipped model`, async () => {
      const dir = createApp(bundler.name.replace(/\W+/g, '-'), {
        tarballs,
        root: ws.root,
        ...bundler,
      });
      bundler.build(dir);
      apps[bundler.name] = dir;
      const server = await serveStatic(join(dir, 'dist'));
      try {
        const result = await drawOnPage(browser, `${server.origin}/index.html`);
        assert.equal(
          result.loaded.type,
          'digit-ready',
          `model loaded: ${result.loaded.message ?? ''}`,
        );
        assert.equal(result.prediction.digit, DRAWN_DIGIT, 'the drawn digit is read');
        assert.deepEqual(result.failedRequests, [], 'no request failed');
        assert.deepEqual(result.consoleErrors, [], 'no console error');
      } finally {
        await server.close();
      }
    });
  }

  it('a production build that lost its weights says which file and what status', async (t) => {
    const dir = apps.Vite;
    if (!dir) return t.skip('the Vite build failed above');
    const assets = join(dir, 'dist', 'assets');
    const weights = readdirSync(assets).filter((f) => f.endsWith('.bin'));
    assert.equal(weights.length, 1, `one weight file emitted, got ${weights.join(', ')}`);
    rmSync(join(assets, weights[0]));
    const server = await serveStatic(join(dir, 'dist'));
    try {
      const { loaded } = await drawOnPage(browser, `${server.origin}/index.html`);
      assert.equal(loaded.type, 'digit-error', 'the element reports the failure');
      assert.ok(loaded.message.includes(`${server.origin}/assets/${weights[0]}`), loaded.message);
      assert.match(loaded.message, /HTTP 404/, 'the status is named');
    } finally {
      await server.close();
    }
  });

  for (const backend of ['cpu', 'wasm']) {
    it(`the one-file bundle served from another origin (a CDN) finds its model, backend ${backend}`, async (t) => {
      const dir = apps.Vite;
      if (!dir) return t.skip('the Vite app failed above');
      const cdn = await serveStatic(
        realpathSync(join(dir, 'node_modules/@digit-canvas/element/dist')),
        {
          cors: true,
        },
      );
      const pageDir = join(ws.root, `cdn-page-${backend}`);
      mkdirSync(pageDir, { recursive: true });
      writeFileSync(
        join(pageDir, 'index.html'),
        `<!doctype html>
<meta charset="utf-8" />
<title>digit-canvas from a CDN</title>
<link rel="icon" href="data:," />
<script>
  window.digitEvents = [];
  for (const type of ['digit-ready', 'digit-error', 'digit-prediction'])
    document.addEventListener(type, (e) => window.digitEvents.push({ type, digit: e.detail?.digit, message: e.detail?.message }));
</script>
<script type="module" src="${cdn.origin}/digit-canvas.bundle.js"></script>
<digit-canvas backend="${backend}"></digit-canvas>
`,
      );
      const site = await serveStatic(pageDir);
      try {
        assert.notEqual(site.origin, cdn.origin, 'two origins');
        const result = await drawOnPage(browser, `${site.origin}/index.html`);
        assert.equal(
          result.loaded.type,
          'digit-ready',
          `model loaded: ${result.loaded.message ?? ''}`,
        );
        assert.equal(result.prediction.digit, DRAWN_DIGIT, 'the drawn digit is read');
        assert.deepEqual(result.failedRequests, [], 'no request failed');
        assert.deepEqual(result.consoleErrors, [], 'no console error');
      } finally {
        await site.close();
        await cdn.close();
      }
    });
  }
});
