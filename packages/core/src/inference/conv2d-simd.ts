import { CONV2D_WASM_BASE64 } from './conv2d-wasm.js';
import { type Activation, type ConvolutionShape, paddedLength, padInto } from './kernels.js';

/** The kernel's pixel block: rows of the output are computed in whole blocks of four. */
const BLOCK = 4;
const PAGE_BYTES = 65536;

type Conv2dExport = (
  x: number,
  w: number,
  b: number,
  out: number,
  inWidth: number,
  outHeight: number,
  outBlocks: number,
  cin: number,
  cout: number,
  kh: number,
  kw: number,
  relu: number,
) => void;

let compiled: Promise<WebAssembly.Module | null> | undefined;

/** conv2d.wat compiled once per page, or null where WebAssembly SIMD cannot run. */
function compileOnce(): Promise<WebAssembly.Module | null> {
  compiled ??= (async () => {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = Uint8Array.from(atob(CONV2D_WASM_BASE64), (c) => c.charCodeAt(0));
    // False in an engine without SIMD (Safari before 16.4); compiling throws where a
    // Content-Security-Policy forbids WebAssembly (no 'wasm-unsafe-eval').
    if (!WebAssembly.validate(bytes)) return null;
    try {
      return await WebAssembly.compile(bytes);
    } catch {
      return null;
    }
  })();
  return compiled;
}

/**
 * @internal One model's convolutions on WebAssembly SIMD (conv2d.wat): 4 pixels × 4 channels per
 * step in 128-bit lanes, about 3× the plain JavaScript kernel. It owns a WebAssembly memory that
 * holds the model's kernels and biases, stored once, and a scratch area for one layer's input and
 * output, reused by every call.
 */
export class SimdConvolutions {
  readonly #memory: WebAssembly.Memory;
  readonly #conv2d: Conv2dExport;
  /** End of the stored weights: the scratch area starts here. */
  #top = 0;

  private constructor(instance: WebAssembly.Instance) {
    this.#memory = instance.exports.memory as WebAssembly.Memory;
    this.#conv2d = instance.exports.conv2d as Conv2dExport;
  }

  /** A new instance, or null where WebAssembly SIMD is unavailable (the caller uses kernels.ts). */
  static async create(): Promise<SimdConvolutions | null> {
    const module = await compileOnce();
    if (!module) return null;
    try {
      return new SimdConvolutions(await WebAssembly.instantiate(module));
    } catch {
      return null;
    }
  }

  /** Whether the kernel runs a convolution with this many output channels. */
  static runs(filters: number): boolean {
    return filters % BLOCK === 0;
  }

  /** Copies `values` into the memory, for good; returns their byte offset. */
  store(values: Float32Array): number {
    const at = this.#top;
    this.#top = align(at + values.byteLength);
    this.#reserve(this.#top);
    new Float32Array(this.#memory.buffer, at, values.length).set(values);
    return at;
  }

  /** `conv2d` of kernels.ts, with the kernel and bias stored at `kernelAt` and `biasAt`. */
  conv2d(input: Activation, kernelAt: number, biasAt: number, shape: ConvolutionShape): Activation {
    const { kernelHeight: kh, kernelWidth: kw, filters: cout, pad, relu } = shape;
    const cin = input.channels;
    const inWidth = input.width + 2 * pad;
    const outHeight = input.height + 2 * pad - kh + 1;
    const outWidth = inWidth - kw + 1;
    const outBlocks = Math.ceil(outWidth / BLOCK);
    // The last block of a row reads up to BLOCK − 1 pixels past the input: zeros.
    const inputValues = paddedLength(input, pad, BLOCK - 1);
    const xAt = this.#top;
    const outAt = align(xAt + inputValues * 4);
    const outRow = outBlocks * BLOCK * cout;
    this.#reserve(outAt + outHeight * outRow * 4);
    // The scratch area holds the previous layer's values: zero it first.
    padInto(input, pad, new Float32Array(this.#memory.buffer, xAt, inputValues).fill(0));
    this.#conv2d(
      xAt,
      kernelAt,
      biasAt,
      outAt,
      inWidth,
      outHeight,
      outBlocks,
      cin,
      cout,
      kh,
      kw,
      relu ? 1 : 0,
    );

    const sums = new Float32Array(this.#memory.buffer, outAt, outHeight * outRow);
    const out = new Float32Array(outHeight * outWidth * cout);
    for (let y = 0; y < outHeight; y++) {
      out.set(sums.subarray(y * outRow, y * outRow + outWidth * cout), y * outWidth * cout);
    }
    return { data: out, height: outHeight, width: outWidth, channels: cout };
  }

  /** Grows the memory to at least `bytes`. */
  #reserve(bytes: number): void {
    const missing = bytes - this.#memory.buffer.byteLength;
    if (missing > 0) this.#memory.grow(Math.ceil(missing / PAGE_BYTES));
  }
}

/** `bytes` rounded up to a multiple of 16, the width of a SIMD load. */
function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
