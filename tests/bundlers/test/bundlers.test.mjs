// The packages as users get them: packed, installed into a fresh app, built for production by
// each mainstream bundler, served as a static site, and drawn on in Chromium. Also the one-file
// bundle loaded from another origin, as from a CDN.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { serveStatic } from '../../../scripts/static-server.mjs';
import { assertAnswerShown, assertDrawnDigitRead, drawOnPage } from './browser.mjs';
import { packedPackages } from './fixture.mjs';
import { createApp, exampleDir, repoRoot, shell } from './packed-app.mjs';

/** The element's committed budget: what a page on the defaults may download, gzip KB. */
const budget = JSON.parse(
  readFileSync(join(repoRoot, 'packages/element/size-budget.json'), 'utf8'),
);

/** The build steps the Usage page prints for each bundler, run here as printed. */
const builds = JSON.parse(readFileSync(join(exampleDir, 'builds.json'), 'utf8'));

/** Each bundler's own packages, installed into the app as its devDependencies. */
const tools = {
  Vite: ['vite'],
  'webpack 5': ['webpack', 'webpack-cli'],
  Rollup: [
    'rollup',
    '@rollup/plugin-node-resolve',
    '@rollup/plugin-commonjs',
    '@web/rollup-plugin-import-meta-assets',
  ],
  esbuild: ['esbuild'],
};

/**
 * esbuild leaves `new URL(…, import.meta.url)` alone, so the page names the copied models, as
 * the Usage page says: `<digit-canvas model-url="model/model.json"
 * trajectory-model-url="model/trajectory.json">` (a model-url alone would read with the CNN alone).
 */
function pointAtCopiedModel(dir) {
  const page = readFileSync(join(dir, 'index.html'), 'utf8');
  const named = page.replace(
    '<digit-canvas ',
    '<digit-canvas model-url="model/model.json" trajectory-model-url="model/trajectory.json" ',
  );
  assert.notEqual(named, page, 'the example page has a <digit-canvas>');
  writeFileSync(join(dir, 'dist', 'index.html'), named);
}

describe('the packed packages in an app', { timeout: 15 * 60_000 }, () => {
  const packed = packedPackages();
  const apps = {};

  for (const [bundler, steps] of Object.entries(builds)) {
    it(`${bundler}: the production build reads a drawn digit with the shipped models`, async () => {
      assert.ok(tools[bundler], `the test knows what ${bundler} installs`);
      const dir = createApp(bundler.replace(/\W+/g, '-'), {
        tarballs: packed.tarballs,
        root: packed.root,
        tools: tools[bundler],
      });
      for (const step of steps) shell(dir, step);
      if (bundler === 'esbuild') pointAtCopiedModel(dir);
      apps[bundler] = dir;
      const server = await serveStatic(join(dir, 'dist'));
      try {
        const result = await drawOnPage(packed.browser, `${server.origin}/index.html`);
        assertDrawnDigitRead(result);
        assertAnswerShown(result);
        assert.deepEqual(result.consoleErrors, [], 'no console error');
        // The app's build pays what the one-file bundle pays: no TensorFlow.js on the defaults.
        const total = result.downloads.reduce((sum, file) => sum + file.gzip, 0);
        const list = result.downloads.map((f) => `${f.path} ${(f.gzip / 1024).toFixed(1)} KB`);
        console.log(
          JSON.stringify({ bundler, firstPredictionKB: +(total / 1024).toFixed(1), files: list }),
        );
        assert.ok(
          total <= budget.firstPredictionKB * 1024,
          `${(total / 1024).toFixed(1)} KB gzip until the first prediction, over the ${budget.firstPredictionKB} KB budget: ${list.join(', ')}`,
        );
      } finally {
        await server.close();
      }
    });
  }

  it('a production build that lost its weights says which file and what status', async (t) => {
    const dir = apps.Vite;
    if (!dir) return t.skip('the Vite build failed above');
    const assets = join(dir, 'dist', 'assets');
    // The CNN's weights (the trajectory model's are trajectory-*.bin).
    const weights = readdirSync(assets).filter((f) => /^weights\b.*\.bin$/.test(f));
    assert.equal(weights.length, 1, `one CNN weight file emitted, got ${weights.join(', ')}`);
    rmSync(join(assets, weights[0]));
    const server = await serveStatic(join(dir, 'dist'));
    try {
      const { loaded } = await drawOnPage(packed.browser, `${server.origin}/index.html`);
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
      const pageDir = join(packed.root, `cdn-page-${backend}`);
      mkdirSync(pageDir, { recursive: true });
      writeFileSync(
        join(pageDir, 'index.html'),
        `<!doctype html>
<meta charset="utf-8" />
<title>digit-canvas from a CDN</title>
<link rel="icon" href="data:," />
<script type="module" src="${cdn.origin}/digit-canvas.bundle.js"></script>
<digit-canvas backend="${backend}"></digit-canvas>
`,
      );
      const site = await serveStatic(pageDir);
      try {
        assert.notEqual(site.origin, cdn.origin, 'two origins');
        const result = await drawOnPage(packed.browser, `${site.origin}/index.html`);
        assertDrawnDigitRead(result);
        assert.deepEqual(result.consoleErrors, [], 'no console error');
      } finally {
        await site.close();
        await cdn.close();
      }
    });
  }
});
