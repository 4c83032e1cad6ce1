/** A digit to draw: its label and its strokes of `[x, y]` points, in any units. */
export interface WorksheetDigit {
  label: number;
  strokes: [number, number][][] | number[][][];
  suspect?: string[];
}

/** Boxes on the worksheet. */
export const WORKSHEET_BOXES: number;

/** `count` held-out samples: the digits 0–9 in turn, each evenly spaced over the file. */
export function pickDigits<T extends WorksheetDigit>(samples: readonly T[], count?: number): T[];

/** Without the UNIPEN data: a one and a seven in turn. */
export const SYNTHETIC_DIGITS: readonly WorksheetDigit[];

/** A digit's strokes fitted into a `size`-px box, in CSS px from its top-left corner. */
export function placeDigit(
  strokes: WorksheetDigit['strokes'],
  size: number,
): { x: number; y: number }[][];
