// Runs in Chromium (@web/test-runner): the same golden fixtures as test/golden.test.ts in Node,
// so the two environments must produce the same arrays within 1e-6. Imports only the pure
// preprocessing modules: no tfjs in this page.
import { defaultModelUrl } from '../../src/model-url.js';
import { preprocessImage } from '../../src/preprocess-image.js';
import { preprocessStrokes } from '../../src/preprocess-strokes.js';
import { goldenDifference, type GoldenFile } from '../fixtures/golden.js';

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const golden = (await (
  await fetch(new URL('../fixtures/golden.json', import.meta.url))
).json()) as GoldenFile;

describe('golden fixtures in Chromium', () => {
  for (const c of golden.strokes) {
    it(`preprocessStrokes: ${c.name} matches Node within 1e-6`, () => {
      const out = preprocessStrokes(c.strokes.map((st) => st.map(([x, y]) => ({ x, y }))));
      const d = goldenDifference(out, c.expected);
      check(d <= 1e-6, `${c.name}: max difference ${d}`);
    });
  }
  for (const c of golden.images) {
    it(`preprocessImage: ${c.name} matches Node within 1e-6`, () => {
      const out = preprocessImage({ data: c.grey, width: c.width, height: c.height });
      const d = goldenDifference(out, c.expected);
      check(d <= 1e-6, `${c.name}: max difference ${d}`);
    });
  }
  it('resolves the default model next to the package, over http', () => {
    const url = defaultModelUrl();
    check(url.protocol.startsWith('http'), `protocol ${url.protocol}`);
    check(url.pathname.endsWith('/packages/core/model/model.json'), `path ${url.pathname}`);
  });
});
