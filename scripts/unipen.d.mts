/** One pen-drawn digit of `digits.json`, as the file holds it. */
export interface UnipenSample {
  label: number;
  /** Contributor id, e.g. `aga/amywldrp`. */
  writer: string;
  /** UNIPEN's own verdict on the segmentation: `OK`, `?`, … */
  quality: string;
  /** Pen-down strokes of `[x, y]` in the contributor's tablet units, y down, top-left at 0. */
  strokes: [number, number][][];
  /** Heuristic flags on the few samples that may be badly segmented. */
  suspect?: string[];
}

/** A sample whose strokes are `{ x, y }` points. */
export interface UnipenPointSample extends Omit<UnipenSample, 'strokes'> {
  strokes: { x: number; y: number }[][];
}

/** `UNIPEN_PATH`, else `shared/data/unipen1a/digits.json` beside the repository. */
export const unipenPath: string;

/** Why the real-handwriting checks skip (the file is missing), or false when it is there. */
export function unipenSkipReason(): string | false;

/** Whether a writer is held out: the CRC-32 of the id (UTF-8) is 0 mod 5. */
export function isHeldOutWriter(writer: string): boolean;

/**
 * The held-out writers' samples (3,168 digits), read once per process; throws the skip reason
 * when the file is missing.
 */
export function readHeldOutUnipen(): UnipenSample[];

/** The held-out writers' samples with `{ x, y }` points, the shape of core's `Stroke`. */
export function readHeldOutUnipenPoints(): UnipenPointSample[];
