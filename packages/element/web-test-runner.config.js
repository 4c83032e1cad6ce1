// Browser tests in Debian's Chromium. The default group runs every test but the memory test,
// which runs alone in a Chromium with GC exposed and precise heap figures.
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';

import { chromeArgs, chromePath } from '../../scripts/chrome-path.mjs';
import { readHeldOutUnipen, unipenSkipReason } from '../../scripts/unipen.mjs';

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

/**
 * `draw-strokes`: replays whole strokes as real mouse input (CDP Input.dispatchMouseEvent, what
 * sendMouse uses underneath) in one round trip per drawing. The moves of a stroke are sent
 * without waiting for each one's frame, like a fast mouse, so Chromium coalesces them into
 * pointermove events with getCoalescedEvents() as it does for real hardware. Page CSS px.
 */
const cdpSessions = new WeakMap();
async function cdpFor(session) {
  const page = session.browser.getPage(session.id);
  if (!cdpSessions.has(page)) cdpSessions.set(page, await page.createCDPSession());
  return cdpSessions.get(page);
}
const drawStrokesCommand = {
  name: 'draw-strokes',
  async executeCommand({ command, payload, session }) {
    if (command !== 'draw-strokes') return undefined;
    const cdp = await cdpFor(session);
    const mouse = (type, [x, y], extra = {}) =>
      cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', ...extra });
    for (const stroke of payload.strokes) {
      await mouse('mouseMoved', stroke[0], { button: 'none' });
      await mouse('mousePressed', stroke[0], { buttons: 1, clickCount: 1 });
      await Promise.all(stroke.slice(1).map((p) => mouse('mouseMoved', p, { buttons: 1 })));
      await mouse('mouseReleased', stroke[stroke.length - 1], { buttons: 0, clickCount: 1 });
    }
    return true;
  },
};

/** `forced-colors`: turns high-contrast emulation on or off (CDP; puppeteer's API rejects it). */
const forcedColorsCommand = {
  name: 'forced-colors',
  async executeCommand({ command, payload, session }) {
    if (command !== 'forced-colors') return undefined;
    const cdp = await cdpFor(session);
    await cdp.send('Emulation.setEmulatedMedia', {
      features: [{ name: 'forced-colors', value: payload.active ? 'active' : 'none' }],
    });
    return true;
  },
};

/** `device-scale`: emulates a high-DPI screen (devicePixelRatio = payload.scale); null resets. */
const deviceScaleCommand = {
  name: 'device-scale',
  async executeCommand({ command, payload, session }) {
    if (command !== 'device-scale') return undefined;
    const cdp = await cdpFor(session);
    if (payload.scale === null) await cdp.send('Emulation.clearDeviceMetricsOverride');
    else {
      await cdp.send('Emulation.setDeviceMetricsOverride', {
        width: 800,
        height: 600,
        deviceScaleFactor: payload.scale,
        mobile: false,
      });
    }
    return true;
  },
};

const launcher = (extraArgs = []) =>
  chromeLauncher({
    launchOptions: {
      executablePath: chromePath,
      headless: true,
      args: [...chromeArgs, ...extraArgs],
    },
  });

export default {
  rootDir: repoRoot,
  files: ['test/**/*.test.ts', '!test/**/*-memory.test.ts'],
  // Lit's development build, so the tests see its dev-mode warnings.
  nodeResolve: { exportConditions: ['development'] },
  middleware: [unipenRoute],
  plugins: [
    tfjsInBrowser,
    a11ySnapshotPlugin(),
    drawStrokesCommand,
    forcedColorsCommand,
    deviceScaleCommand,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(here, 'tsconfig.json') }),
  ],
  browsers: [launcher()],
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  groups: [
    {
      name: 'memory',
      files: ['test/**/*-memory.test.ts'],
      browsers: [launcher(['--js-flags=--expose-gc', '--enable-precise-memory-info'])],
    },
  ],
};
