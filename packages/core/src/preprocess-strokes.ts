import { MNIST_BOX, MNIST_CENTER, MNIST_SIZE, placeByCenterOfMass } from './layout.js';
import { assertFiniteStrokes, strokeBounds } from './strokes.js';
import type { Point, Stroke } from './types.js';

/** Options of {@link preprocessStrokes}. */
export interface StrokePreprocessOptions {
  /**
   * Pen diameter in 28×28 pixels, at full coverage. The default is tuned so that real pen-drawn
   * digits (UNIPEN) get the ink mass and stroke width of MNIST's test set (see the README).
   */
  penWidth?: number;
  /**
   * Width, in pixels, of the anti-aliased ramp on each side of the pen edge. MNIST's strokes have
   * soft edges (about a third of its inked pixels are below 0.5); a hard 1 px ramp looks too crisp.
   */
  edgeSoftness?: number;
}

/** Defaults of {@link StrokePreprocessOptions}. */
export const DEFAULT_STROKE_PREPROCESS_OPTIONS: Required<StrokePreprocessOptions> = {
  penWidth: 2.6,
  edgeSoftness: 0.7,
};

function validateOptions(options: StrokePreprocessOptions): Required<StrokePreprocessOptions> {
  const d = DEFAULT_STROKE_PREPROCESS_OPTIONS;
  const penWidth = options.penWidth ?? d.penWidth;
  const edgeSoftness = options.edgeSoftness ?? d.edgeSoftness;
  if (!(penWidth >= 0 && penWidth <= 10)) {
    throw new RangeError(`penWidth must be in [0, 10] pixels, got ${penWidth}.`);
  }
  if (!(edgeSoftness > 0 && edgeSoftness <= 5)) {
    throw new RangeError(`edgeSoftness must be in (0, 5] pixels, got ${edgeSoftness}.`);
  }
  return { penWidth, edgeSoftness };
}

/**
 * Draws every segment as a round-capped capsule with an analytic, linear-ramp coverage, keeping
 * the maximum where capsules overlap so crossings and slow, dense sampling don't pile up ink.
 */
function rasterize(
  strokes: readonly Stroke[],
  scale: number,
  offsetX: number,
  offsetY: number,
  radius: number,
  soft: number,
  out: Float32Array,
): void {
  out.fill(0);
  const pen = { reach: radius + soft, inv: 1 / (2 * soft) };
  const segment = (a: Point, b: Point) =>
    paintCapsule(
      a.x * scale + offsetX,
      a.y * scale + offsetY,
      b.x * scale + offsetX,
      b.y * scale + offsetY,
      pen,
      out,
    );
  for (const stroke of strokes) {
    // A one-point stroke is a segment of length zero: a dot.
    if (stroke.length === 1) segment(stroke[0], stroke[0]);
    for (let i = 1; i < stroke.length; i++) segment(stroke[i - 1], stroke[i]);
  }
}

/** Paints the capsule from (ax, ay) to (bx, by) into `out`, in 28×28 pixel coordinates. */
function paintCapsule(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  pen: { reach: number; inv: number },
  out: Float32Array,
): void {
  const { reach, inv } = pen;
  const max = MNIST_SIZE - 1;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const x0 = Math.max(0, Math.ceil(Math.min(ax, bx) - reach));
  const x1 = Math.min(max, Math.floor(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.ceil(Math.min(ay, by) - reach));
  const y1 = Math.min(max, Math.floor(Math.max(ay, by) + reach));
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      const qx = px - ax;
      const qy = py - ay;
      let t = len2 > 0 ? (qx * dx + qy * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = qx - t * dx;
      const ey = qy - t * dy;
      const cover = (reach - Math.sqrt(ex * ex + ey * ey)) * inv;
      if (cover > 0) {
        const k = py * MNIST_SIZE + px;
        const v = cover > 1 ? 1 : cover;
        if (v > out[k]) out[k] = v;
      }
    }
  }
}

/**
 * Renders strokes straight into MNIST's layout: a `Float32Array(784)` (28×28, row-major), ink high
 * in [0, 1], background 0. The strokes are fit into a 20×20 box keeping their aspect ratio, drawn
 * with a round anti-aliased pen of MNIST's stroke width, and shifted so the centre of mass of the
 * ink is at pixel (14, 14). The result depends only on the shape of the strokes, not on the
 * canvas size, position or device pixel ratio they were captured at. No strokes (or no points)
 * give all zeros. Pressure and timing are ignored. A point whose x or y is not a finite number
 * throws a `TypeError` naming the stroke and point.
 */
export function preprocessStrokes(
  strokes: readonly Stroke[],
  options: StrokePreprocessOptions = {},
): Float32Array {
  const { penWidth, edgeSoftness } = validateOptions(options);
  assertFiniteStrokes(strokes);
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  const bounds = strokeBounds(strokes);
  if (!bounds) return out;
  const radius = penWidth / 2;
  const w = bounds.maxX - bounds.minX;
  const h = bounds.maxY - bounds.minY;
  const longest = Math.max(w, h);
  // The inked extent is the centreline's extent plus the pen and its soft edge on both sides;
  // that whole extent is what has to fit the 20×20 box, as in MNIST.
  const inner = MNIST_BOX - 2 * (radius + edgeSoftness);
  const scale = longest > 0 ? inner / longest : 1;
  placeByCenterOfMass(
    (offsetX, offsetY) => rasterize(strokes, scale, offsetX, offsetY, radius, edgeSoftness, out),
    MNIST_CENTER - (bounds.minX + w / 2) * scale,
    MNIST_CENTER - (bounds.minY + h / 2) * scale,
    out,
  );
  return out;
}
