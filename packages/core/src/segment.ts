import { strokeBounds } from './strokes.js';
import type { Stroke } from './types.js';

/** Options of {@link segmentDigits}. */
export interface SegmentOptions {
  /**
   * How much two strokes' x-extents must overlap to belong to the same digit, as a fraction of
   * the narrower one (never less than `minWidthRatio` × the writing's height, so a thin "1" or a
   * dot doesn't merge into its neighbour by a hair).
   */
  overlapRatio?: number;
  /** Floor on the width used for `overlapRatio`, as a fraction of the writing's height. */
  minWidthRatio?: number;
}

/** Defaults of {@link SegmentOptions}. */
export const DEFAULT_SEGMENT_OPTIONS: Required<SegmentOptions> = {
  overlapRatio: 0.3,
  minWidthRatio: 0.25,
};

interface Group {
  strokes: Stroke[];
  order: number[];
  left: number;
  right: number;
}

function shouldMerge(a: Group, b: Group, minWidth: number, overlapRatio: number): boolean {
  const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const narrower = Math.max(minWidth, Math.min(a.right - a.left, b.right - b.left));
  return overlap >= overlapRatio * narrower;
}

/**
 * Splits a written number into its digits, left to right. Strokes whose horizontal extents
 * overlap enough belong to one digit, which keeps multi-stroke digits together (the bar of a 5,
 * the two strokes of a 4, a 7 with a bar or a cross) while separating digits written side by
 * side. Within a digit, strokes keep their drawing order. Empty strokes are dropped.
 */
export function segmentDigits(
  strokes: readonly Stroke[],
  options: SegmentOptions = {},
): Stroke[][] {
  const overlapRatio = options.overlapRatio ?? DEFAULT_SEGMENT_OPTIONS.overlapRatio;
  const minWidthRatio = options.minWidthRatio ?? DEFAULT_SEGMENT_OPTIONS.minWidthRatio;
  if (!(overlapRatio >= 0 && overlapRatio <= 1)) {
    throw new RangeError(`overlapRatio must be in [0, 1], got ${overlapRatio}.`);
  }
  if (!(minWidthRatio >= 0)) {
    throw new RangeError(`minWidthRatio must be >= 0, got ${minWidthRatio}.`);
  }
  const all = strokeBounds(strokes);
  if (!all) return [];
  const minWidth = minWidthRatio * (all.maxY - all.minY);

  let groups: Group[] = [];
  strokes.forEach((stroke, index) => {
    const b = strokeBounds([stroke]);
    if (b) groups.push({ strokes: [stroke], order: [index], left: b.minX, right: b.maxX });
  });
  // Merge until stable: joining two groups widens them, which can make a third one overlap.
  for (let merged = true; merged;) {
    merged = false;
    groups.sort((a, b) => a.left - b.left || a.right - b.right);
    const next: Group[] = [];
    for (const g of groups) {
      const last = next.find((h) => shouldMerge(h, g, minWidth, overlapRatio));
      if (last) {
        last.strokes.push(...g.strokes);
        last.order.push(...g.order);
        last.left = Math.min(last.left, g.left);
        last.right = Math.max(last.right, g.right);
        merged = true;
      } else {
        next.push(g);
      }
    }
    groups = next;
  }
  return groups
    .sort((a, b) => (a.left + a.right) / 2 - (b.left + b.right) / 2)
    .map((g) =>
      g.order
        .map((o, k) => ({ o, stroke: g.strokes[k] }))
        .sort((a, b) => a.o - b.o)
        .map((e) => e.stroke),
    );
}
