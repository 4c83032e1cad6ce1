// A fresh app made the way a user makes one: the packages packed as npm would publish them
// (`pnpm pack`), installed into a folder outside this repository, next to the app's own files.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import semver from 'semver';

export const smokeDir = resolve(fileURLToPath(import.meta.url), '../..');
export const repoRoot = resolve(smokeDir, '../..');
/** The example apps of the docs, each in its own folder, shown on the usage pages as written. */
export const examplesDir = join(repoRoot, 'apps/docs/examples');
/** The bundler example of the docs (Usage / With a bundler): the app, exactly as shown there. */
export const exampleDir = join(examplesDir, 'bundler');

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
  install(dir, tarballs, {
    name: `digit-canvas-${name}-app`,
    private: true,
    type: 'module',
    dependencies: {
      '@digit-canvas/element': `file:${tarballs.element}`,
      '@digit-canvas/core': `file:${tarballs.core}`,
    },
    devDependencies: Object.fromEntries(tools.map((tool) => [tool, installedVersion(tool)])),
  });
  return dir;
}

/**
 * A copy of the docs' example app `name` (apps/docs/examples/<name>) in `root`, installed from
 * its own package.json with two changes: the @digit-canvas packages are the tarballs, and every
 * other package is pinned to the version this package's lockfile installed, which must be one the
 * example's range accepts. Packages named in `fromRegistry` (which this package cannot install
 * next to another major version of the same name, such as React 18) keep the example's range.
 */
export function createExampleApp(name, { tarballs, root, fromRegistry = [] }) {
  const dir = join(root, name);
  cpSync(join(examplesDir, name), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [pkg, range] of Object.entries(manifest[field] ?? {})) {
      if (pkg.startsWith('@digit-canvas/')) {
        manifest[field][pkg] = `file:${tarballs[pkg.slice('@digit-canvas/'.length)]}`;
      } else if (!fromRegistry.includes(pkg)) {
        const version = installedVersion(pkg);
        if (!semver.satisfies(version, range)) {
          throw new Error(
            `${name}/package.json asks for ${pkg}@${range}; the tests install ${version}`,
          );
        }
        manifest[field][pkg] = version;
      }
    }
  }
  install(dir, tarballs, manifest);
  return dir;
}

/** Writes `manifest` as the app's package.json and installs it, outside this workspace. */
function install(dir, tarballs, manifest) {
  // The element's tarball depends on core 0.0.0, which is not on the registry: use ours.
  manifest.pnpm = { overrides: { '@digit-canvas/core': `file:${tarballs.core}` } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  run(dir, 'pnpm', ['install', '--ignore-workspace', '--prefer-offline', '--lockfile=false']);
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
