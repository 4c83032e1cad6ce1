import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above this module holding pnpm-workspace.yaml (from
 * src/ when run from source, from dist/ when built), else the working directory. The committed
 * reports live there, whatever folder the CLI is started from.
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * The trainer package's own folder (this module is in src/ from source, dist/ when built): where
 * training runs and fitted baselines go by default.
 */
export function packageRoot(): string {
  return fileURLToPath(new URL('../', import.meta.url));
}

/** `reports/` at the repository root, where the docs app reads the reports from. */
export function defaultReportsDir(): string {
  return join(repoRoot(), 'reports');
}

/**
 * `path` as the reports print it: relative to the repository root when inside it, so committed
 * reports do not carry the folder of the machine that wrote them.
 */
export function reportPath(path: string): string {
  const fromRoot = relative(repoRoot(), path);
  return fromRoot && !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? fromRoot : path;
}
