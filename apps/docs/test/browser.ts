// Debian's Chromium driven by playwright-core, collecting every console error and page error.
import { createRequire } from 'node:module';

import { type Browser, chromium, type Frame, type Page } from 'playwright-core';

import { assertChrome, chromeArgs, chromePath } from '../../../scripts/chrome-path.mjs';

export async function launch(): Promise<Browser> {
  assertChrome();
  return chromium.launch({ executablePath: chromePath, args: chromeArgs, headless: true });
}

/** A page whose console errors and uncaught exceptions are recorded in `errors`. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return { page, errors };
}

/**
 * Waits until Storybook's preview has rendered the story or docs page in `frame` (or shown its
 * error screen) and the network has settled; returns the preview's state class.
 */
export async function waitForStory(frame: Frame | Page): Promise<string> {
  const handle = await frame.waitForFunction(
    () => {
      const c = document.body.classList;
      return ['sb-show-main', 'sb-show-errordisplay', 'sb-show-nopreview'].find((s) =>
        c.contains(s),
      );
    },
    undefined,
    { timeout: 30_000 },
  );
  await frame.waitForLoadState('networkidle');
  return (await handle.jsonValue()) as string;
}

// axe-core is what Storybook's a11y addon runs in its panel; the tests run the same engine, taken
// from the addon's own dependency so the two never disagree on a rule.
const addon = createRequire(import.meta.url).resolve('@storybook/addon-a11y/package.json');
const axePath = createRequire(addon).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/** Accessibility violations inside Storybook's story root, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<AxeResult> } }).axe;
    // axe runs one audit per page at a time, and Storybook's a11y addon may be running its own
    // on the freshly rendered story: wait for that one to finish (bounded) rather than fail.
    let result: AxeResult | undefined;
    for (let attempt = 0; !result; attempt++) {
      try {
        result = await axe.run('#storybook-root');
      } catch (err) {
        if (attempt >= 50 || !String(err).includes('Axe is already running')) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}
