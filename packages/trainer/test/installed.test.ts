import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { parseExportReport } from '../src/reports/export-report.js';
import { writeSyntheticMnist } from './synthetic-mnist.js';

// The trainer as npm installs it: the built package (its `files` + package.json) copied into
// node_modules/@digit-canvas/trainer of a project that is itself a pnpm workspace, beside a
// @digit-canvas/core whose model/ is a copy (so nothing here can touch the real shipped model).
// The CLI runs from dist/cli.js in a folder of that project, on a tiny synthetic MNIST.

const run = promisify(execFile);
const TRAINER = fileURLToPath(new URL('..', import.meta.url));
const CORE = join(TRAINER, '../core');

interface PackageJson {
  files: string[];
  dependencies: Record<string, string>;
}

/** Fails early when dist/ is missing or older than src/: this test runs the build. */
function assertBuilt(): void {
  const cli = join(TRAINER, 'dist/cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `pnpm build` first');
  const built = statSync(cli).mtimeMs;
  const stale = readdirSync(join(TRAINER, 'src'), { recursive: true, encoding: 'utf8' }).find(
    (f) => f.endsWith('.ts') && statSync(join(TRAINER, 'src', f)).mtimeMs > built,
  );
  if (stale) throw new Error(`src/${stale} is newer than dist/: run \`pnpm build\` first`);
}

/** Every file under `dir` with its bytes, to show that a folder was left as it was. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  const entries = await Promise.all(
    files.map(async (f) => [f, (await readFile(join(dir, f))).toString('base64')] as const),
  );
  return new Map(entries);
}

describe('digit-canvas-train installed from npm', () => {
  let root: string;
  let project: string;
  let trainer: string;
  let coreModel: string;
  let coreBefore: Map<string, string>;
  let data: string;

  function cli(...args: string[]) {
    const env = { ...process.env };
    delete env.MNIST_DIR; // the synthetic data comes from --data
    delete env.UNIPEN_PATH; // 15,953 digits would take minutes
    return run(process.execPath, [join(trainer, 'dist/cli.js'), ...args], {
      cwd: project,
      env,
      maxBuffer: 1 << 24,
    });
  }

  before(async () => {
    assertBuilt();
    root = realpathSync(await mkdtemp(join(tmpdir(), 'trainer-installed-')));
    // The user's own monorepo: a workspace root above both node_modules and the project.
    await writeFile(join(root, 'pnpm-workspace.yaml'), "packages:\n  - 'project'\n");
    const modules = join(root, 'node_modules');
    trainer = join(modules, '@digit-canvas/trainer');
    const pkg = JSON.parse(await readFile(join(TRAINER, 'package.json'), 'utf8')) as PackageJson;
    await mkdir(trainer, { recursive: true });
    for (const entry of [...pkg.files, 'package.json']) {
      await cp(join(TRAINER, entry), join(trainer, entry), { recursive: true });
    }
    for (const dep of Object.keys(pkg.dependencies)) {
      if (dep === '@digit-canvas/core') continue;
      await mkdir(dirname(join(modules, dep)), { recursive: true });
      await symlink(realpathSync(join(TRAINER, 'node_modules', dep)), join(modules, dep));
    }
    const core = join(modules, '@digit-canvas/core');
    await mkdir(core, { recursive: true });
    await cp(join(CORE, 'package.json'), join(core, 'package.json'));
    await cp(join(CORE, 'model'), join(core, 'model'), { recursive: true });
    await symlink(join(CORE, 'dist'), join(core, 'dist'));
    coreModel = join(core, 'model');
    coreBefore = await snapshot(coreModel);
    project = join(root, 'project');
    await mkdir(project);
    data = join(root, 'data');
    await writeSyntheticMnist(data);
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('train writes runs/seed-<seed> in the working directory, not into node_modules', async () => {
    const { stdout } = await cli(
      'train',
      '--data',
      data,
      '--epochs',
      '1',
      '--validation',
      '16',
      '--batch-size',
      '16',
      '--seed',
      '5',
    );
    assert.match(stdout, /trained 1 epoch\(s\)/, 'summary line');
    for (const file of ['model/model.json', 'training.json', 'training.md', 'checkpoint.json']) {
      assert.ok(existsSync(join(project, 'runs/seed-5', file)), `runs/seed-5/${file} in the cwd`);
    }
    assert.ok(!existsSync(join(trainer, 'runs')), 'nothing written inside the trainer package');
  });

  it('export without --to refuses, naming --to, and leaves core and the cwd untouched', async () => {
    await assert.rejects(
      cli('export', '--run', 'runs/seed-5', '--data', data, '--unipen', 'none.json'),
      (error: Error & { code?: number; stderr?: string }) => {
        assert.equal(error.code, 1, 'exit code');
        assert.match(
          error.stderr ?? '',
          /export needs --to DIR: this trainer is an installed package, not the digit-canvas repository, so it does not overwrite the model of the installed @digit-canvas\/core \(.*node_modules\/@digit-canvas\/core\/model\)\. Pass --to DIR for the folder to write the model into, e\.g\. --to my-model\./,
          'the error',
        );
        return true;
      },
    );
    assert.deepEqual(await snapshot(coreModel), coreBefore, "core's model folder unchanged");
    assert.ok(!existsSync(join(project, 'reports')), 'no reports written');
  });

  it('train-trajectory without --to refuses with the same error as export', async () => {
    await assert.rejects(
      cli('train-trajectory', '--unipen', 'none.json'),
      (error: Error & { code?: number; stderr?: string }) => {
        assert.equal(error.code, 1, 'exit code');
        assert.match(
          error.stderr ?? '',
          /train-trajectory needs --to DIR: this trainer is an installed package, not the digit-canvas repository, so it does not overwrite the model of the installed @digit-canvas\/core \(.*node_modules\/@digit-canvas\/core\/model\)\. Pass --to DIR for the folder to write the model into, e\.g\. --to my-model\./,
          'the error',
        );
        return true;
      },
    );
    assert.deepEqual(await snapshot(coreModel), coreBefore, "core's model folder unchanged");
    assert.deepEqual(readdirSync(join(project, 'runs')), ['seed-5'], 'no run written');
    assert.ok(!existsSync(join(project, 'reports')), 'no reports written');
  });

  it('export refuses a model below --min-accuracy and writes nothing; --force ships it', async () => {
    const args = ['export', '--run', 'runs/seed-5', '--data', data, '--unipen', 'none.json'];
    await assert.rejects(cli(...args, '--to', 'refused'), (error: Error & { stderr?: string }) => {
      assert.match(
        error.stderr ?? '',
        /not exporting: the (float32|float16|uint8) model scores \d+\.\d\d% on the 20 MNIST test images, below the --min-accuracy floor of 99\.00%; nothing was written\. Train longer, or pass --force to export it anyway\./,
        'the error names the accuracy, the floor and --force',
      );
      return true;
    });
    assert.ok(!existsSync(join(project, 'refused')), 'no model folder');
    assert.ok(!existsSync(join(project, 'reports')), 'no reports');

    await assert.rejects(
      cli(...args, '--to', 'refused', '--min-accuracy', '120'),
      /--min-accuracy must be a percentage in 0\.\.100, got "120"/,
    );

    const { stdout, stderr } = await cli(...args, '--to', 'exported', '--force');
    assert.match(stderr, /warning: .* below the 99\.00% floor; exporting because of --force/);
    assert.match(stdout, /shipped \w+ weights \(\d+ bytes\) to .*exported/, 'summary line');
    for (const file of ['model.json', 'weights.bin', 'MODEL_CARD.md']) {
      assert.ok(existsSync(join(project, 'exported', file)), `exported/${file}`);
    }
    const exported = parseExportReport(
      JSON.parse(await readFile(join(project, 'reports/cnn/export.json'), 'utf8')),
      'reports/cnn/export.json in the cwd',
    );
    assert.equal(exported.to, 'exported', '--to, relative to the working directory');
    assert.equal(exported.unipenAccuracy, null, 'no UNIPEN digits given');

    await cli(...args, '--to', 'low-floor', '--min-accuracy', '0');
    assert.ok(existsSync(join(project, 'low-floor/model.json')), '--min-accuracy 0 exports');
    assert.deepEqual(await snapshot(coreModel), coreBefore, "core's model folder unchanged");
  });

  it('evaluate and report write into reports/ of the working directory', async () => {
    await cli('evaluate', '--model', 'exported', '--data', data);
    assert.ok(existsSync(join(project, 'reports/cnn/evaluation.json')), 'evaluation.json');
    await cli('report');
    assert.ok(existsSync(join(project, 'reports/comparison.json')), 'comparison.json');
    assert.ok(!existsSync(join(root, 'reports')), 'not at the root of the enclosing workspace');
  });

  it('baselines saves its fitted models under runs/baselines in the working directory', async () => {
    const { stdout } = await cli(
      'baselines',
      '--data',
      data,
      '--trees',
      '2',
      '--workers',
      '1',
      '--unipen',
      'none.json',
    );
    assert.match(stdout, /forest: \d+\.\d\d% on the MNIST test set/, 'summary line');
    for (const file of ['runs/baselines/tree.dctf', 'runs/baselines/forest.dctf']) {
      assert.ok(existsSync(join(project, file)), `${file} in the cwd`);
    }
    assert.ok(existsSync(join(project, 'reports/baselines/forest.json')), 'reports in the cwd');
    assert.ok(!existsSync(join(trainer, 'runs')), 'nothing written inside the trainer package');
  });

  it('every source map of the package points at a file the package ships', () => {
    const maps = readdirSync(join(trainer, 'dist'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.map'),
    );
    assert.ok(maps.length > 40, `found ${maps.length} source maps`);
    for (const map of maps) {
      const path = join(trainer, 'dist', map);
      const { sources, sourceRoot = '' } = JSON.parse(readFileSync(path, 'utf8')) as {
        sources: string[];
        sourceRoot?: string;
      };
      for (const source of sources) {
        const target = resolve(dirname(path), sourceRoot, source);
        assert.ok(
          !relative(trainer, target).startsWith('..') && existsSync(target),
          `${map}: ${source} is shipped`,
        );
      }
    }
  });
});
