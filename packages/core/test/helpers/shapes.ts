// Synthetic digits drawn as strokes in unit coordinates (y down), and ways to move them around.
import type { Point, Stroke } from '../../src/index.js';

type XY = [number, number];

function polyline(points: XY[], steps = 8): Stroke {
  const out: Point[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [ax, ay] = points[i];
    const [bx, by] = points[i + 1];
    for (let s = 0; s < steps; s++)
      out.push({ x: ax + ((bx - ax) * s) / steps, y: ay + ((by - ay) * s) / steps });
  }
  const [lx, ly] = points[points.length - 1];
  out.push({ x: lx, y: ly });
  return out;
}

function ellipse(cx: number, cy: number, rx: number, ry: number, n = 48): Stroke {
  return Array.from({ length: n + 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) };
  });
}

/** A "7": top bar and diagonal in one stroke. */
export const seven: Stroke[] = [
  polyline([
    [0.1, 0.05],
    [0.9, 0.05],
    [0.4, 0.95],
  ]),
];
/** A "7" with a crossing bar: two strokes. */
export const crossedSeven: Stroke[] = [
  ...seven,
  polyline([
    [0.45, 0.5],
    [0.85, 0.5],
  ]),
];
/** A "4" in two strokes. */
export const four: Stroke[] = [
  polyline([
    [0.55, 0.05],
    [0.1, 0.65],
    [0.9, 0.65],
  ]),
  polyline([
    [0.7, 0.3],
    [0.7, 1],
  ]),
];
/** A "5" whose bar is a second stroke. */
export const five: Stroke[] = [
  polyline([
    [0.25, 0.05],
    [0.2, 0.45],
    [0.6, 0.4],
    [0.8, 0.6],
    [0.7, 0.9],
    [0.4, 0.98],
    [0.15, 0.85],
  ]),
  polyline([
    [0.25, 0.05],
    [0.85, 0.05],
  ]),
];
/** A tall, thin "1": 1 unit high, 0.1 wide. */
export const one: Stroke[] = [
  polyline([
    [0.45, 0.1],
    [0.55, 0],
    [0.55, 1],
  ]),
];
/** A "0": an ellipse. */
export const zero: Stroke[] = [ellipse(0.5, 0.5, 0.35, 0.5)];

/** Scales by `s` then translates by (dx, dy). */
export function transform(strokes: Stroke[], s: number, dx: number, dy: number): Stroke[] {
  return strokes.map((st) => st.map((p) => ({ x: p.x * s + dx, y: p.y * s + dy })));
}

/** Places digits side by side, each `height` tall, separated by `gap` × height. */
export function writeNumber(digits: Stroke[][], height = 100, gap = 0.2): Stroke[] {
  const out: Stroke[] = [];
  let x = 0;
  for (const d of digits) {
    const xs = d.flat().map((p) => p.x);
    const ys = d.flat().map((p) => p.y);
    const minX = Math.min(...xs);
    const minY = Math.min(...ys);
    const s = height / (Math.max(...ys) - minY || 1);
    const placed = d.map((st) => st.map((p) => ({ x: (p.x - minX) * s + x, y: (p.y - minY) * s })));
    out.push(...placed);
    x += (Math.max(...xs) - minX) * s + gap * height;
  }
  return out;
}
