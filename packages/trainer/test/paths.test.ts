import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { repoRoot, reportPath } from '../src/paths.js';

describe('reportPath', () => {
  it('prints a folder inside the repository relative to its root', () => {
    assert.equal(reportPath(join(repoRoot(), 'packages/core/model')), 'packages/core/model');
  });

  it('keeps a folder outside the repository absolute', () => {
    assert.equal(reportPath('/tmp/elsewhere/model'), '/tmp/elsewhere/model');
  });
});
