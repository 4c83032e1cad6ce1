// What the core benchmarks share: how a figure is printed, how a loop is timed in Node, and how
// a module of the benchmark folder runs in Debian's Chromium on the built package.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import puppeteer from 'puppeteer-core';

import { assertChrome, chromeArgs, chromePath } from '../../../scripts/chrome-path.mjs';
import { serveStatic } from '../../../scripts/static-server.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Prints one measurement as a JSON line. */
export function report(bench: string, env: string, msPerDigit: number, extra: object): void {
  console.log(JSON.stringify({ bench, env, msPerDigit: +msPerDigit.toFixed(4), ...extra }));
}

/** Best of 5 rounds (the least disturbed by the other work on the machine), in ms per item. */
export function bestMsPerItem(run: () => void, items: number): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    run();
    best = Math.min(best, (performance.now() - start) / items);
  }
  return best;
}

/**
 * Serves the package (dist/, benchmark/) with `files` beside it, opens it in Chromium and
 * resolves to what `run()` of the benchmark module `script` returns, with the browser's version.
 */
export async function runInChromium<T>(
  script: string,
  files: Record<string, string>,
): Promise<T & { browser: string }> {
  const server = await serveStatic(packageDir, {
    files: { '/': '<!doctype html><title>bench</title>', ...files },
  });
  assertChrome();
  const browser = await puppeteer.launch({
    executablePath: chromePath,
    headless: true,
    args: chromeArgs,
  });
  try {
    const page = await browser.newPage();
    await page.goto(server.origin + '/');
    // A string, so the page runs the module as written (not tsx's transpiled closure).
    const result = (await page.evaluate(
      `import('/benchmark/${script}').then((m) => m.run())`,
    )) as T & { userAgent: string };
    const { userAgent, ...measured } = result;
    const version = /Chrome\/[\d.]+/.exec(userAgent)?.[0] ?? 'chromium';
    return { ...(measured as T), browser: version };
  } finally {
    await browser.close();
    await server.close();
  }
}
