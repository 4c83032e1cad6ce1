import type { Stroke } from './types.js';

/** Points the pen path is resampled to: the trajectory model reads this many, in drawing order. */
export const TRAJECTORY_POINTS = 48;

/** Values per resampled point: x, y (box-normalised), the unit direction dx, dy, and pen down. */
export const TRAJECTORY_CHANNELS = 5;

/** Length of {@link trajectoryFeatures}' output: what the trajectory model takes per digit. */
export const TRAJECTORY_SIZE = TRAJECTORY_POINTS * TRAJECTORY_CHANNELS;

/**
 * The second view of a drawn digit, beside the 28×28 image: its pen path, in the order it was
 * drawn. The strokes are joined end to end (the pen-up jumps between them included, since where
 * the pen goes next tells a 4 from a 9) and resampled at {@link TRAJECTORY_POINTS} points equally
 * spaced along that path, so the sampling rate of the screen or tablet does not matter. Each
 * point gets [x, y, dx, dy, pen]:
 *
 * - x, y: centred on the digit's bounding box and divided by its larger side (aspect kept, so a
 *   1 stays thin), in [-0.5, 0.5];
 * - dx, dy: the unit direction of travel there (0, 0 where the pen did not move);
 * - pen: 1 on a stroke, 0 on a jump between strokes.
 *
 * Pure arithmetic on the points, no TensorFlow: the trainer and the browser share it. Empty
 * strokes give all zeros; takes strokes as `parseStrokes` returns them (finite coordinates).
 *
 * @returns a `Float32Array(TRAJECTORY_SIZE)`, point after point.
 */
export function trajectoryFeatures(strokes: readonly Stroke[]): Float32Array {
  const out = new Float32Array(TRAJECTORY_SIZE);
  const path = joinStrokes(strokes);
  if (path.xs.length === 0) return out;

  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < path.xs.length; i++) {
    minX = Math.min(minX, path.xs[i]);
    maxX = Math.max(maxX, path.xs[i]);
    minY = Math.min(minY, path.ys[i]);
    maxY = Math.max(maxY, path.ys[i]);
  }
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  // A single dot has no extent: any scale keeps it at the centre.
  const side = Math.max(maxX - minX, maxY - minY) || 1;

  // Arc length at each point of the joined path.
  const along = new Float64Array(path.xs.length);
  for (let i = 1; i < path.xs.length; i++) {
    along[i] = along[i - 1] + Math.hypot(path.xs[i] - path.xs[i - 1], path.ys[i] - path.ys[i - 1]);
  }
  const total = along[along.length - 1];

  let segment = 0; // the path segment [segment, segment + 1] that holds the current point
  for (let k = 0; k < TRAJECTORY_POINTS; k++) {
    const target = (total * k) / (TRAJECTORY_POINTS - 1);
    while (segment < path.xs.length - 2 && along[segment + 1] <= target) segment++;
    const o = k * TRAJECTORY_CHANNELS;
    if (path.xs.length === 1) {
      out[o] = (path.xs[0] - cx) / side;
      out[o + 1] = (path.ys[0] - cy) / side;
      out[o + 4] = 1;
      continue;
    }
    const length = along[segment + 1] - along[segment];
    const f = length > 0 ? Math.min(1, Math.max(0, (target - along[segment]) / length)) : 0;
    const dx = path.xs[segment + 1] - path.xs[segment];
    const dy = path.ys[segment + 1] - path.ys[segment];
    out[o] = (path.xs[segment] + f * dx - cx) / side;
    out[o + 1] = (path.ys[segment] + f * dy - cy) / side;
    if (length > 0) {
      out[o + 2] = dx / length;
      out[o + 3] = dy / length;
    }
    out[o + 4] = path.inkAfter[segment] ? 1 : 0;
  }
  return out;
}

/** The strokes' points end to end; `inkAfter[i]`: the segment from point i to i+1 is drawn. */
function joinStrokes(strokes: readonly Stroke[]): {
  xs: number[];
  ys: number[];
  inkAfter: boolean[];
} {
  const xs: number[] = [];
  const ys: number[] = [];
  const inkAfter: boolean[] = [];
  for (const stroke of strokes) {
    stroke.forEach((p, i) => {
      const last = xs.length - 1;
      // A repeated point (a pointerup where the last move was) adds no path, and as the final
      // segment it would leave the last point with no direction: it only says what comes next.
      if (last >= 0 && xs[last] === p.x && ys[last] === p.y) {
        inkAfter[last] = i < stroke.length - 1;
        return;
      }
      xs.push(p.x);
      ys.push(p.y);
      inkAfter.push(i < stroke.length - 1);
    });
  }
  return { xs, ys, inkAfter };
}
