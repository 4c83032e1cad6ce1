// Serves a folder on 127.0.0.1 the way a production host does: files as they are (no module
// rewriting), 404 for anything missing. For browser tests and benchmarks of built pages.
import { extname } from 'node:path';

import { startDevServer } from '@web/dev-server';

/** Lets pages of any origin fetch the files, as a CDN does. */
async function allowAnyOrigin(context, next) {
  context.set('Access-Control-Allow-Origin', '*');
  await next();
}

/** Keeps to `rootDir`: the dev server maps `/__wds-outside-root__/<n>/…` to folders above it. */
async function onlyRootDir(context, next) {
  if (context.path.startsWith('/__wds-outside-root__/')) context.status = 404;
  else await next();
}

/** Answers the paths of `files` with their text or bytes, typed by extension (`/` as HTML). */
function serveFromMemory(files) {
  return async (context, next) => {
    if (!Object.hasOwn(files, context.path)) return next();
    context.type = extname(context.path) || 'html';
    context.body = files[context.path];
  };
}

/**
 * Starts serving `rootDir`; resolves to its origin (`http://127.0.0.1:PORT`) and a `close()`.
 * With `cors`, every response allows cross-origin reads. `files` adds paths answered from memory
 * (a generated page, a benchmark's inputs), served before the folder's own files. `middleware`
 * (Koa) runs around both, e.g. to measure what is sent.
 */
export async function serveStatic(rootDir, { cors = false, files = {}, middleware = [] } = {}) {
  const server = await startDevServer({
    config: {
      rootDir,
      hostname: '127.0.0.1',
      // A port of the system's choosing: the dev server's own default (8000 and up) races with
      // other servers starting at the same time.
      port: 0,
      nodeResolve: false,
      middleware: [
        ...(cors ? [allowAnyOrigin] : []),
        ...middleware,
        onlyRootDir,
        serveFromMemory(files),
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
    logStartMessage: false,
  });
  const { port } = server.server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => server.stop() };
}
