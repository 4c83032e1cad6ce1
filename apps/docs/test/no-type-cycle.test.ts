// The repository's own lint rule `local/no-type-cycle` (scripts/eslint-no-type-cycle.mjs), on
// small module graphs written to a temporary folder: it must report a cycle that runs through
// a type-only import, and stay quiet on a graph without one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { ESLint } from 'eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

import { noTypeCycle } from '../../../scripts/eslint-no-type-cycle.mjs';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Lints the modules `files` (name → source) with the rule alone; the messages by file. */
async function lint(files: Record<string, string>): Promise<Record<string, string[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'no-type-cycle-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: {
          local: {
            rules: {
              'no-type-cycle': noTypeCycle(
                createTypeScriptImportResolver({ alwaysTryTypes: true }),
              ),
            },
          },
        },
        rules: { 'local/no-type-cycle': 'error' },
      },
    ],
  });
  const results = await eslint.lintFiles(Object.keys(files));
  return Object.fromEntries(
    results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.message)]),
  );
}

describe('local/no-type-cycle', () => {
  it('reports a cycle that runs through a type-only import', async () => {
    const messages = await lint({
      'history.ts': "import type { Result } from './train.js';\nexport type Record = Result[];\n",
      'train.ts': "import type { Record } from './history.js';\nexport type Result = Record | 1;\n",
    });
    const all = Object.values(messages).flat();
    assert.ok(all.length > 0, 'the cycle is reported');
    assert.match(all[0], /cycle/i);
    assert.match(all[0], /history\.ts.*train\.ts|train\.ts.*history\.ts/);
  });

  it('says nothing of a graph without a cycle', async () => {
    const messages = await lint({
      'types.ts': 'export type Record = number[];\n',
      'history.ts': "import type { Record } from './types.js';\nexport type History = Record;\n",
      'train.ts': "import type { Record } from './types.js';\nexport type Result = Record;\n",
    });
    assert.deepEqual(Object.values(messages).flat(), []);
  });
});
