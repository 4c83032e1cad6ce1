// The fixed UNIPEN split by writer: which writers are held out, that a writer is never on both
// sides, and, with the real file beside the repository, the 58 writers and 3,168 digits every
// figure is measured on.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { isHeldOutWriter as isHeldOutInRepositoryTests } from '../../../scripts/unipen.mjs';
import {
  defaultUnipenPath,
  isHeldOutWriter,
  loadHeldOutUnipen,
  loadUnipen,
  splitByWriter,
  type UnipenSample,
} from '../src/data/unipen.js';
import { writeUnipenFile } from './unipen-fixtures.js';

const sample = (writer: string, label = 1): UnipenSample => ({
  label,
  writer,
  strokes: [
    [
      { x: 5, y: 0 },
      { x: 5, y: 40 },
    ],
  ],
});

describe('the UNIPEN split by writer', () => {
  it('holds out the writers whose id has a CRC-32 of 0 mod 5', () => {
    // CRC-32 (zlib's, the standard one: "123456789" → 0xCBF43926, 2 mod 5) of each id, mod 5:
    // "c" → 0, "x/5" → 0, "a" → 2, "b" → 1.
    assert.equal(isHeldOutWriter('c'), true);
    assert.equal(isHeldOutWriter('x/5'), true);
    assert.equal(isHeldOutWriter('a'), false);
    assert.equal(isHeldOutWriter('b'), false);
    assert.equal(isHeldOutWriter('123456789'), false);
  });

  it("is the rule the repository's own tests read UNIPEN with (scripts/unipen.mjs)", () => {
    const writers = ['a', 'b', 'c', 'x/5', 'aga/amywldrp', 'ced/RACY0978', 'ünï/cödé', ''];
    for (const writer of writers) {
      assert.equal(isHeldOutInRepositoryTests(writer), isHeldOutWriter(writer), writer);
    }
  });

  it('puts every digit of a writer on one side', () => {
    const samples = ['a', 'c', 'b', 'c', 'x/5', 'a'].map((w, i) => sample(w, i % 10));
    const { training, heldOut } = splitByWriter(samples);
    assert.deepEqual(
      heldOut.map((s) => s.writer),
      ['c', 'c', 'x/5'],
    );
    assert.deepEqual(
      training.map((s) => s.writer),
      ['a', 'b', 'a'],
    );
  });

  it('refuses a file without any held-out writer instead of measuring nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dc-unipen-'));
    try {
      const file = join(dir, 'digits.json');
      await writeUnipenFile(file, [sample('a'), sample('b')]);
      assert.throws(() => loadHeldOutUnipen(file), {
        message: `${file} has no digit by a held-out writer (one whose id's CRC-32 is 0 mod 5): nothing to measure on`,
      });
      await writeUnipenFile(file, [sample('a'), sample('c')]);
      assert.deepEqual(
        loadHeldOutUnipen(file).map((s) => s.writer),
        ['c'],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it(
    "holds out 58 of UNIPEN 1a's 268 writers, 3,168 digits",
    {
      skip: existsSync(defaultUnipenPath())
        ? false
        : `UNIPEN 1a digits not found at ${defaultUnipenPath()} (set UNIPEN_PATH); skipping.`,
    },
    () => {
      const { training, heldOut } = splitByWriter(loadUnipen());
      const writers = (samples: UnipenSample[]) => new Set(samples.map((s) => s.writer));
      assert.equal(writers(heldOut).size, 58, 'held-out writers');
      assert.equal(heldOut.length, 3168, 'held-out digits');
      assert.equal(writers(training).size, 210, 'writers to learn from');
      assert.equal(training.length, 12785, 'digits to learn from');
      const overlap = [...writers(heldOut)].filter((w) => writers(training).has(w));
      assert.deepEqual(overlap, [], 'no writer on both sides');
    },
  );
});
