import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  centerOfMass,
  inkBoundingBox,
  preprocessImage,
  preprocessStrokes,
  type Stroke,
} from '../src/index.js';
import { correlation, maxDifference } from './helpers/image-stats.js';
import { rasterCoverage, toRgba, toTransparentRgba } from './helpers/raster.js';
import { five, four, one, seven, transform, zero } from './helpers/shapes.js';

const shapes: Record<string, Stroke[]> = { seven, four, five, one, zero };

/** A 280×280 canvas with the digit drawn `size` px tall at (x, y) with an 18 px pen. */
function canvas(s: Stroke[], x = 40, y = 40, size = 200, pen = 18): Float32Array {
  return rasterCoverage(transform(s, size, x, y), 280, 280, pen);
}

describe('preprocessImage', () => {
  it('gives the same layout for dark-on-light, light-on-dark, grey and transparent canvases', () => {
    for (const [name, s] of Object.entries(shapes)) {
      const cov = canvas(s);
      const dark = preprocessImage({ data: toRgba(cov, 0, 255), width: 280, height: 280 });
      const light = preprocessImage({ data: toRgba(cov, 255, 0), width: 280, height: 280 });
      const grey = preprocessImage({
        data: cov.map((c) => Math.round(255 * c)),
        width: 280,
        height: 280,
      });
      const clear = preprocessImage({ data: toTransparentRgba(cov), width: 280, height: 280 });
      for (const [what, other] of [
        ['light-on-dark', light],
        ['grey', grey],
        ['transparent', clear],
      ] as const) {
        assert.ok(
          maxDifference(dark, other) < 1e-5,
          `${name} ${what}: max difference ${maxDifference(dark, other)}`,
        );
      }
      const bluePen = toRgba(cov, 0, 255);
      for (let i = 0; i < bluePen.length; i += 4) bluePen[i + 2] = 255; // blue ink, white paper
      const blue = preprocessImage({ data: bluePen, width: 280, height: 280 });
      assert.ok(correlation(dark, blue) > 0.99, `${name} blue ink: r = ${correlation(dark, blue)}`);
    }
  });

  it('places the centre of mass within 0.5 px of (14, 14) and fits the ink into 20×20', () => {
    for (const [name, s] of Object.entries(shapes)) {
      const out = preprocessImage({
        data: toRgba(canvas(s, 10, 60, 150), 0, 255),
        width: 280,
        height: 280,
      });
      const c = centerOfMass(out);
      assert.ok(c && Math.hypot(c.x - 14, c.y - 14) < 0.5, `${name}: centre ${JSON.stringify(c)}`);
      const box = inkBoundingBox(out);
      assert.ok(box && box.width <= 21 && box.height <= 21, `${name}: box ${JSON.stringify(box)}`);
      assert.ok(
        box && Math.max(box.width, box.height) >= 19,
        `${name}: box ${JSON.stringify(box)}`,
      );
      assert.ok(
        out.every((v) => v >= 0 && v <= 1) && Math.max(...out) === 1,
        `${name}: in [0, 1], peak 1`,
      );
    }
  });

  it('does not depend on where the digit is, nor on its size for a proportional pen', () => {
    for (const [name, s] of Object.entries(shapes)) {
      const grey = (cov: Float32Array) => ({
        data: cov.map((c) => 255 * c),
        width: 280,
        height: 280,
      });
      const a = preprocessImage(grey(canvas(s, 40, 40, 200, 18)));
      const moved = preprocessImage(grey(canvas(s, 75, 12, 200, 18)));
      const smaller = preprocessImage(grey(canvas(s, 100, 60, 140, 18 * 0.7)));
      assert.ok(
        maxDifference(a, moved) < 0.02,
        `${name} moved: max difference ${maxDifference(a, moved)}`,
      );
      assert.ok(correlation(a, smaller) > 0.97, `${name} smaller: r = ${correlation(a, smaller)}`);
    }
  });

  it('agrees with preprocessStrokes for a drawn canvas', () => {
    for (const [name, s] of Object.entries(shapes)) {
      // A pen as wide, relative to the digit, as preprocessStrokes' pen is in the 20×20 box.
      const cov = canvas(s, 40, 40, 200, 32);
      const fromImage = preprocessImage({ data: toRgba(cov, 0, 255), width: 280, height: 280 });
      const r = correlation(fromImage, preprocessStrokes(s));
      assert.ok(r > 0.9, `${name}: r = ${r}`);
    }
  });

  it('ignores paper noise below the threshold, like a photo of paper', () => {
    let seed = 1;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const [name, s] of Object.entries(shapes)) {
      const cov = canvas(s);
      const clean = preprocessImage({ data: toRgba(cov, 30, 230), width: 280, height: 280 });
      const photo = toRgba(cov, 30, 230);
      for (let i = 0; i < photo.length; i += 4) {
        const noise = Math.round((rand() - 0.5) * 50); // ±25 grey levels of paper grain
        for (let c = 0; c < 3; c++) photo[i + c] += noise;
      }
      const noisy = preprocessImage({ data: photo, width: 280, height: 280 });
      assert.ok(correlation(clean, noisy) > 0.97, `${name}: r = ${correlation(clean, noisy)}`);
    }
  });

  it('upsamples a small image into the same box', () => {
    const small = rasterCoverage(transform(seven, 10, 2, 2), 14, 14, 1.5);
    const out = preprocessImage({ data: small.map((c) => 255 * c), width: 14, height: 14 });
    const box = inkBoundingBox(out);
    assert.ok(box && Math.max(box.width, box.height) >= 19 && box.width <= 21, JSON.stringify(box));
  });

  it('returns all zeros for a blank image', () => {
    const white = new Uint8Array(280 * 280 * 4).fill(255);
    assert.deepEqual(
      preprocessImage({ data: white, width: 280, height: 280 }),
      new Float32Array(784),
    );
    assert.deepEqual(
      preprocessImage({ data: new Uint8Array(100), width: 10, height: 10 }),
      new Float32Array(784),
    );
  });

  it('names the pixel holding a NaN', () => {
    const grey = new Float32Array(100);
    grey[23] = NaN;
    assert.throws(() => preprocessImage({ data: grey, width: 10, height: 10 }), {
      name: 'RangeError',
      message: 'Image pixel (x 3, y 2) must be a finite number, got NaN.',
    });
    const rgba = new Float64Array(400);
    rgba[4 * 12 + 3] = Infinity;
    assert.throws(() => preprocessImage({ data: rgba, width: 10, height: 10 }), {
      message: 'Image pixel (x 2, y 1) channel A must be a finite number, got Infinity.',
    });
  });

  it('rejects data that is neither RGBA nor grey for the size, and bad sizes', () => {
    assert.throws(() => preprocessImage({ data: new Uint8Array(300), width: 10, height: 10 }), {
      name: 'RangeError',
      message: 'Image data length must be 400 (RGBA) or 100 (grey) for 10×10, got 300.',
    });
    assert.throws(() => preprocessImage({ data: new Uint8Array(0), width: 0, height: 10 }), {
      message: 'Image width and height must be positive integers, got 0×10.',
    });
    assert.throws(() => preprocessImage({ data: new Uint8Array(4), width: 1.5, height: 2 }), {
      message: 'Image width and height must be positive integers, got 1.5×2.',
    });
    assert.throws(
      () =>
        preprocessImage(
          { data: new Uint8Array(100), width: 10, height: 10 },
          { noiseThreshold: 1 },
        ),
      {
        message: 'noiseThreshold must be in [0, 1), got 1.',
      },
    );
  });

  it('follows a forced polarity', () => {
    const cov = canvas(seven);
    const auto = preprocessImage({ data: toRgba(cov, 0, 255), width: 280, height: 280 });
    const forced = preprocessImage(
      { data: toRgba(cov, 0, 255), width: 280, height: 280 },
      { polarity: 'dark-on-light' },
    );
    assert.deepEqual(forced, auto, 'forced matches auto on a white page');
    const wrong = preprocessImage(
      { data: toRgba(cov, 0, 255), width: 280, height: 280 },
      { polarity: 'light-on-dark' },
    );
    assert.deepEqual(
      wrong,
      new Float32Array(784),
      'white page read as ink on black: nothing lighter than the paper',
    );
  });
});
