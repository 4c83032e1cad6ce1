// Draws strokes into a plain pixel buffer the way a <canvas> would (round pen, ~1 px of
// anti-aliasing), so preprocessImage can be tested on canvas-like images without a DOM.
import type { Stroke } from '../../src/index.js';

/** Ink coverage in [0, 1] per pixel of a width×height image, pen `pen` pixels wide. */
export function rasterCoverage(
  strokes: Stroke[],
  width: number,
  height: number,
  pen: number,
): Float32Array {
  const out = new Float32Array(width * height);
  const r = pen / 2;
  for (const st of strokes) {
    for (let i = 0; i < Math.max(1, st.length - 1); i++) {
      const a = st[i];
      const b = st[Math.min(i + 1, st.length - 1)];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len2 = dx * dx + dy * dy;
      for (
        let y = Math.max(0, Math.floor(Math.min(a.y, b.y) - r - 1));
        y <= Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + r + 1));
        y++
      ) {
        for (
          let x = Math.max(0, Math.floor(Math.min(a.x, b.x) - r - 1));
          x <= Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + r + 1));
          x++
        ) {
          const px = x + 0.5 - a.x;
          const py = y + 0.5 - a.y;
          const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
          const d = Math.hypot(px - t * dx, py - t * dy);
          const v = Math.max(0, Math.min(1, r + 0.5 - d));
          if (v > out[y * width + x]) out[y * width + x] = v;
        }
      }
    }
  }
  return out;
}

/** Coverage → RGBA bytes: `ink` colour over `paper` colour (grey levels 0–255), opaque. */
export function toRgba(coverage: Float32Array, ink: number, paper: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(coverage.length * 4);
  coverage.forEach((c, i) => {
    const v = Math.round(paper + (ink - paper) * c);
    rgba.set([v, v, v, 255], 4 * i);
  });
  return rgba;
}

/** Coverage → RGBA bytes of a transparent canvas with black ink in alpha only. */
export function toTransparentRgba(coverage: Float32Array): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(coverage.length * 4);
  coverage.forEach((c, i) => rgba.set([0, 0, 0, Math.round(255 * c)], 4 * i));
  return rgba;
}
