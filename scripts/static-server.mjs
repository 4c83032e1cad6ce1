// Serves a folder on 127.0.0.1 the way a production host does: files as they are (no module
// rewriting), 404 for anything missing. For browser tests and benchmarks of built pages.
import { startDevServer } from '@web/dev-server';

/** Lets pages of any origin fetch the files, as a CDN does. */
async function allowAnyOrigin(context, next) {
  context.set('Access-Control-Allow-Origin', '*');
  await next();
}

/**
 * Starts serving `rootDir`; resolves to its origin (`http://127.0.0.1:PORT`) and a `close()`.
 * With `cors`, every response allows cross-origin reads.
 */
export async function serveStatic(rootDir, { cors = false } = {}) {
  const server = await startDevServer({
    config: {
      rootDir,
      hostname: '127.0.0.1',
      nodeResolve: false,
      middleware: cors ? [allowAnyOrigin] : [],
    },
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
    logStartMessage: false,
  });
  const { port } = server.server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => server.stop() };
}
