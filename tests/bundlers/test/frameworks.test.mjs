// The docs' example apps for React 19, React 18, Vue, Svelte and Angular, each installed from the
// packed packages into a folder outside the repository, type-checked and built for production by
// its own `build` script, served, and drawn on in Chromium. Misuse files check that the element's
// typings reject what they should in each framework's type-checker.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';

import { serveStatic } from '../../../scripts/static-server.mjs';
import { assertAnswerShown, assertDrawnDigitRead, drawOnPage } from './browser.mjs';
import { packedPackages } from './fixture.mjs';
import { createExampleApp, run, smokeDir } from './packed-app.mjs';
import { assertMisusesRejected } from './type-errors.mjs';

/** What every example sets on its <digit-canvas>: an attribute and a property. */
const SETTINGS = { minConfidence: 0.6, notSure: 'Not sure: try again' };

/** What the element got from the app's template, read on the page. */
const readSettings = (page) =>
  page.evaluate(() => {
    const pad = document.querySelector('digit-canvas');
    return { minConfidence: pad.minConfidence, notSure: pad.strings.notSure };
  });

/** The React 18 example's Clear button calls `clear()` through the ref: drawing and answer go. */
async function assertClearButtonClears(page) {
  await page.getByRole('button', { name: 'Clear' }).click();
  const after = await page.evaluate(() => ({
    output: document.querySelector('output').textContent,
    strokes: document.querySelector('digit-canvas').strokes.length,
  }));
  assert.deepEqual(after, { output: '', strokes: 0 }, 'Clear cleared the drawing and the answer');
}

/**
 * The example apps (apps/docs/examples/<name>). `dist`: where the build writes the site.
 * `afterDraw(page)`: more checks once the digit is read. `misuse`: a file of misuse/, copied into
 * the app (`to`), and the type-check that must reject it.
 */
const apps = [
  {
    name: 'react',
    title: 'React 19, <digit-canvas> in TSX',
    misuse: { file: 'react.tsx', to: 'src/misuse.tsx', check: 'npx tsc --noEmit --pretty false' },
  },
  {
    name: 'react18',
    title: 'React 18, the DigitCanvas component with a ref',
    // This package installs React 19: the app gets React 18 from the registry.
    fromRegistry: ['react', 'react-dom', '@types/react', '@types/react-dom'],
    afterDraw: assertClearButtonClears,
  },
  {
    name: 'vue',
    title: 'Vue 3, <digit-canvas> in an SFC template',
    misuse: {
      file: 'Vue.vue',
      to: 'src/Misuse.vue',
      check: 'npx vue-tsc --noEmit --pretty false',
    },
  },
  {
    name: 'svelte',
    title: 'Svelte 5, <digit-canvas> in a component',
    misuse: {
      file: 'Svelte.svelte',
      to: 'src/Misuse.svelte',
      check: 'npx svelte-check --output machine',
    },
  },
  { name: 'angular', title: 'Angular, a standalone component', dist: 'dist/browser' },
];

describe('the example apps, with the packed packages', { timeout: 10 * 60_000 }, () => {
  const packed = packedPackages();
  const dirs = {};

  for (const app of apps) {
    it(`${app.title}: type-checked, built for production, reads a drawn digit`, async () => {
      const dir = createExampleApp(app.name, {
        tarballs: packed.tarballs,
        root: packed.root,
        fromRegistry: app.fromRegistry,
      });
      run(dir, 'pnpm', ['run', 'build']);
      dirs[app.name] = dir;
      const server = await serveStatic(join(dir, app.dist ?? 'dist'));
      try {
        const result = await drawOnPage(packed.browser, `${server.origin}/index.html`, {
          afterDraw: async (page) => {
            const settings = await readSettings(page);
            await app.afterDraw?.(page);
            return settings;
          },
        });
        assertDrawnDigitRead(result);
        assertAnswerShown(result);
        assert.deepEqual(result.consoleErrors, [], 'no console error');
        assert.deepEqual(result.afterDraw, SETTINGS, 'the element got the attribute and property');
      } finally {
        await server.close();
      }
    });

    if (app.misuse) {
      const { file, to, check } = app.misuse;
      it(`${app.title}: the type-check rejects misuses of <digit-canvas>`, (t) => {
        const dir = dirs[app.name];
        if (!dir) return t.skip('the app failed above');
        const misuse = join(smokeDir, 'misuse', file);
        copyFileSync(misuse, join(dir, to));
        // The check fails (it must): what it printed says whether for the right reasons.
        const { stdout } = spawnSync('sh', ['-c', check], { cwd: dir, encoding: 'utf8' });
        assertMisusesRejected(stdout, basename(to), readFileSync(misuse, 'utf8'));
      });
    }
  }
});
