// Draws the recognizer's 28×28 input large enough to see what the model was given.

/** Where the ink is in a 28×28 input: its bounding box and centre of mass, in pixels. */
export interface InkLayout {
  box: { left: number; top: number; right: number; bottom: number } | null;
  centre: { x: number; y: number } | null;
}

const SIDE = 28;

/** Bounding box of pixels above 5% ink and the ink-weighted centre of mass (pixel centres). */
export function inkLayout(input: Float32Array): InkLayout {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  let box: InkLayout['box'] = null;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const v = input[y * SIDE + x];
      mass += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
      if (v > 0.05) {
        box = box
          ? {
              left: Math.min(box.left, x),
              top: Math.min(box.top, y),
              right: Math.max(box.right, x + 1),
              bottom: Math.max(box.bottom, y + 1),
            }
          : { left: x, top: y, right: x + 1, bottom: y + 1 };
      }
    }
  }
  return { box, centre: mass > 0 ? { x: sx / mass, y: sy / mass } : null };
}

/** Paints `input` (ink 1 = black) into `canvas`, one square of `canvas.width / 28` per pixel. */
export function paintInput(canvas: HTMLCanvasElement, input: Float32Array): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const cell = canvas.width / SIDE;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const v = input[i];
    if (v <= 0) continue;
    const shade = Math.round(255 * (1 - Math.min(1, v)));
    ctx.fillStyle = `rgb(${shade} ${shade} ${shade})`;
    ctx.fillRect((i % SIDE) * cell, Math.floor(i / SIDE) * cell, Math.ceil(cell), Math.ceil(cell));
  }
}

/**
 * Paints `input` with the guides that explain MNIST's layout: a faint pixel grid, the 20×20 box
 * the digit is scaled into (dashed), the ink's bounding box (blue) and centre of mass (red cross),
 * which MNIST puts at the image centre.
 */
export function paintInputWithGuides(canvas: HTMLCanvasElement, input: Float32Array): InkLayout {
  paintInput(canvas, input);
  const ctx = canvas.getContext('2d');
  const layout = inkLayout(input);
  if (!ctx) return layout;
  const cell = canvas.width / SIDE;
  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgb(0 0 0 / 0.08)';
  for (let i = 1; i < SIDE; i++) {
    ctx.beginPath();
    ctx.moveTo(i * cell, 0);
    ctx.lineTo(i * cell, canvas.height);
    ctx.moveTo(0, i * cell);
    ctx.lineTo(canvas.width, i * cell);
    ctx.stroke();
  }
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = '#777';
  ctx.strokeRect(4 * cell, 4 * cell, 20 * cell, 20 * cell);
  ctx.setLineDash([]);
  if (layout.box) {
    const { left, top, right, bottom } = layout.box;
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#0063a6';
    ctx.strokeRect(left * cell, top * cell, (right - left) * cell, (bottom - top) * cell);
  }
  if (layout.centre) {
    const x = layout.centre.x * cell;
    const y = layout.centre.y * cell;
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#d00000';
    ctx.beginPath();
    ctx.moveTo(x - 10, y);
    ctx.lineTo(x + 10, y);
    ctx.moveTo(x, y - 10);
    ctx.lineTo(x, y + 10);
    ctx.stroke();
  }
  return layout;
}
