import {
  backend_util,
  BatchMatMul,
  Conv2D,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  getKernel,
  registerKernel,
  Reshape,
  Reverse,
  Slice,
  Transpose,
  unregisterKernel,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

import { registerWasmHeapKernels } from './wasm-heap-kernels.js';

// The wasm backend has no Conv2DBackpropFilter and a slow, scalar Conv2DBackpropInput. Both
// gradients are plain convolutions of rearranged tensors, so they run on the backend's own
// XNNPACK Conv2D (see docs/architecture.md, "Decisions worth knowing" → "Training without native
// TensorFlow").

type Explicit = [[number, number], [number, number], [number, number], [number, number]];

interface WasmLike extends KernelBackend {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

function call(
  name: string,
  backend: KernelBackend,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel)
    throw new Error(`the wasm backend has no ${name} kernel, which the training kernels need`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

function dispose(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) (backend as WasmLike).disposeData(info.dataId);
}

/** The backend's stride-1 NHWC Conv2D of `x` by `filter`, with explicit padding. */
function conv2D(
  backend: KernelBackend,
  x: TensorInfo,
  filter: TensorInfo,
  pad: Explicit,
  dilations: number | [number, number],
): TensorInfo {
  return call(Conv2D, backend, { x, filter }, {
    strides: 1,
    pad,
    dataFormat: 'NHWC',
    dilations,
    dimRoundingMode: undefined,
  } as unknown as NamedAttrMap);
}

function convInfoFor(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: Conv2DBackpropFilterAttrs['pad'],
  dimRoundingMode: Conv2DBackpropFilterAttrs['dimRoundingMode'],
  dataFormat: Conv2DBackpropFilterAttrs['dataFormat'],
): backend_util.Conv2DInfo {
  if (dataFormat !== 'NHWC') {
    throw new Error(`wasm training kernels support dataFormat 'NHWC' only, got '${dataFormat}'`);
  }
  return backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * dW[kh,kw,ci,co] = Σ_b,oh,ow x[b, oh·s+kh−pt, ow·s+kw−pl, ci] · dy[b,oh,ow,co]: a convolution of
 * x with the channels and batch swapped ([ci,h,w,b]) by dy as a filter ([oh,ow,b,co]) with
 * dilation = the forward stride, sliced to the filter size.
 */
export const conv2DBackpropFilterWasm: KernelFunc = (args) => {
  const { inputs, attrs } = args;
  const backend = args.backend as KernelBackend;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = convInfoFor(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    pad,
    dimRoundingMode,
    dataFormat,
  );
  const { top, bottom, left, right } = info.padInfo;
  const xT = call(Transpose, backend, { x }, { perm: [3, 1, 2, 0] }); // [ci, h, w, b]
  if (info.strideHeight === 1 && info.strideWidth === 1 && x.dtype === 'float32') {
    return filterGradByMatMul(backend as WasmLike, xT, dy, info, filterShape);
  }
  const dyT = call(Transpose, backend, { x: dy }, { perm: [1, 2, 0, 3] }); // [oh, ow, b, co]
  const explicit: Explicit = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  const full = conv2D(backend, xT, dyT, explicit, [info.strideHeight, info.strideWidth]); // [ci, ≥kh, ≥kw, co]
  dispose(backend, xT, dyT);
  const [kh, kw, ci, co] = filterShape;
  let cropped = full;
  if (full.shape[1] !== kh || full.shape[2] !== kw) {
    cropped = call(Slice, backend, { x: full }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] });
    dispose(backend, full);
  }
  const dw = call(Transpose, backend, { x: cropped }, { perm: [1, 2, 0, 3] }); // [kh, kw, ci, co]
  dispose(backend, cropped);
  return dw;
};

/**
 * W rotated 180° with its channels swapped, [kh, kw, ci, co] → [kh, kw, co, ci], in one pass over
 * the wasm heap: the backend's Reverse + Transpose took ~15 ms a step for these small tensors.
 */
function rotateFilter(backend: KernelBackend, filter: TensorInfo): TensorInfo {
  const [kh, kw, ci, co] = filter.shape as [number, number, number, number];
  if (filter.dtype !== 'float32') {
    const reversed = call(Reverse, backend, { x: filter }, { dims: [0, 1] });
    const swapped = call(Transpose, backend, { x: reversed }, { perm: [0, 1, 3, 2] });
    dispose(backend, reversed);
    return swapped;
  }
  const heap = backend as WasmLike;
  const out = heap.makeOutput([kh, kw, co, ci], 'float32');
  // Views after makeOutput: allocating may grow (and move) the wasm memory.
  const w = heap.typedArrayFromHeap(filter);
  const r = heap.typedArrayFromHeap(out);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) {
      const from = (i * kw + j) * ci * co;
      const to = ((kh - 1 - i) * kw + (kw - 1 - j)) * co * ci;
      for (let c = 0; c < ci; c++)
        for (let o = 0; o < co; o++) r[to + o * ci + c] = w[from + c * co + o]!;
    }
  return out;
}

/**
 * Stride 1: dW as one matrix product, patches [kh·kw·ci, oh·ow·b] × dy [oh·ow·b, co], which is
 * [kh, kw, ci, co] as it stands. XNNPACK runs the convolution form above with dy as a filter of
 * oh×ow taps, whose packed weights (megabytes) are streamed again for every tile of the output,
 * at about half the speed of this product. Each patch row is oh runs of ow·b contiguous values of
 * x transposed to [ci, h, w, b], so building the patches is a series of copies.
 */
function filterGradByMatMul(
  backend: WasmLike,
  xT: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
  filterShape: [number, number, number, number],
): TensorInfo {
  const [kh, kw, ci, co] = filterShape;
  const { batchSize: b, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  const dyT = call(Transpose, backend, { x: dy }, { perm: [1, 2, 0, 3] }); // [oh, ow, b, co]
  const k = oh * ow * b;
  const run = ow * b;
  const patches = backend.makeOutput([kh * kw * ci, k], 'float32');
  // Views after makeOutput: allocating may grow (and move) the wasm memory.
  const src = backend.typedArrayFromHeap(xT);
  const dst = backend.typedArrayFromHeap(patches);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) {
      // Output columns whose input column ox + j − left lies inside the image.
      const lo = Math.max(0, left - j);
      const hi = Math.min(ow, w + left - j);
      for (let c = 0; c < ci; c++) {
        const row = ((i * kw + j) * ci + c) * k;
        for (let oy = 0; oy < oh; oy++) {
          const at = row + oy * run;
          const iy = oy + i - top;
          if (iy < 0 || iy >= h || hi <= lo) {
            dst.fill(0, at, at + run);
            continue;
          }
          if (lo > 0) dst.fill(0, at, at + lo * b);
          if (hi < ow) dst.fill(0, at + hi * b, at + run);
          const from = ((c * h + iy) * w + lo + j - left) * b;
          dst.set(src.subarray(from, from + (hi - lo) * b), at + lo * b);
        }
      }
    }
  dispose(backend, xT);
  const dy2 = call(Reshape, backend, { x: dyT }, { shape: [k, co] });
  dispose(backend, dyT);
  const product = call(
    BatchMatMul,
    backend,
    { a: patches, b: dy2 },
    {
      transposeA: false,
      transposeB: false,
    },
  ); // [1, kh·kw·ci, co]
  dispose(backend, patches, dy2);
  const dw = call(Reshape, backend, { x: product }, { shape: filterShape });
  dispose(backend, product);
  return dw;
}

let fallbackInput: KernelFunc | undefined;

/**
 * Stride 1: dx = conv(dy, W rotated 180° with ci/co swapped) padded k−1−p before the data and
 * enough after it to give back the input size. Strided convolutions use the backend's own kernel.
 */
export const conv2DBackpropInputWasm: KernelFunc = (args) => {
  const { inputs, attrs } = args;
  const backend = args.backend as KernelBackend;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
    attrs as unknown as Conv2DBackpropInputAttrs;
  const info = convInfoFor(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    pad,
    dimRoundingMode,
    dataFormat,
  );
  if (info.strideHeight !== 1 || info.strideWidth !== 1) {
    if (!fallbackInput)
      throw new Error(
        'wasm Conv2DBackpropInput fallback is missing: call registerWasmTrainingKernels() first',
      );
    return fallbackInput(args);
  }
  const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, outHeight, outWidth } = info;
  const { top, left } = info.padInfo;
  const padTop = kh - 1 - top;
  const padLeft = kw - 1 - left;
  const explicit: Explicit = [
    [0, 0],
    [padTop, inHeight - outHeight + kh - 1 - padTop],
    [padLeft, inWidth - outWidth + kw - 1 - padLeft],
    [0, 0],
  ];
  const swapped = rotateFilter(backend, filter); // [kh, kw, co, ci]
  const dx = conv2D(backend, dy, swapped, explicit, 1);
  dispose(backend, swapped);
  return dx;
};

/**
 * Registers the training kernels for the `wasm` backend (idempotent). Call before training on
 * wasm; forward-only use (inference) does not need them.
 */
export function registerWasmTrainingKernels(): void {
  registerWasmHeapKernels();
  if (getKernel(Conv2DBackpropFilter, 'wasm')?.kernelFunc === conv2DBackpropFilterWasm) return;
  const original = getKernel(Conv2DBackpropInput, 'wasm');
  if (original) {
    fallbackInput = original.kernelFunc;
    unregisterKernel(Conv2DBackpropInput, 'wasm');
  }
  if (getKernel(Conv2DBackpropFilter, 'wasm')) unregisterKernel(Conv2DBackpropFilter, 'wasm');
  registerKernel({
    kernelName: Conv2DBackpropFilter,
    backendName: 'wasm',
    kernelFunc: conv2DBackpropFilterWasm,
  });
  // The original's setupFunc binds its wasm function when the backend starts; keep it so the
  // strided fallback works whether or not the backend was already initialised.
  registerKernel({
    kernelName: Conv2DBackpropInput,
    backendName: 'wasm',
    kernelFunc: conv2DBackpropInputWasm,
    ...(original?.setupFunc ? { setupFunc: original.setupFunc } : {}),
  });
}
