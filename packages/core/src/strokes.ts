import type { Point, Stroke } from './types.js';

/** Limits on untrusted stroke JSON, so a hostile payload cannot make preprocessing hang. */
export const STROKE_LIMITS = {
  /** Most strokes accepted in one input. */
  maxStrokes: 1000,
  /** Most points accepted in one stroke. */
  maxPointsPerStroke: 10_000,
  /** Most points accepted over all strokes. */
  maxTotalPoints: 100_000,
  /** Largest absolute coordinate accepted. */
  maxAbsCoordinate: 1e7,
} as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 20))}`;
  return `a value of type ${typeof value}`;
}

function checkCoordinate(value: unknown, where: string, axis: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${where}: ${axis} must be a finite number, got ${describe(value)}.`);
  }
  if (Math.abs(value) > STROKE_LIMITS.maxAbsCoordinate) {
    throw new RangeError(
      `${where}: |${axis}| must be at most ${STROKE_LIMITS.maxAbsCoordinate}, got ${value}.`,
    );
  }
  return value;
}

function optionalNumber(value: unknown, where: string, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(
      `${where}: ${name} must be a finite number when given, got ${describe(value)}.`,
    );
  }
  return value;
}

function parsePoint(raw: unknown, where: string): Point {
  if (Array.isArray(raw)) {
    if (raw.length < 2) {
      throw new TypeError(`${where}: a point array needs [x, y], got ${describe(raw)}.`);
    }
    return { x: checkCoordinate(raw[0], where, 'x'), y: checkCoordinate(raw[1], where, 'y') };
  }
  if (typeof raw === 'object' && raw !== null) {
    const obj = raw as Record<string, unknown>;
    const point: Point = {
      x: checkCoordinate(obj.x, where, 'x'),
      y: checkCoordinate(obj.y, where, 'y'),
    };
    const t = optionalNumber(obj.t, where, 't');
    const pressure = optionalNumber(obj.pressure, where, 'pressure');
    if (t !== undefined) point.t = t;
    if (pressure !== undefined) point.pressure = pressure;
    return point;
  }
  throw new TypeError(`${where}: expected a point {x, y} or [x, y], got ${describe(raw)}.`);
}

/**
 * Validates untrusted stroke data (e.g. from JSON) and returns clean strokes.
 * Accepts `[[{x, y}, …], …]` and `[[[x, y], …], …]`. Throws a `TypeError`/`RangeError` naming
 * the stroke and point index for non-arrays, non-finite numbers (NaN, Infinity) and absurd sizes.
 */
export function parseStrokes(json: unknown): Stroke[] {
  if (!Array.isArray(json)) {
    throw new TypeError(`Strokes must be an array of strokes, got ${describe(json)}.`);
  }
  if (json.length > STROKE_LIMITS.maxStrokes) {
    throw new RangeError(
      `Too many strokes: at most ${STROKE_LIMITS.maxStrokes} accepted, got ${json.length}.`,
    );
  }
  let total = 0;
  return json.map((rawStroke: unknown, s) => {
    if (!Array.isArray(rawStroke)) {
      throw new TypeError(`Stroke ${s} must be an array of points, got ${describe(rawStroke)}.`);
    }
    if (rawStroke.length > STROKE_LIMITS.maxPointsPerStroke) {
      throw new RangeError(
        `Stroke ${s} has too many points: at most ${STROKE_LIMITS.maxPointsPerStroke} accepted, got ${rawStroke.length}.`,
      );
    }
    total += rawStroke.length;
    if (total > STROKE_LIMITS.maxTotalPoints) {
      throw new RangeError(
        `Too many points in total: at most ${STROKE_LIMITS.maxTotalPoints} accepted (exceeded at stroke ${s}).`,
      );
    }
    return rawStroke.map((p: unknown, i) => parsePoint(p, `Stroke ${s}, point ${i}`));
  });
}

/**
 * Throws a `TypeError` naming the first point whose x or y is not a finite number: strokes built
 * in code skip {@link parseStrokes}, and a NaN would otherwise vanish silently from the drawing.
 */
export function assertFiniteStrokes(strokes: readonly Stroke[]): void {
  for (let s = 0; s < strokes.length; s++) {
    const stroke = strokes[s];
    if (!Array.isArray(stroke)) {
      throw new TypeError(`Stroke ${s} must be an array of points, got ${describe(stroke)}.`);
    }
    for (let i = 0; i < stroke.length; i++) {
      const p = stroke[i];
      checkCoordinate(p?.x, `Stroke ${s}, point ${i}`, 'x');
      checkCoordinate(p?.y, `Stroke ${s}, point ${i}`, 'y');
    }
  }
}

/** Axis-aligned bounds of a set of points. */
export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Bounds of all points of all strokes, or `null` when there is no point. */
export function strokeBounds(strokes: readonly Stroke[]): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const p of stroke) {
      if (p.x < minX) minX = p.x;
      if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.y > maxY) maxY = p.y;
    }
  }
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}
