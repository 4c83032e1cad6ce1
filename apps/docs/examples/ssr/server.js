// Serves the client build (`vite build` writes dist/) with <digit-canvas> rendered by Lit SSR:
// the page shows the element, in its declarative shadow root, before any JavaScript runs.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';

import '@digit-canvas/element/digit-canvas.js';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';

const dist = new URL('./dist/', import.meta.url);
const template = await readFile(new URL('index.html', dist), 'utf8');
const types = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

async function page() {
  const pad = await collectResult(render(html`<digit-canvas label="Draw a digit"></digit-canvas>`));
  return template.replace('<!--digit-canvas-->', pad);
}

/** The file at `pathname` in dist/ (and nowhere above it), or null. */
function builtFile(pathname) {
  const file = new URL(`.${pathname}`, dist);
  return file.href.startsWith(dist.href) ? readFile(file).catch(() => null) : null;
}

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url, 'http://localhost');
  if (pathname === '/' || pathname === '/index.html') {
    response.writeHead(200, { 'content-type': 'text/html' }).end(await page());
    return;
  }
  const body = await builtFile(pathname);
  if (!body) {
    response.writeHead(404).end();
    return;
  }
  const type = types[extname(pathname)] ?? 'application/octet-stream';
  response.writeHead(200, { 'content-type': type }).end(body);
});

server.listen(process.env.PORT ?? 3000, () => {
  console.log(`http://localhost:${server.address().port}/`);
});
