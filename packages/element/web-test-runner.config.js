// Browser tests in Chromium, Firefox and WebKit (scripts/browsers.mjs). The default group runs
// every test but the memory test, which runs alone in a Chromium with GC exposed and precise
// heap figures (only Chromium reports them).
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { esbuildPlugin } from '@web/dev-server-esbuild';

import { launchers } from '../../scripts/browsers.mjs';
import { readHeldOutUnipen, unipenSkipReason } from '../../scripts/unipen.mjs';
import { inputCommands } from './test/input-commands.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const require = createRequire(import.meta.url);
const coreRequire = createRequire(require.resolve('@digit-canvas/core/package.json'));

/** Browser path (from the served root) of a file on disk. */
const served = (file) => '/' + relative(repoRoot, file).split('\\').join('/');

// tfjs's ESM entries pull in CommonJS (long, seedrandom) that a browser cannot load unbundled;
// its self-contained dist/*.fesm.js builds load as they are.
const fesm = Object.fromEntries(
  [
    ['@tensorflow/tfjs-core', 'tf-core.fesm.js'],
    ['@tensorflow/tfjs-layers', 'tf-layers.fesm.js'],
    ['@tensorflow/tfjs-backend-cpu', 'tf-backend-cpu.fesm.js'],
    ['@tensorflow/tfjs-backend-wasm', 'tf-backend-wasm.fesm.js'],
    ['@tensorflow/tfjs-backend-webgl', 'tf-backend-webgl.fesm.js'],
  ].map(([name, file]) => [
    name,
    served(join(dirname(coreRequire.resolve(`${name}/package.json`)), 'dist', file)),
  ]),
);
// What those bundles still import: seedrandom (only the cpu backend's Multinomial kernel uses
// it) and the Node built-ins of the wasm backend's Node code path. Neither runs in a browser.
const shims = {
  seedrandom: served(join(here, 'test/shims/seedrandom.js')),
  fs: served(join(here, 'test/shims/node-builtin.js')),
  path: served(join(here, 'test/shims/node-builtin.js')),
  os: served(join(here, 'test/shims/node-builtin.js')),
  perf_hooks: served(join(here, 'test/shims/node-builtin.js')),
  worker_threads: served(join(here, 'test/shims/node-builtin.js')),
};

const tfjsInBrowser = {
  name: 'tfjs-fesm',
  resolveImport({ source }) {
    return fesm[source] ?? shims[source];
  },
};

/**
 * The UNIPEN digits, read from ../shared at test time (never copied into the repo); a 404 with
 * the reason to skip when they are missing. A Koa middleware rather than a plugin's serve():
 * the dev server ignores the status a serve() hook returns, so the test got a 200 text body.
 */
function unipenRoute(context, next) {
  if (context.path !== '/__unipen__/digits.json') return next();
  const skip = unipenSkipReason();
  if (skip) {
    context.status = 404;
    context.type = 'text';
    context.body = skip;
  } else {
    context.body = { samples: readHeldOutUnipen() };
  }
}

export default {
  rootDir: repoRoot,
  files: ['test/**/*.test.ts', '!test/**/*-memory.test.ts'],
  // Lit's development build, so the tests see its dev-mode warnings.
  nodeResolve: { exportConditions: ['development'] },
  middleware: [unipenRoute],
  plugins: [
    tfjsInBrowser,
    inputCommands,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(here, 'tsconfig.json') }),
  ],
  browsers: await launchers(),
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  groups: [
    {
      name: 'memory',
      files: ['test/**/*-memory.test.ts'],
      browsers: await launchers({
        engines: ['chromium'],
        chromiumArgs: ['--js-flags=--expose-gc', '--enable-precise-memory-info'],
      }),
    },
  ],
};
