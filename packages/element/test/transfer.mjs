// What a page on the one-file build downloads: a static server that records every file it
// sends (raw and gzip -9 bytes), and the page a user writes. Shared by the bench and the tests
// of the built bundle (size budget, strict CSP), so all count the same bytes.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import puppeteer from 'puppeteer-core';

import { assertChrome, chromeArgs, chromePath } from '../../../scripts/chrome-path.mjs';
import { serveStatic } from '../../../scripts/static-server.mjs';

/** The element's build, where the one-file bundle and the model files are. */
export const dist = new URL('../dist/', import.meta.url);

/** The page a user would write: one script tag, one element (no attribute: the defaults). */
export function elementPage(attributes = '') {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>digit-canvas</title><link rel="icon" href="data:,">
<script>addEventListener('digit-ready', () => (window.readyAt = performance.now()));</script>
<script type="module" src="./digit-canvas.bundle.js"></script></head>
<body><digit-canvas ${attributes}></digit-canvas></body></html>`;
}

/** The bytes of a Koa body: a string, a Buffer or a file stream. */
async function bytesOf(body) {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const chunks = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Serves `dir` (and `files` from memory, see serveStatic) uncached, and records what it sends:
 * `sent()` lists `{ path, raw, gzip }` per response since the last `reset()`.
 */
export async function measuringServer(dir, { files = {} } = {}) {
  const gzipped = new Map();
  let sent = [];
  async function measure(context, next) {
    await next();
    if (context.status !== 200) return;
    const body = await bytesOf(context.body);
    context.body = body;
    context.set('cache-control', 'no-store');
    const key = context.path + body.length;
    if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }).length);
    sent.push({ path: context.path, raw: body.length, gzip: gzipped.get(key) });
  }
  const server = await serveStatic(dir, { files, middleware: [measure] });
  return {
    origin: server.origin,
    close: () => server.close(),
    sent: () => sent,
    reset: () => (sent = []),
  };
}

/**
 * For the tests of the built bundle: `dist/` served by a {@link measuringServer} (with `files`
 * from memory) and a headless Chromium; `close()` stops both. Throws when there is no build.
 */
export async function openBuiltBundle(files) {
  if (!existsSync(new URL('digit-canvas.bundle.js', dist))) {
    throw new Error(`${dist.pathname} has no build: run \`pnpm build\` first.`);
  }
  assertChrome();
  const server = await measuringServer(dist.pathname, { files });
  const browser = await puppeteer.launch({
    executablePath: chromePath,
    headless: true,
    args: chromeArgs,
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
