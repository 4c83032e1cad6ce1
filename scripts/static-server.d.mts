import type { DevServerConfig } from '@web/dev-server';

/** A Koa middleware, as the dev server runs them. */
export type Middleware = NonNullable<DevServerConfig['middleware']>[number];

export interface StaticServerOptions {
  /** Every response allows cross-origin reads, as a CDN's do. */
  cors?: boolean;
  /** Paths (`/inputs.json`, `/` for the index) answered from memory, before the folder's files. */
  files?: Record<string, string | Buffer>;
  /** Koa middleware run around every response, e.g. to measure what is sent. */
  middleware?: Middleware[];
}

export interface StaticServer {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  close(): Promise<void>;
}

/** Serves `rootDir` on 127.0.0.1 at a free port, files as they are, 404 for anything missing. */
export function serveStatic(rootDir: string, options?: StaticServerOptions): Promise<StaticServer>;
