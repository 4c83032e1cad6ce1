import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { docsDir, repoRoot } from './static-site.js';

const model = join(repoRoot, 'packages/core/model/model.json');

// The usage page shows this file as it is, so it must run as it is.
it('runs the "Core in Node" example and prints the digit it was given', (t) => {
  if (!existsSync(model)) return t.skip(`no shipped model at ${model} yet: run pnpm train`);
  const out = execFileSync(process.execPath, [join(docsDir, 'examples/core-in-node.mjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.match(
    out,
    /^digit 7, \d+\.\d% sure, \d+\.\d ms, decided by (both|image|trajectory)$/m,
    'the example reads its 7 with both views',
  );
});
