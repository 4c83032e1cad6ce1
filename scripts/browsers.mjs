// The one place that decides which browser engines the browser tests run in, and how each is
// launched: Chromium (Debian's), Firefox ESR (puppeteer over WebDriver BiDi) and WebKit
// (WebKitGTK's MiniBrowser through WebKitWebDriver, on an Xvfb display this module starts).
// `BROWSERS=chromium,firefox` narrows a run; the default is all three.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';

import { chromeArgs, chromePath } from './chrome-path.mjs';

export const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const miniBrowserPath =
  process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const xvfbPath = process.env.XVFB_PATH || '/usr/bin/Xvfb';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** What each engine needs on disk, and the Debian package that brings it. */
const requirements = {
  chromium: [[chromePath, 'chromium (or set CHROME_PATH)']],
  firefox: [[firefoxPath, 'firefox-esr (or set FIREFOX_PATH)']],
  webkit: [
    [webkitDriverPath, 'webkit2gtk-driver'],
    [miniBrowserPath, 'webkit2gtk-driver (its MiniBrowser)'],
    [xvfbPath, 'xvfb'],
  ],
};

/** The engines this run uses: `BROWSERS` (comma-separated) or all three. */
export function selectedEngines() {
  const names = (process.env.BROWSERS || ENGINES.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !ENGINES.includes(name));
  if (unknown.length) {
    throw new Error(`BROWSERS names ${unknown.join(', ')}; known engines: ${ENGINES.join(', ')}.`);
  }
  return names;
}

/** The missing files of the selected engines, each with what installs it. */
export function missingEngineFiles(engines = selectedEngines()) {
  return engines.flatMap((engine) =>
    requirements[engine]
      .filter(([file]) => !existsSync(file))
      .map(([file, fix]) => `${engine}: ${file} is missing (Debian package: ${fix})`),
  );
}

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the port (the driver is up). */
async function waitForPort(port, child, what) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(true) || socket.destroy());
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on port ${port} within 10 s`);
}

const children = [];
process.on('exit', () => {
  for (const child of children) child.kill();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(130));
}

/**
 * Starts an Xvfb display (unless DISPLAY is set) and WebKitWebDriver on free ports; both end
 * with this process. Resolves to the driver's port.
 */
async function startWebKitDriver() {
  let display = process.env.DISPLAY;
  if (!display) {
    // -displayfd: Xvfb picks a free display number and writes it to fd 3 when it is ready.
    const xvfb = spawn(
      xvfbPath,
      ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
      {
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      },
    );
    children.push(xvfb);
    display = await new Promise((resolve, reject) => {
      let text = '';
      xvfb.stdio[3].on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with code ${code}`)));
    });
  }
  const port = await freePort();
  const driver = spawn(webkitDriverPath, [`--port=${port}`], {
    stdio: 'ignore',
    env: { ...process.env, DISPLAY: display },
  });
  children.push(driver);
  await waitForPort(port, driver, 'WebKitWebDriver');
  return port;
}

/**
 * The launchers of the selected engines. `chromiumArgs` adds Chromium flags (the memory test's
 * --expose-gc); the other engines take none. Each launcher package is imported here, when asked
 * for, so that `scripts/check-env.mjs` reads the paths above without loading any of them.
 */
export async function launchers({ engines = selectedEngines(), chromiumArgs = [] } = {}) {
  const missing = missingEngineFiles(engines);
  if (missing.length) throw new Error(`Browser engines missing:\n  ${missing.join('\n  ')}`);
  const made = [];
  for (const engine of engines) {
    if (engine === 'chromium') {
      made.push(
        (await import('@web/test-runner-chrome')).chromeLauncher({
          launchOptions: {
            executablePath: chromePath,
            headless: true,
            args: [...chromeArgs, ...chromiumArgs],
          },
        }),
      );
    } else if (engine === 'firefox') {
      made.push(
        (await import('@web/test-runner-puppeteer')).puppeteerLauncher({
          launchOptions: { browser: 'firefox', executablePath: firefoxPath, headless: true },
        }),
      );
    } else {
      const port = await startWebKitDriver();
      made.push(
        (await import('@web/test-runner-webdriver')).webdriverLauncher({
          hostname: '127.0.0.1',
          port,
          path: '/',
          logLevel: 'error',
          capabilities: {
            browserName: 'MiniBrowser',
            // Classic WebDriver: WebKitWebDriver speaks no BiDi, and asking for it fails the session.
            'wdio:enforceWebDriverClassic': true,
            'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
          },
        }),
      );
    }
  }
  return made;
}
