// Real handwriting check: UNIPEN pen strokes rendered by preprocessStrokes must look like the
// MNIST digits the model learns from: same mean image, ink mass and stroke width.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readHeldOutUnipenPoints, unipenSkipReason } from '../../../scripts/unipen.mjs';
import { centerOfMass, inkBoundingBox, preprocessStrokes } from '../src/index.js';
import { correlation, inkStatistics, meanImage } from './helpers/image-stats.js';
import { readMnistTest } from './helpers/mnist.js';

describe(
  'UNIPEN strokes rendered by preprocessStrokes vs the MNIST test set',
  { skip: unipenSkipReason() },
  () => {
    it('match MNIST in mean image, ink mass and stroke width, and keep the layout', () => {
      const mnist = readMnistTest();
      // The held-out writers' 3,168 digits, as every UNIPEN figure.
      const samples = readHeldOutUnipenPoints();
      const rendered = samples.map((s) => preprocessStrokes(s.strokes));

      const m = inkStatistics(mnist.images);
      const u = inkStatistics(rendered);
      const overall = correlation(meanImage(mnist.images), meanImage(rendered));
      const perClass = Array.from({ length: 10 }, (_, c) =>
        correlation(
          meanImage(mnist.images.filter((_, i) => mnist.labels[i] === c)),
          meanImage(rendered.filter((_, i) => samples[i].label === c)),
        ),
      );
      let worstCentre = 0;
      let largestBox = 0;
      for (const im of rendered) {
        const c = centerOfMass(im);
        const box = inkBoundingBox(im);
        if (c) worstCentre = Math.max(worstCentre, Math.hypot(c.x - 14, c.y - 14));
        if (box) largestBox = Math.max(largestBox, box.width, box.height);
      }
      const round = (x: number) => +x.toFixed(3);
      console.log(
        JSON.stringify({
          check: 'UNIPEN vs MNIST',
          unipenDigits: rendered.length,
          mnistDigits: mnist.images.length,
          inkMass: { unipen: round(u.mass), mnist: round(m.mass) },
          pixelsAboveHalf: { unipen: round(u.above), mnist: round(m.above) },
          strokeWidth: { unipen: round(u.width), mnist: round(m.width) },
          meanImageCorrelation: round(overall),
          perClassCorrelation: perClass.map(round),
          worstCentreOffset: round(worstCentre),
          largestInkBox: largestBox,
        }),
      );
      const close = (a: number, b: number, tol: number) => Math.abs(a - b) / b < tol;
      assert.ok(close(u.mass, m.mass, 0.05), `ink mass ${u.mass} vs MNIST ${m.mass}`);
      assert.ok(close(u.above, m.above, 0.05), `pixels > 0.5: ${u.above} vs MNIST ${m.above}`);
      assert.ok(close(u.width, m.width, 0.05), `stroke width ${u.width} vs MNIST ${m.width}`);
      assert.ok(overall > 0.97, `mean image correlation ${overall}`);
      perClass.forEach((r, c) => assert.ok(r > 0.9, `class ${c} mean image correlation ${r}`));
      assert.ok(worstCentre < 0.5, `worst centre of mass offset ${worstCentre}`);
      assert.ok(largestBox <= 20, `largest ink box ${largestBox}`);
    });
  },
);
