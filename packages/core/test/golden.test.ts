import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { preprocessImage, preprocessStrokes } from '../src/index.js';
import { goldenDifference, type GoldenFile } from './fixtures/golden.js';

const golden = JSON.parse(
  readFileSync(new URL('./fixtures/golden.json', import.meta.url), 'utf8'),
) as GoldenFile;

// The Chromium test (test/browser/golden.test.ts) checks the same fixtures, so passing both
// means Node and the browser compute the same arrays within 1e-6.
describe('golden fixtures', () => {
  for (const c of golden.strokes) {
    it(`preprocessStrokes: ${c.name}`, () => {
      const out = preprocessStrokes(c.strokes.map((st) => st.map(([x, y]) => ({ x, y }))));
      const d = goldenDifference(out, c.expected);
      assert.ok(d <= 1e-6, `max difference ${d}`);
    });
  }
  for (const c of golden.images) {
    it(`preprocessImage: ${c.name}`, () => {
      const out = preprocessImage({ data: c.grey, width: c.width, height: c.height });
      const d = goldenDifference(out, c.expected);
      assert.ok(d <= 1e-6, `max difference ${d}`);
    });
  }
});
