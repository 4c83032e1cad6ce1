import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function cli(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', CLI, ...args], { maxBuffer: 1 << 24 });
}

interface Report {
  history: { epoch: number; valAccuracy: number; loss: number }[];
  trainCount: number;
  validationCount: number;
  config: { seed: number; epochs: number };
}

describe('digit-canvas-train train (through the CLI)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'train-cli-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('smoke: 1 epoch on 2,000 images beats chance and writes the model and both reports', async () => {
    const out = join(dir, 'smoke');
    const { stdout } = await cli(
      'train',
      '--epochs',
      '1',
      '--limit',
      '2000',
      '--validation',
      '1000',
      '--seed',
      '3',
      '--out',
      out,
    );
    assert.match(stdout, /trained 1 epoch\(s\)/, 'summary line');
    const report = JSON.parse(await readFile(join(out, 'training.json'), 'utf8')) as Report;
    assert.equal(report.trainCount, 2000, 'training images');
    assert.equal(report.validationCount, 1000, 'validation images');
    assert.ok(
      report.history[0]!.valAccuracy > 0.3,
      `validation accuracy ${report.history[0]!.valAccuracy} should beat chance (0.1) by far`,
    );
    assert.match(
      await readFile(join(out, 'training.md'), 'utf8'),
      /\| 1 \| [0-9.]+ \|/,
      'Markdown table row',
    );
    for (const file of [
      'model/model.json',
      'model/weights.bin',
      'checkpoint.json',
      'best/checkpoint.json',
    ]) {
      assert.ok(existsSync(join(out, file)), `${file} written`);
    }
  });

  it('rejects bad options with a message naming the option', async () => {
    await assert.rejects(
      cli('train', '--epochs', 'two'),
      /--epochs must be a positive integer, got "two"/,
    );
    await assert.rejects(
      cli('train', '--backend', 'gpu', '--out', join(dir, 'x')),
      /unknown backend "gpu"; choose one of wasm, cpu/,
    );
    const { stdout } = await cli('train', '--help');
    assert.match(stdout, /--resume/, 'help lists --resume');
    assert.match(
      stdout,
      /runs\/seed-<seed> in the current directory/,
      'help says where --out goes',
    );
  });

  it('answers a mistyped option or command with one line naming the closest valid one', async () => {
    const stderrOf = async (...args: string[]) => {
      const error = (await cli(...args).then(
        () => assert.fail(`${args.join(' ')} should fail`),
        (e: unknown) => e,
      )) as { code: number; stderr: string };
      assert.equal(error.code, 1, `${args.join(' ')}: exit code`);
      return error.stderr.trim();
    };
    assert.equal(
      await stderrOf('train', '--epoch', '3'),
      'Unknown option --epoch. Did you mean --epochs? Run `digit-canvas-train train --help` for all options.',
      'typo of an option',
    );
    assert.equal(
      await stderrOf('export', '--run', 'x', '--min-acuracy=98'),
      'Unknown option --min-acuracy. Did you mean --min-accuracy? Run `digit-canvas-train export --help` for all options.',
      'typo with an inline value, after a valid option',
    );
    assert.equal(
      await stderrOf('train', '--bogus'),
      'Unknown option --bogus. Run `digit-canvas-train train --help` for all options.',
      'nothing close',
    );
    assert.equal(
      await stderrOf('trian'),
      'Unknown command trian. Did you mean train? Run `digit-canvas-train --help` for all commands.',
      'typo of a command',
    );
    assert.equal(
      await stderrOf('train', '--out'),
      "Option '--out <value>' argument missing. Run `digit-canvas-train train --help` for all options.",
      'other parse errors are one line too',
    );
  });
});
