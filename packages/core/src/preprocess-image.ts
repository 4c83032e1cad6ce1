import {
  inkBoundingBox,
  MNIST_BOX,
  MNIST_CENTER,
  MNIST_SIZE,
  placeByCenterOfMass,
  type PixelBox,
} from './layout.js';
import type { ImageInput } from './types.js';

/** Options of {@link preprocessImage}. */
export interface ImagePreprocessOptions {
  /**
   * Ink fraction (of the strongest ink) below which a pixel counts as paper: removes paper
   * texture, JPEG noise and shadows before the crop. In [0, 1).
   */
  noiseThreshold?: number;
  /**
   * Which way the ink goes. `'auto'` compares the image border (the paper) with the rest.
   */
  polarity?: 'auto' | 'dark-on-light' | 'light-on-dark';
}

/** Defaults of {@link ImagePreprocessOptions}. */
export const DEFAULT_IMAGE_PREPROCESS_OPTIONS: Required<ImagePreprocessOptions> = {
  noiseThreshold: 0.2,
  polarity: 'auto',
};

/** Largest image accepted (pixels), so a bogus size cannot allocate gigabytes. */
export const MAX_IMAGE_PIXELS = 50_000_000;

const POLARITIES = ['auto', 'dark-on-light', 'light-on-dark'] as const;

function validateOptions(options: ImagePreprocessOptions): Required<ImagePreprocessOptions> {
  const d = DEFAULT_IMAGE_PREPROCESS_OPTIONS;
  const noiseThreshold = options.noiseThreshold ?? d.noiseThreshold;
  const polarity = options.polarity ?? d.polarity;
  if (!(noiseThreshold >= 0 && noiseThreshold < 1)) {
    throw new RangeError(`noiseThreshold must be in [0, 1), got ${noiseThreshold}.`);
  }
  if (!POLARITIES.includes(polarity)) {
    throw new RangeError(
      `polarity must be one of ${POLARITIES.join(', ')}, got ${String(polarity)}.`,
    );
  }
  return { noiseThreshold, polarity };
}

function checkImage(image: ImageInput): 'rgba' | 'grey' {
  const { width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(
      `Image width and height must be positive integers, got ${String(width)}×${String(height)}.`,
    );
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new RangeError(
      `Image too large: at most ${MAX_IMAGE_PIXELS} pixels accepted, got ${width}×${height}.`,
    );
  }
  const n = width * height;
  const length = image.data?.length;
  if (length === 4 * n) return 'rgba';
  if (length === n) return 'grey';
  throw new RangeError(
    `Image data length must be ${4 * n} (RGBA) or ${n} (grey) for ${width}×${height}, got ${String(length)}.`,
  );
}

function badPixel(kind: 'rgba' | 'grey', i: number, width: number, value: number): never {
  const p = kind === 'rgba' ? Math.floor(i / 4) : i;
  const channel = kind === 'rgba' ? ` channel ${'RGBA'[i % 4]}` : '';
  throw new RangeError(
    `Image pixel (x ${p % width}, y ${Math.floor(p / width)})${channel} must be a finite number, got ${value}.`,
  );
}

/** Grey level in [0, 1] per pixel; transparent pixels are composited over the paper colour. */
function toGrey(image: ImageInput, kind: 'rgba' | 'grey'): Float32Array {
  const { data, width, height } = image;
  const n = width * height;
  const grey = new Float32Array(n);
  // Byte arrays (ImageData, decoded images) cannot hold NaN: skip the per-value check.
  const checked = !(data instanceof Uint8ClampedArray || data instanceof Uint8Array);
  if (kind === 'grey') {
    for (let i = 0; i < n; i++) {
      const v = data[i];
      if (checked && !Number.isFinite(v)) badPixel(kind, i, width, v);
      grey[i] = v / 255;
    }
    return grey;
  }
  // A canvas drawn on a transparent background holds its ink in alpha only; composite it over
  // the colour opposite to the ink so the ink stays visible whatever its colour.
  let opaque = true;
  let inkLum = 0;
  let inkAlpha = 0;
  for (let i = 0; i < n; i++) {
    const j = 4 * i;
    const r = data[j];
    const g = data[j + 1];
    const b = data[j + 2];
    const a = data[j + 3];
    if (
      checked &&
      !(Number.isFinite(r) && Number.isFinite(g) && Number.isFinite(b) && Number.isFinite(a))
    ) {
      const bad = [r, g, b, a].findIndex((v) => !Number.isFinite(v));
      badPixel(kind, j + bad, width, [r, g, b, a][bad]);
    }
    const lum = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    grey[i] = lum;
    if (a < 255) opaque = false;
    inkLum += (a / 255) * lum;
    inkAlpha += a / 255;
  }
  if (opaque) return grey;
  const paper = inkAlpha > 0 && inkLum / inkAlpha > 0.5 ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const a = data[4 * i + 3] / 255;
    grey[i] = a * grey[i] + (1 - a) * paper;
  }
  return grey;
}

/** Median of the border pixels: the paper, unless the ink runs off every edge. */
function borderLevel(grey: Float32Array, width: number, height: number): number {
  const values: number[] = [];
  for (let x = 0; x < width; x++) values.push(grey[x], grey[(height - 1) * width + x]);
  for (let y = 1; y < height - 1; y++) values.push(grey[y * width], grey[y * width + width - 1]);
  values.sort((a, b) => a - b);
  return values[values.length >> 1];
}

/**
 * Weights of an area-averaging resampler along one axis: source cell j, covering [j, j + 1),
 * maps to [offset + scale·j, offset + scale·(j + 1)) and is split over the output pixels
 * (pixel X covers [X − ½, X + ½)) by overlap length.
 */
function axisWeights(
  length: number,
  scale: number,
  offset: number,
): { src: Int32Array; dst: Int32Array; weight: Float32Array } {
  const src: number[] = [];
  const dst: number[] = [];
  const weight: number[] = [];
  for (let j = 0; j < length; j++) {
    const a = offset + scale * j;
    const b = a + scale;
    const first = Math.max(0, Math.round(a));
    const last = Math.min(MNIST_SIZE - 1, Math.round(b));
    for (let X = first; X <= last; X++) {
      const overlap = Math.min(b, X + 0.5) - Math.max(a, X - 0.5);
      if (overlap > 0) {
        src.push(j);
        dst.push(X);
        weight.push(overlap);
      }
    }
  }
  return {
    src: Int32Array.from(src),
    dst: Int32Array.from(dst),
    weight: Float32Array.from(weight),
  };
}

/** Area-averaged resampling of the crop into 28×28 at the given scale and offsets. */
function resample(
  ink: Float32Array,
  stride: number,
  crop: PixelBox,
  scale: number,
  offsetX: number,
  offsetY: number,
  out: Float32Array,
): void {
  const wx = axisWeights(crop.width, scale, offsetX);
  const wy = axisWeights(crop.height, scale, offsetY);
  // Rows first: each crop row collapses to 28 columns, then the rows are combined.
  const rows = new Float32Array(crop.height * MNIST_SIZE);
  for (let r = 0; r < crop.height; r++) {
    const base = (crop.y + r) * stride + crop.x;
    const dst = r * MNIST_SIZE;
    for (let k = 0; k < wx.src.length; k++) {
      rows[dst + wx.dst[k]] += wx.weight[k] * ink[base + wx.src[k]];
    }
  }
  out.fill(0);
  for (let k = 0; k < wy.src.length; k++) {
    const src = wy.src[k] * MNIST_SIZE;
    const dst = wy.dst[k] * MNIST_SIZE;
    const w = wy.weight[k];
    for (let x = 0; x < MNIST_SIZE; x++) out[dst + x] += w * rows[src + x];
  }
}

/**
 * Turns any image of one digit (a canvas's RGBA, a photo of paper, a grey array) into MNIST's
 * layout: a `Float32Array(784)`, ink high in [0, 1], background 0. Detects the polarity (dark ink
 * on light paper or the reverse) from the border, drops pixels below the noise threshold, crops
 * to the ink, resamples it by area averaging into the 20×20 box keeping the aspect ratio, and
 * places its centre of mass at pixel (14, 14). An image without ink gives all zeros.
 * Throws a `RangeError` naming the pixel for NaN or infinite values, and for a data length that
 * is neither RGBA nor grey for the given size.
 */
export function preprocessImage(
  image: ImageInput,
  options: ImagePreprocessOptions = {},
): Float32Array {
  const { noiseThreshold, polarity } = validateOptions(options);
  const kind = checkImage(image);
  const { width, height } = image;
  const grey = toGrey(image, kind);
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);

  const paper = borderLevel(grey, width, height);
  const darkInk = polarity === 'auto' ? paper > 0.5 : polarity === 'dark-on-light';
  let strongest = 0;
  for (let i = 0; i < grey.length; i++) {
    const v = darkInk ? paper - grey[i] : grey[i] - paper;
    grey[i] = v > 0 ? v : 0;
    if (grey[i] > strongest) strongest = grey[i];
  }
  if (strongest <= 0) return out;

  // Normalise contrast (a pencil photo's ink is grey, not black), then drop the noise floor.
  for (let i = 0; i < grey.length; i++) {
    const v = (grey[i] / strongest - noiseThreshold) / (1 - noiseThreshold);
    grey[i] = v > 0 ? v : 0;
  }
  const crop = inkBoundingBox(grey, width);
  if (!crop) return out;
  const scale = MNIST_BOX / Math.max(crop.width, crop.height);
  placeByCenterOfMass(
    (offsetX, offsetY) => resample(grey, width, crop, scale, offsetX, offsetY, out),
    MNIST_CENTER - (crop.width * scale) / 2,
    MNIST_CENTER - (crop.height * scale) / 2,
    out,
  );

  // Thin strokes of a large image average down to grey; MNIST's strokes peak at full ink.
  let peak = 0;
  for (let i = 0; i < out.length; i++) if (out[i] > peak) peak = out[i];
  if (peak > 0) for (let i = 0; i < out.length; i++) out[i] = Math.min(1, out[i] / peak);
  return out;
}
