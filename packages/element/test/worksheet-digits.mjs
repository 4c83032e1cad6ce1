// The answers of the 24-box worksheet, shared by its bench (benchmark/worksheet.mjs, in Node) and
// its test (test/worksheet.test.ts, in the browser), so both draw the same digits the same way:
// which handwritten digits go in which box, how they are fitted into a box, and what is drawn
// when the UNIPEN data is missing.

/** Boxes on the worksheet. */
export const WORKSHEET_BOXES = 24;
/** The least distance, in CSS px, between two points sent for a stroke. */
const MIN_STEP = 5;

/**
 * `count` held-out UNIPEN samples for the boxes: the digits 0–9 in turn, each digit's samples
 * taken evenly spaced over the file (so several writers and tablets appear), leaving out those
 * flagged as possibly mis-segmented.
 */
export function pickDigits(samples, count = WORKSHEET_BOXES) {
  const clean = samples.filter((s) => !s.suspect);
  const rounds = Math.ceil(count / 10);
  return Array.from({ length: count }, (_, k) => {
    const ofLabel = clean.filter((s) => s.label === k % 10);
    return ofLabel[Math.floor(((Math.floor(k / 10) + 0.5) * ofLabel.length) / rounds)];
  });
}

/** Points every 1/40 of the way along the segments between `corners` (fractions of a box). */
function polyline(corners) {
  const points = [corners[0]];
  for (let i = 1; i < corners.length; i++) {
    const [[x0, y0], [x1, y1]] = [corners[i - 1], corners[i]];
    for (let step = 1; step <= 40; step++) {
      points.push([x0 + ((x1 - x0) * step) / 40, y0 + ((y1 - y0) * step) / 40]);
    }
  }
  return points;
}

const ONE = {
  label: 1,
  strokes: [
    polyline([
      [0.42, 0.25],
      [0.52, 0.12],
      [0.5, 0.88],
    ]),
  ],
};
const SEVEN = {
  label: 7,
  strokes: [
    polyline([
      [0.25, 0.2],
      [0.75, 0.2],
      [0.6, 0.5],
      [0.45, 0.85],
    ]),
  ],
};

/** Without the UNIPEN data: a one and a seven in turn, dense like a finger's samples. */
export const SYNTHETIC_DIGITS = Array.from({ length: WORKSHEET_BOXES }, (_, k) =>
  k % 2 ? SEVEN : ONE,
);

/**
 * Fits a digit's strokes (`[x, y]` in any units) into a `size`-px box, 70% of it and centred, as
 * a person writes in a box; `{ x, y }` in CSS px from the box's top-left corner. Points closer
 * than 5 px to the previous one are dropped: what a 60 Hz touchscreen reports of a finger moving
 * at a moderate 300 px/s (the pen tablets' own rates are far higher). Fewer points also keep the
 * test short: each touch move is one round trip to the browser, answered on its next frame.
 */
export function placeDigit(strokes, size) {
  const xs = strokes.flat().map((p) => p[0]);
  const ys = strokes.flat().map((p) => p[1]);
  const w = Math.max(...xs) - Math.min(...xs);
  const h = Math.max(...ys) - Math.min(...ys);
  const scale = (0.7 * size) / Math.max(w, h, 1e-9);
  const dx = (size - w * scale) / 2 - Math.min(...xs) * scale;
  const dy = (size - h * scale) / 2 - Math.min(...ys) * scale;
  return strokes.map((stroke) => {
    const at = ([x, y]) => ({ x: x * scale + dx, y: y * scale + dy });
    const out = [at(stroke[0])];
    for (const p of stroke.slice(1, -1).map(at)) {
      const last = out[out.length - 1];
      if (Math.hypot(p.x - last.x, p.y - last.y) >= MIN_STEP) out.push(p);
    }
    if (stroke.length > 1) out.push(at(stroke[stroke.length - 1]));
    return out;
  });
}
