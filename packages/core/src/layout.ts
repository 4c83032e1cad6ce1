/**
 * Geometry of a preprocessed digit, shared by both preprocessors and by the docs' "what the model
 * sees" view. Coordinates are pixel indices (pixel (x, y) has its centre at (x, y)), the
 * convention under which MNIST's centres of mass average (14.0, 14.0) on its test set.
 */

/** Side of the MNIST image. */
export const MNIST_SIZE = 28;
/** Side of the box the digit is fit into, keeping its aspect ratio. */
export const MNIST_BOX = 20;
/** Where the centre of mass goes. */
export const MNIST_CENTER = 14;

/** A point in pixel-index coordinates. */
export interface PixelPoint {
  x: number;
  y: number;
}

/** An inclusive pixel rectangle: columns `x … x + width - 1`, rows `y … y + height - 1`. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Centre of mass of the pixel values of a row-major image (default 28 wide), or `null` when the
 * image has no ink. Used to place a digit the way MNIST did.
 */
export function centerOfMass(image: ArrayLike<number>, width = MNIST_SIZE): PixelPoint | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  const height = Math.floor(image.length / width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = image[row + x];
      mass += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : null;
}

/**
 * Smallest rectangle holding every pixel above `threshold` (default: any ink), or `null`
 * when there is none.
 */
export function inkBoundingBox(
  image: ArrayLike<number>,
  width = MNIST_SIZE,
  threshold = 0,
): PixelBox | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  const height = Math.floor(image.length / width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (image[row + x] > threshold) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return maxX < 0 ? null : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/**
 * @internal Draws a digit twice into `out`: first with its box centred, to find where the centre
 * of mass lands, then shifted so it sits at (14, 14). Re-drawing with a sub-pixel shift keeps the
 * image as sharp as the first pass, where shifting the pixels would blur it.
 */
export function placeByCenterOfMass(
  draw: (offsetX: number, offsetY: number) => void,
  boxOffsetX: number,
  boxOffsetY: number,
  out: Float32Array,
): void {
  draw(boxOffsetX, boxOffsetY);
  const com = centerOfMass(out);
  if (com) draw(boxOffsetX + MNIST_CENTER - com.x, boxOffsetY + MNIST_CENTER - com.y);
}

/** Sum of the pixel values: how much ink the digit carries. */
export function inkMass(image: ArrayLike<number>): number {
  let mass = 0;
  for (let i = 0; i < image.length; i++) mass += image[i];
  return mass;
}
