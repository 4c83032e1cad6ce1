// The README's code snippets, run as written against this package (imported by its own name,
// as a user would): a snippet that stops working fails here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The first ```js block after `heading` in the README. */
function jsSnippet(heading: string): string {
  const text = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const from = text.indexOf(heading);
  assert.ok(from >= 0, `README has "${heading}"`);
  const match = /```js\n([\s\S]*?)```/.exec(text.slice(from));
  assert.ok(match, `README has a js block after "${heading}"`);
  return match[1];
}

/** Runs `code` as an ES module inside the package (so its own name resolves); its stdout lines. */
function run(code: string): string[] {
  const file = join(packageDir, `.readme-snippet-${process.pid}.mjs`);
  writeFileSync(file, code);
  try {
    return execFileSync(process.execPath, [file], { cwd: packageDir, encoding: 'utf8' })
      .trim()
      .split('\n');
  } finally {
    rmSync(file, { force: true });
  }
}

describe('README snippets', () => {
  it("Learns each writer's hand: loads, reads, learns and restores a WriterProfile", () => {
    const [answer, size] = run(jsSnippet("## Learns each writer's hand"));
    assert.match(answer, /^\d [a-z]+$/, 'a digit and which view decided');
    assert.equal(size, '1', 'the restored profile holds the learnt digit');
  });
});
