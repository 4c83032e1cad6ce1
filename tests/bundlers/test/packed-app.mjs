// A fresh app made the way a user makes one: the packages packed as npm would publish them
// (`pnpm pack`), installed into a folder outside this repository, next to the app's own files.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const smokeDir = resolve(fileURLToPath(import.meta.url), '../..');
export const repoRoot = resolve(smokeDir, '../..');
/** The bundler example of the docs (Usage / With a bundler): the app, exactly as shown there. */
export const exampleDir = join(repoRoot, 'apps/docs/examples/bundler');

/** Packs core and element into `dir`; returns the tarball of each by package folder name. */
export function packPackages(dir) {
  const tarballs = {};
  for (const name of ['core', 'element']) {
    const before = new Set(readdirSync(dir));
    execFileSync('pnpm', ['pack', '--pack-destination', dir], {
      cwd: join(repoRoot, 'packages', name),
      stdio: 'ignore',
    });
    const added = readdirSync(dir).filter((f) => !before.has(f) && f.endsWith('.tgz'));
    if (added.length !== 1) throw new Error(`pnpm pack of ${name} wrote ${added.join(', ')}`);
    tarballs[name] = join(dir, added[0]);
  }
  return tarballs;
}

/** The exact version of a tool this package installed (so the app's install finds it in the store). */
function installedVersion(name) {
  return JSON.parse(readFileSync(join(smokeDir, 'node_modules', name, 'package.json'), 'utf8'))
    .version;
}

/**
 * A new folder holding the docs' bundler example (index.html, main.js, rollup.config.mjs), with the packed
 * element and core installed, and the bundler `tools` as the app's own devDependencies, at the versions
 * this package's lockfile pins: pnpm's store holds all of them after the repository's install,
 * so no network is needed.
 */
export function createApp(name, { tarballs, root, tools }) {
  const dir = join(root, name);
  cpSync(exampleDir, dir, { recursive: true });
  const manifest = {
    name: `digit-canvas-${name}-app`,
    private: true,
    type: 'module',
    dependencies: {
      '@digit-canvas/element': `file:${tarballs.element}`,
      '@digit-canvas/core': `file:${tarballs.core}`,
    },
    devDependencies: Object.fromEntries(tools.map((tool) => [tool, installedVersion(tool)])),
    // The element's tarball depends on core 0.0.0, which is not on the registry: use ours.
    pnpm: { overrides: { '@digit-canvas/core': `file:${tarballs.core}` } },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  run(dir, 'pnpm', ['install', '--ignore-workspace', '--prefer-offline', '--lockfile=false']);
  return dir;
}

/** Runs a command in `cwd`; throws with its output when it fails. */
export function run(cwd, command, args) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${err.stdout}\n${err.stderr}`);
  }
}

/** Runs a shell command line as the docs print it (`npx vite build`, `cp …`). */
export const shell = (cwd, line) => run(cwd, 'sh', ['-c', line]);

/** A temporary folder for the tarballs and apps, removed with `remove()`. */
export function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'digit-canvas-smoke-'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
