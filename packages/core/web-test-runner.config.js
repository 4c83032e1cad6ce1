// Chromium tests of core: the preprocessing must give the same arrays as in Node.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

import { assertChrome, chromeArgs, chromePath } from '../../scripts/chrome-path.mjs';

const here = dirname(fileURLToPath(import.meta.url));
assertChrome();

export default {
  // The repo root, so the served paths look like the package's place in the repo.
  rootDir: resolve(here, '../..'),
  files: [join(here, 'test/browser/**/*.test.ts')],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(here, 'tsconfig.json') })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromePath, headless: true, args: chromeArgs },
    }),
  ],
  concurrency: 1,
};
