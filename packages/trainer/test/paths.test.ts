import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  checkoutRoot,
  coreModelDir,
  defaultBaselineModelsDir,
  defaultExportDir,
  defaultReportsDir,
  defaultRunDir,
  findCheckoutRoot,
  reportPath,
} from '../src/paths.js';

const REPO = realpathSync(fileURLToPath(new URL('../../..', import.meta.url)));

describe('reportPath', () => {
  it('prints a folder inside the repository relative to its root', () => {
    assert.equal(reportPath(join(REPO, 'packages/core/model')), 'packages/core/model');
  });

  it('keeps a folder outside the repository absolute', () => {
    assert.equal(reportPath('/tmp/elsewhere/model'), '/tmp/elsewhere/model');
  });
});

describe('default output folders', () => {
  it('puts training runs and fitted baselines in the working directory', () => {
    assert.equal(defaultRunDir(7), join(process.cwd(), 'runs/seed-7'), 'train --out');
    assert.equal(defaultBaselineModelsDir(), join(process.cwd(), 'runs/baselines'), '--models');
  });

  it('inside this checkout, reports go to its root and export ships into packages/core/model', () => {
    assert.equal(checkoutRoot(), REPO, 'the checkout is detected');
    assert.equal(defaultReportsDir(), join(REPO, 'reports'), 'reports/');
    assert.equal(defaultExportDir(), join(REPO, 'packages/core/model'), 'export --to');
    assert.equal(coreModelDir(), join(REPO, 'packages/core/model'), "core's model folder");
  });
});

describe('findCheckoutRoot', () => {
  let dir: string;
  before(async () => {
    dir = realpathSync(await mkdtemp(join(tmpdir(), 'checkout-root-')));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Makes the folders `paths` under `root` (and pnpm-workspace.yaml when `workspace`). */
  async function layout(root: string, workspace: boolean, ...paths: string[]): Promise<string> {
    await mkdir(root, { recursive: true });
    if (workspace)
      await writeFile(join(root, 'pnpm-workspace.yaml'), "packages:\n  - 'packages/*'\n");
    for (const p of paths) await mkdir(join(root, p), { recursive: true });
    return root;
  }

  it('finds a checkout whose packages/trainer and packages/core are the ones in use', async () => {
    const root = await layout(join(dir, 'repo'), true, 'packages/trainer', 'packages/core');
    assert.equal(
      findCheckoutRoot(join(root, 'packages/trainer'), join(root, 'packages/core')),
      root,
      'plain checkout',
    );
    // pnpm links core into the trainer's node_modules; the link resolves to packages/core.
    await mkdir(join(root, 'packages/trainer/node_modules/@digit-canvas'), { recursive: true });
    const link = join(root, 'packages/trainer/node_modules/@digit-canvas/core');
    await symlink(join(root, 'packages/core'), link);
    assert.equal(findCheckoutRoot(join(root, 'packages/trainer'), link), root, 'through a link');
  });

  it('rejects an install from npm, also inside another pnpm workspace', async () => {
    for (const workspace of [false, true]) {
      const root = await layout(
        join(dir, `app-${workspace}`),
        workspace,
        'node_modules/@digit-canvas/trainer',
        'node_modules/@digit-canvas/core',
        'packages/core',
      );
      assert.equal(
        findCheckoutRoot(
          join(root, 'node_modules/@digit-canvas/trainer'),
          join(root, 'node_modules/@digit-canvas/core'),
        ),
        undefined,
        workspace ? 'installed in a pnpm workspace' : 'installed in a plain project',
      );
    }
  });

  it('rejects a workspace whose trainer imports a core from node_modules', async () => {
    const root = await layout(
      join(dir, 'fork'),
      true,
      'packages/trainer/node_modules/@digit-canvas/core',
      'packages/core',
    );
    assert.equal(
      findCheckoutRoot(
        join(root, 'packages/trainer'),
        join(root, 'packages/trainer/node_modules/@digit-canvas/core'),
      ),
      undefined,
      'core is a copy, not the workspace package',
    );
  });
});
