import { strokeBounds } from './strokes.js';
import type { Stroke } from './types.js';

/** Options of {@link segmentDigits}. All ratios are relative to the writing's height. */
export interface SegmentOptions {
  /**
   * How much two strokes' x-extents must overlap to belong to one digit, as a fraction of the
   * narrower one's width (floored at `minWidthRatio`, so a thin "1" doesn't join its neighbour
   * by a hair). A stroke lying wholly within another's x-extent always joins it.
   */
  overlapRatio?: number;
  /** Floor on the width used with `overlapRatio`. */
  minWidthRatio?: number;
  /**
   * Largest horizontal gap across which a partial stroke (one shorter than `partialHeightRatio`,
   * like the hook of an open 4 or a detached bar) still joins its neighbour.
   */
  gapRatio?: number;
  /** Height below which a stroke counts as partial for `gapRatio`. */
  partialHeightRatio?: number;
}

/** Defaults of {@link SegmentOptions}, tuned on UNIPEN's two-stroke digits. */
export const DEFAULT_SEGMENT_OPTIONS: Required<SegmentOptions> = {
  overlapRatio: 0.3,
  minWidthRatio: 0.25,
  gapRatio: 0.1,
  partialHeightRatio: 0.75,
};

interface Group {
  // Indices into the input rather than the strokes, so each digit can keep the drawing order.
  members: number[];
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function shouldMerge(a: Group, b: Group, height: number, o: Required<SegmentOptions>): boolean {
  const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const narrower = Math.min(a.right - a.left, b.right - b.left);
  if (overlap >= 0 && overlap >= narrower) return true;
  if (overlap >= o.overlapRatio * Math.max(narrower, o.minWidthRatio * height)) return true;
  const shorter = Math.min(a.bottom - a.top, b.bottom - b.top);
  return overlap > -o.gapRatio * height && shorter < o.partialHeightRatio * height;
}

function validateOptions(options: SegmentOptions): Required<SegmentOptions> {
  const o = { ...DEFAULT_SEGMENT_OPTIONS };
  for (const key of Object.keys(o) as (keyof SegmentOptions)[]) {
    const value = options[key] ?? o[key];
    if (!(value >= 0 && value <= 1)) {
      throw new RangeError(`${key} must be in [0, 1], got ${value}.`);
    }
    o[key] = value;
  }
  return o;
}

/**
 * Splits a written number into its digits, left to right. Strokes whose horizontal extents
 * overlap enough belong to one digit, as does a partial stroke (shorter than the writing) within
 * a small gap of another: that keeps multi-stroke digits together (the bar of a 5, the two
 * strokes of a 4, a 7 with a bar or a cross) while separating digits written side by side.
 * Within a digit, strokes keep their drawing order. Empty strokes are dropped.
 */
export function segmentDigits(
  strokes: readonly Stroke[],
  options: SegmentOptions = {},
): Stroke[][] {
  const o = validateOptions(options);
  const all = strokeBounds(strokes);
  if (!all) return [];
  const height = all.maxY - all.minY;

  let groups: Group[] = [];
  strokes.forEach((stroke, index) => {
    const b = strokeBounds([stroke]);
    if (b) {
      groups.push({
        members: [index],
        left: b.minX,
        right: b.maxX,
        top: b.minY,
        bottom: b.maxY,
      });
    }
  });
  // Merge until stable: joining two groups widens them, which can make a third one overlap.
  for (let merged = true; merged;) {
    merged = false;
    groups.sort((a, b) => a.left - b.left || a.right - b.right);
    const next: Group[] = [];
    for (const g of groups) {
      const last = next.find((h) => shouldMerge(h, g, height, o));
      if (last) {
        last.members.push(...g.members);
        last.left = Math.min(last.left, g.left);
        last.right = Math.max(last.right, g.right);
        last.top = Math.min(last.top, g.top);
        last.bottom = Math.max(last.bottom, g.bottom);
        merged = true;
      } else {
        next.push(g);
      }
    }
    groups = next;
  }
  return groups
    .sort((a, b) => (a.left + a.right) / 2 - (b.left + b.right) / 2)
    .map((g) => g.members.sort((a, b) => a - b).map((index) => strokes[index]));
}
