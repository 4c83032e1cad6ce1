// The one place that decides which Chromium the browser tests, benchmarks and e2e tests launch.
import { existsSync } from 'node:fs';

export const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine whose only network is a package registry. */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function assertChrome() {
  if (!existsSync(chromePath)) {
    throw new Error(
      `Chromium not found at ${chromePath}: install Debian's chromium or set CHROME_PATH.`,
    );
  }
}
