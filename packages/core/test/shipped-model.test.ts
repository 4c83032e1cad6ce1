// The model the trainer ships in model/: loads through the default URL, from the source and
// from the build, and reads real pen-drawn digits. Skips until the trainer has exported it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { readHeldOutUnipenPoints, unipenSkipReason } from '../../../scripts/unipen.mjs';
import { DEFAULT_MODEL_URL, Recognizer } from '../src/index.js';

const modelPath = fileURLToPath(DEFAULT_MODEL_URL);
const noModel = existsSync(modelPath)
  ? false
  : `no shipped model at ${modelPath} yet (the trainer writes it); skipping.`;
const distModelUrl = new URL('../dist/model-url.js', import.meta.url);

describe('the shipped model', () => {
  it('is found at <package>/model/model.json from the build too', async (t) => {
    if (!existsSync(distModelUrl)) return t.skip('no dist/ build: run pnpm build first');
    const dist = (await import(distModelUrl.href)) as { DEFAULT_MODEL_URL: string };
    assert.equal(dist.DEFAULT_MODEL_URL, DEFAULT_MODEL_URL, 'dist and src resolve the same URL');
    assert.ok(DEFAULT_MODEL_URL.endsWith('/packages/core/model/model.json'), DEFAULT_MODEL_URL);
  });

  it(
    'loads with the defaults and reads real UNIPEN digits, each view and both fused',
    { skip: noModel || unipenSkipReason() },
    async () => {
      const recognizer = await Recognizer.load({ backend: 'wasm' });
      // The held-out writers' 3,168 digits, on which every UNIPEN figure is measured.
      const samples = readHeldOutUnipenPoints();
      const predictions = await recognizer.predictBatch(samples.map((s) => s.strokes));
      recognizer.dispose();
      const top = (p: readonly number[]) => p.indexOf(Math.max(...p));
      const accuracy = (read: (p: (typeof predictions)[number]) => number | null) =>
        predictions.filter((p, i) => read(p) === samples[i].label).length / samples.length;
      const fused = accuracy((p) => p.digit);
      const image = accuracy((p) => top(p.views.image));
      const trajectory = accuracy((p) => (p.views.trajectory ? top(p.views.trajectory) : null));
      console.log(
        JSON.stringify({
          check: 'shipped models on UNIPEN held-out writers',
          digits: samples.length,
          fused: +fused.toFixed(4),
          image: +image.toFixed(4),
          trajectory: +trajectory.toFixed(4),
        }),
      );
      // Shipped: fused 99.34%, the CNN alone 98.80% (the one before it, on MNIST alone, 97.79%),
      // the trajectory model alone 98.36%. Below these floors a model, the preprocessing or the
      // pen-path features have regressed.
      assert.ok(fused >= 0.99, `fused accuracy ${fused} is below 0.99`);
      assert.ok(image >= 0.985, `the CNN alone reads ${image}, below 0.985`);
      assert.ok(trajectory >= 0.98, `the trajectory model alone reads ${trajectory}, below 0.98`);
      assert.ok(fused > image, `fusing (${fused}) must beat the CNN alone (${image})`);
    },
  );
});
