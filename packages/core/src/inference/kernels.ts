/**
 * @internal The few layer kernels a small image classifier needs, on one image at a time in
 * channels-last layout (`[height, width, channels]`, row-major), in plain JavaScript.
 *
 * Why not TensorFlow.js's cpu backend: for the shipped CNN it takes ~22 ms a digit in Chromium
 * (its convolution reads and writes the output for every multiply-add), and it comes with ~140 KB
 * gzip of code (tfjs-core, tfjs-layers, the backend) before the first prediction. The convolution
 * below keeps a 4-pixel × 4-channel block of sums in registers (16 accumulators: as many as x86-64
 * has vector registers, so none spill) and reads each input and weight once per block. Where
 * WebAssembly SIMD runs, conv2d-simd.ts does the same in 128-bit lanes, ~3× faster again; this
 * one is the fallback (and the reference its tests compare with).
 */

/** An activation map: `data` holds `height × width × channels` values, channels fastest. */
export interface Activation {
  readonly data: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Pixels of the block a convolution sums at once; rows are padded to a multiple of it. */
const PIXEL_BLOCK = 4;
/** Output channels of that block. */
const CHANNEL_BLOCK = 4;

/** A stride-1 convolution: its kernel's size, output channels, zero padding, activation. */
export interface ConvolutionShape {
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly filters: number;
  /** Zeros on each side: 0 for 'valid', (k − 1) / 2 for 'same'. */
  readonly pad: number;
  /** Clamp the results at 0. */
  readonly relu: boolean;
}

/** A convolution with a `[kh, kw, in, out]` kernel (tfjs's layout) and a bias. */
export function conv2d(
  input: Activation,
  kernel: Float32Array,
  bias: Float32Array,
  shape: ConvolutionShape,
): Activation {
  const { kernelHeight: kh, kernelWidth: kw, filters: cout, pad, relu } = shape;
  const cin = input.channels;
  const outHeight = input.height + 2 * pad - kh + 1;
  const outWidth = input.width + 2 * pad - kw + 1;
  // The padded input, with room for the last block's extra pixels: the inner loop then needs
  // no bounds tests, and the sums of pixels past the row end are computed and dropped.
  const paddedWidth = input.width + 2 * pad;
  const x = new Float32Array(paddedLength(input, pad, PIXEL_BLOCK));
  padInto(input, pad, x);
  const out = new Float32Array(outHeight * outWidth * cout);
  const blockedChannels = cout - (cout % CHANNEL_BLOCK);
  const clamp = relu ? 0 : -Infinity;

  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox += PIXEL_BLOCK) {
      const pixels = Math.min(PIXEL_BLOCK, outWidth - ox);
      for (let co = 0; co < blockedChannels; co += CHANNEL_BLOCK) {
        // prettier-ignore
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0,
            s10 = 0, s11 = 0, s12 = 0, s13 = 0,
            s20 = 0, s21 = 0, s22 = 0, s23 = 0,
            s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (let ky = 0; ky < kh; ky++) {
          for (let kx = 0; kx < kw; kx++) {
            let p = ((oy + ky) * paddedWidth + ox + kx) * cin;
            let w = (ky * kw + kx) * cin * cout + co;
            // prettier-ignore
            for (let ci = 0; ci < cin; ci++, p++, w += cout) {
              const w0 = kernel[w], w1 = kernel[w + 1], w2 = kernel[w + 2], w3 = kernel[w + 3];
              const x0 = x[p], x1 = x[p + cin], x2 = x[p + 2 * cin], x3 = x[p + 3 * cin];
              s00 += x0 * w0; s01 += x0 * w1; s02 += x0 * w2; s03 += x0 * w3;
              s10 += x1 * w0; s11 += x1 * w1; s12 += x1 * w2; s13 += x1 * w3;
              s20 += x2 * w0; s21 += x2 * w1; s22 += x2 * w2; s23 += x2 * w3;
              s30 += x3 * w0; s31 += x3 * w1; s32 += x3 * w2; s33 += x3 * w3;
            }
          }
        }
        const [b0, b1, b2, b3] = [bias[co], bias[co + 1], bias[co + 2], bias[co + 3]];
        const o = (oy * outWidth + ox) * cout + co;
        out[o] = Math.max(clamp, s00 + b0);
        out[o + 1] = Math.max(clamp, s01 + b1);
        out[o + 2] = Math.max(clamp, s02 + b2);
        out[o + 3] = Math.max(clamp, s03 + b3);
        if (pixels < 2) continue;
        out[o + cout] = Math.max(clamp, s10 + b0);
        out[o + cout + 1] = Math.max(clamp, s11 + b1);
        out[o + cout + 2] = Math.max(clamp, s12 + b2);
        out[o + cout + 3] = Math.max(clamp, s13 + b3);
        if (pixels < 3) continue;
        out[o + 2 * cout] = Math.max(clamp, s20 + b0);
        out[o + 2 * cout + 1] = Math.max(clamp, s21 + b1);
        out[o + 2 * cout + 2] = Math.max(clamp, s22 + b2);
        out[o + 2 * cout + 3] = Math.max(clamp, s23 + b3);
        if (pixels < 4) continue;
        out[o + 3 * cout] = Math.max(clamp, s30 + b0);
        out[o + 3 * cout + 1] = Math.max(clamp, s31 + b1);
        out[o + 3 * cout + 2] = Math.max(clamp, s32 + b2);
        out[o + 3 * cout + 3] = Math.max(clamp, s33 + b3);
      }
      // Channels left over when `filters` is not a multiple of the block: one sum at a time.
      for (let co = blockedChannels; co < cout; co++) {
        for (let px = 0; px < pixels; px++) {
          let sum = bias[co];
          for (let ky = 0; ky < kh; ky++) {
            for (let kx = 0; kx < kw; kx++) {
              const p = ((oy + ky) * paddedWidth + ox + px + kx) * cin;
              const w = (ky * kw + kx) * cin * cout + co;
              for (let ci = 0; ci < cin; ci++) sum += x[p + ci] * kernel[w + ci * cout];
            }
          }
          out[(oy * outWidth + ox + px) * cout + co] = Math.max(clamp, sum);
        }
      }
    }
  }
  return { data: out, height: outHeight, width: outWidth, channels: cout };
}

/**
 * @internal Values of `input` with `pad` zero pixels on every side, followed by `slackPixels`
 * zero pixels: room for the last block of a row, which reads past it.
 */
export function paddedLength(input: Activation, pad: number, slackPixels: number): number {
  const { height, width, channels } = input;
  return ((height + 2 * pad) * (width + 2 * pad) + slackPixels) * channels;
}

/**
 * @internal Writes `input` into `out` (at least {@link paddedLength} values, all zero) inside
 * `pad` pixels of those zeros on every side: the input of either convolution.
 */
export function padInto(input: Activation, pad: number, out: Float32Array): void {
  const { data, height, width, channels } = input;
  const rowWidth = width + 2 * pad;
  for (let y = 0; y < height; y++) {
    const from = y * width * channels;
    out.set(data.subarray(from, from + width * channels), ((y + pad) * rowWidth + pad) * channels);
  }
}

/** Max pooling over `pool` windows moved by `strides`, windows inside the input only ('valid'). */
export function maxPool(
  input: Activation,
  pool: readonly [number, number],
  strides: readonly [number, number],
): Activation {
  const { data, width, channels } = input;
  const outHeight = Math.floor((input.height - pool[0]) / strides[0]) + 1;
  const outWidth = Math.floor((width - pool[1]) / strides[1]) + 1;
  const out = new Float32Array(outHeight * outWidth * channels).fill(-Infinity);
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      const o = (oy * outWidth + ox) * channels;
      for (let py = 0; py < pool[0]; py++) {
        for (let px = 0; px < pool[1]; px++) {
          const i = ((oy * strides[0] + py) * width + ox * strides[1] + px) * channels;
          for (let c = 0; c < channels; c++) {
            if (data[i + c] > out[o + c]) out[o + c] = data[i + c];
          }
        }
      }
    }
  }
  return { data: out, height: outHeight, width: outWidth, channels };
}

/** The mean of each channel over all pixels: a `1 × 1 × channels` map. */
export function globalAveragePool(input: Activation): Activation {
  const { data, channels } = input;
  const pixels = input.height * input.width;
  const out = new Float32Array(channels);
  for (let i = 0; i < pixels; i++) {
    for (let c = 0; c < channels; c++) out[c] += data[i * channels + c];
  }
  for (let c = 0; c < channels; c++) out[c] /= pixels;
  return { data: out, height: 1, width: 1, channels };
}

/** `y = x·kernel + bias` with a `[inputs, units]` kernel, on the map read as a flat vector. */
export function dense(input: Activation, kernel: Float32Array, bias: Float32Array): Activation {
  const x = input.data;
  const units = bias.length;
  const out = Float32Array.from(bias);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * units;
    for (let u = 0; u < units; u++) out[u] += xi * kernel[row + u];
  }
  return { data: out, height: 1, width: 1, channels: units };
}

/** `gamma · (x − mean) / √(variance + ε) + beta` per channel, folded into a scale and a shift. */
export function affinePerChannel(
  input: Activation,
  scale: Float32Array,
  shift: Float32Array,
): Activation {
  const { data, channels } = input;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i += channels) {
    for (let c = 0; c < channels; c++) out[i + c] = data[i + c] * scale[c] + shift[c];
  }
  return { ...input, data: out };
}

/** max(0, x), in place. */
export function reluInPlace(input: Activation): Activation {
  const { data } = input;
  for (let i = 0; i < data.length; i++) if (data[i] < 0) data[i] = 0;
  return input;
}

/** Softmax over all values of the map (a vector of class scores), in place. */
export function softmaxInPlace(input: Activation): Activation {
  const { data } = input;
  let max = -Infinity;
  for (const v of data) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.exp(data[i] - max);
    sum += data[i];
  }
  for (let i = 0; i < data.length; i++) data[i] /= sum;
  return input;
}
