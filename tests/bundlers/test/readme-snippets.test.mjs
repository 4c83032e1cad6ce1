// The plain-HTML snippets of the root README and the element README, run as written: each is the
// whole page, with the one-file build served at the /vendor/digit-canvas/ path they name.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { serveStatic } from '../../../scripts/static-server.mjs';
import { assertDrawnDigitRead, DRAWN_DIGIT, drawOnPage, launch } from './browser.mjs';
import { smokeDir } from './packed-app.mjs';

const repoRoot = join(smokeDir, '../..');
const bundleDir = join(repoRoot, 'packages/element/dist');

/** The first ```html block after `heading` in a Markdown file. */
function htmlSnippet(file, heading) {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const from = text.indexOf(heading);
  assert.ok(from >= 0, `${file} has "${heading}"`);
  const match = /```html\n([\s\S]*?)```/.exec(text.slice(from));
  assert.ok(match, `${file} has an html block after "${heading}"`);
  return match[1];
}

describe('README snippets', { timeout: 5 * 60_000 }, () => {
  let browser;
  let site;
  let root;

  before(async (t) => {
    if (!existsSync(join(bundleDir, 'digit-canvas.bundle.js'))) {
      return t.skip('no element build: run pnpm build first');
    }
    root = mkdtempSync(join(tmpdir(), 'digit-canvas-readme-'));
    cpSync(bundleDir, join(root, 'vendor/digit-canvas'), { recursive: true });
    site = await serveStatic(root);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the root README page logs the digit and its confidence', async () => {
    const page = htmlSnippet('README.md', 'Handwritten digit recognition that you add to any page');
    writeFileSync(join(root, 'root-readme.html'), page);
    const result = await drawOnPage(browser, `${site.origin}/root-readme.html`);
    assert.equal(result.loaded.type, 'digit-ready', `model loaded: ${result.loaded.message ?? ''}`);
    assert.ok(
      result.consoleLogs.some((line) => new RegExp(`^${DRAWN_DIGIT} 0\\.\\d+$`).test(line)),
      `console.log(digit, confidence) printed: ${JSON.stringify(result.consoleLogs)}`,
    );
    assert.deepEqual(result.failedRequests, [], 'no request failed');
  });

  it('the element README plain-HTML page reads a drawn digit', async () => {
    const page = htmlSnippet('packages/element/README.md', '### Plain HTML (no bundler)');
    writeFileSync(join(root, 'element-readme.html'), page);
    const result = await drawOnPage(browser, `${site.origin}/element-readme.html`);
    assertDrawnDigitRead(result);
  });
});
