import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the CLI writes by default, in one place. The rule:
//  - everything goes under the working directory (runs/…, reports/…), like any CLI;
//  - except inside the digit-canvas repository checkout, where reports go to the root's
//    reports/ (the docs app reads them there) and `export` ships into packages/core/model.
// An installed trainer never writes into node_modules on its own: its package folder and
// @digit-canvas/core's are other people's files.

/**
 * The trainer package's own folder (this module is in src/ from source, dist/ when built).
 *
 * @internal
 */
export function packageRoot(): string {
  return fileURLToPath(new URL('../', import.meta.url));
}

/**
 * The folder of the @digit-canvas/core package the trainer imports (its real path: a pnpm
 * workspace link resolves to packages/core).
 *
 * @internal
 */
export function corePackageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@digit-canvas/core/package.json'));
}

/** The model folder inside @digit-canvas/core, where the shipped model lives. */
export function coreModelDir(): string {
  return join(corePackageDir(), 'model');
}

/**
 * The root of the digit-canvas repository when `trainerDir` is that checkout's packages/trainer:
 * the nearest folder above it holding pnpm-workspace.yaml, provided the trainer is that
 * workspace's packages/trainer and `coreDir` (the @digit-canvas/core it imports) is its
 * packages/core, not a copy in node_modules. Anything else (an install from npm, even inside
 * someone else's pnpm workspace) gives `undefined`.
 *
 * @internal
 */
export function findCheckoutRoot(trainerDir: string, coreDir: string): string | undefined {
  const real = (path: string): string | undefined => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  };
  const trainer = real(trainerDir);
  const core = real(coreDir);
  if (!trainer || !core) return undefined;
  for (let dir = dirname(trainer); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) {
      const isOurs =
        real(join(dir, 'packages/trainer')) === trainer &&
        real(join(dir, 'packages/core')) === core;
      return isOurs ? dir : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** The root of the repository checkout this trainer runs from, or `undefined` when installed. */
export function checkoutRoot(): string | undefined {
  return findCheckoutRoot(packageRoot(), corePackageDir());
}

/**
 * The repository root inside the checkout, else the working directory: what the reports folder
 * hangs from and printed paths are relative to.
 *
 * @internal
 */
export function projectRoot(): string {
  return checkoutRoot() ?? process.cwd();
}

/** `runs/seed-<seed>` in the working directory: the default `train --out`. */
export function defaultRunDir(seed: number): string {
  return join(process.cwd(), 'runs', `seed-${seed}`);
}

/** `runs/baselines` in the working directory: the default `baselines --models`. */
export function defaultBaselineModelsDir(): string {
  return join(process.cwd(), 'runs', 'baselines');
}

/**
 * `reports/` at the root of the repository checkout (where the docs app reads the reports
 * from), or in the working directory when the trainer is installed.
 */
export function defaultReportsDir(): string {
  return join(projectRoot(), 'reports');
}

/**
 * The default `export --to`: @digit-canvas/core's model folder inside the repository checkout;
 * `undefined` when installed, so that `export` never overwrites an installed core's model.
 */
export function defaultExportDir(): string | undefined {
  return checkoutRoot() === undefined ? undefined : coreModelDir();
}

/**
 * `path` as the reports print it: relative to the repository root (the working directory when
 * installed) when inside it, so reports do not carry the folder of the machine that wrote them.
 */
export function reportPath(path: string): string {
  const fromRoot = relative(projectRoot(), path);
  return fromRoot && !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? fromRoot : path;
}
