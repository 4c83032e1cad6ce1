// The built Storybook for the browser tests: reused when it is newer than everything it is built
// from (the turbo build task makes it just before the tests), rebuilt otherwise, then served.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  type Middleware,
  serveStatic,
  type StaticServer,
} from '../../../scripts/static-server.mjs';

export const docsDir = resolve(fileURLToPath(import.meta.url), '../..');
export const repoRoot = resolve(docsDir, '../..');
export const outDir = join(docsDir, 'storybook-static');

/** Everything `storybook build` reads besides node_modules. */
const inputs = [
  join(docsDir, '.storybook'),
  join(docsDir, 'src'),
  join(docsDir, 'stories'),
  join(docsDir, 'public'),
  join(docsDir, 'examples'),
  join(repoRoot, 'packages/element/stories'),
  join(repoRoot, 'packages/element/dist'),
  join(repoRoot, 'packages/element/custom-elements.json'),
  join(repoRoot, 'packages/core/dist'),
  join(repoRoot, 'packages/core/model'),
  join(repoRoot, 'reports'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own mtime changes when a file is added or removed in it.
  return readdirSync(path).reduce(
    (m, name) => Math.max(m, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** Builds the static Storybook unless an up-to-date build is there; says which it did. */
export function ensureBuilt(): 'reused' | 'built' {
  const index = join(outDir, 'index.json');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > Math.max(...inputs.map(newestMtime))) return 'reused';
  execFileSync('pnpm', ['run', 'build'], { cwd: docsDir, stdio: 'inherit' });
  return 'built';
}

/** One entry of Storybook's index.json. */
export interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
}

export function readIndex(): IndexEntry[] {
  const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as {
    entries: Record<string, IndexEntry>;
  };
  return Object.values(index.entries);
}

/** Chromium asks every page without an icon link for one; that 404 is not the page's fault. */
const noFavicon: Middleware = (context, next) => {
  if (context.path !== '/favicon.ico') return next();
  context.status = 204;
};

/** Serves `outDir` on 127.0.0.1 at a free port. */
export function serve(): Promise<StaticServer> {
  return serveStatic(outDir, { middleware: [noFavicon] });
}
