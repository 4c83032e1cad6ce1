// The built Storybook for the browser tests: reused when it is newer than everything it is built
// from (the turbo build task makes it just before the tests), rebuilt otherwise, then served.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const docsDir = resolve(fileURLToPath(import.meta.url), '../..');
export const repoRoot = resolve(docsDir, '../..');
export const outDir = join(docsDir, 'storybook-static');

/** Everything `storybook build` reads besides node_modules. */
const inputs = [
  join(docsDir, '.storybook'),
  join(docsDir, 'src'),
  join(docsDir, 'stories'),
  join(docsDir, 'public'),
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

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

/** Serves `outDir` on 127.0.0.1 at a free port; resolves to the base URL and the server. */
export async function serve(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/favicon.ico') {
      // Chromium asks every page without an icon link for one; that 404 is not the page's fault.
      res.writeHead(204).end();
      return;
    }
    let file = normalize(join(outDir, path));
    if (!file.startsWith(outDir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}
