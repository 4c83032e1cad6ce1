// Draws the recognizer's 28×28 input large enough to see what the model was given.
import {
  centerOfMass,
  inkBoundingBox,
  MNIST_BOX,
  MNIST_SIZE,
  type PixelBox,
  type PixelPoint,
} from '@digit-canvas/core';

/**
 * Where the ink is in a 28×28 input, measured by core's own helpers (pixel-index coordinates:
 * pixel x spans x…x+1 on screen and its centre is x): the pixels above 5% ink, and the centre of
 * mass that preprocessing places at (MNIST_CENTER, MNIST_CENTER).
 */
export interface InkLayout {
  box: PixelBox | null;
  centre: PixelPoint | null;
}

const SIDE = MNIST_SIZE;

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
  const layout: InkLayout = {
    box: inkBoundingBox(input, SIDE, 0.05),
    centre: centerOfMass(input, SIDE),
  };
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
  const margin = (SIDE - MNIST_BOX) / 2;
  ctx.strokeRect(margin * cell, margin * cell, MNIST_BOX * cell, MNIST_BOX * cell);
  ctx.setLineDash([]);
  if (layout.box) {
    const { x, y, width, height } = layout.box;
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#0063a6';
    ctx.strokeRect(x * cell, y * cell, width * cell, height * cell);
  }
  if (layout.centre) {
    // Pixel index i is the square from i to i + 1: its centre is drawn at i + 0.5.
    const x = (layout.centre.x + 0.5) * cell;
    const y = (layout.centre.y + 0.5) * cell;
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
