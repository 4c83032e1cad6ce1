import {
  backend_util,
  getKernel,
  Identity,
  MaxPoolGrad,
  registerKernel,
  unregisterKernel,
  type KernelBackend,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

// Kernels that replace slow ones of the wasm backend for training, run in JavaScript on the wasm
// heap or on its reference counts.
//
// The wasm backend's MaxPoolGrad is a scalar loop that, for every input value, revisits each
// window that may contain it: ~10% of a training step of the shipped CNN. Its 2×2/stride-2 pools
// tile the input, so each output gradient goes to exactly one input (the first maximum of its
// window, in row-major order as in tfjs' cpu backend): one pass over the windows, in JavaScript
// on the wasm heap. Other pool shapes keep the backend's kernel.

interface WasmHeap extends KernelBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  incRef(dataId: object): void;
}

/**
 * Identity that shares its input's memory (one more reference) instead of copying it, as the cpu
 * backend's does: tensors are immutable, and tfjs clones every tensor a custom gradient saves for
 * the backward pass, which copied ~5.6M floats (7 ms) a step of 32 in the batch-norm layers.
 */
export const identityWasm: KernelFunc = (args) => {
  const { x } = args.inputs as { x: TensorInfo };
  (args.backend as WasmHeap).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

let fallback: KernelFunc | undefined;

/** MaxPoolGrad for windows that tile the input (stride = window, no padding); else the original. */
export const maxPoolGradWasm: KernelFunc = (args) => {
  const { inputs, attrs } = args;
  const backend = args.backend as WasmHeap;
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels: c,
    outHeight,
    outWidth,
    filterHeight: fh,
    filterWidth: fw,
    strideHeight,
    strideWidth,
    padInfo,
  } = info;
  const tiles =
    strideHeight === fh &&
    strideWidth === fw &&
    padInfo.top === 0 &&
    padInfo.left === 0 &&
    input.dtype === 'float32';
  if (!tiles) {
    if (!fallback)
      throw new Error('wasm MaxPoolGrad fallback is missing: call registerWasmTrainingKernels()');
    return fallback(args);
  }
  const out = backend.makeOutput(input.shape, 'float32');
  // Views after makeOutput: allocating may grow (and move) the wasm memory.
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  const rowStride = inWidth * c;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const corner = ((b * inHeight + oy * fh) * inWidth + ox * fw) * c;
        const gBase = ((b * outHeight + oy) * outWidth + ox) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = corner + ch;
          let max = x[best]!;
          for (let i = 0; i < fh; i++) {
            for (let j = 0; j < fw; j++) {
              const at = corner + i * rowStride + j * c + ch;
              if (x[at]! > max) {
                max = x[at]!;
                best = at;
              }
            }
          }
          dx[best] = dx[best]! + g[gBase + ch]!;
        }
      }
    }
  }
  return out;
};

/**
 * Replaces the wasm backend's MaxPoolGrad with {@link maxPoolGradWasm} and its Identity with
 * {@link identityWasm} (idempotent).
 */
export function registerWasmHeapKernels(): void {
  if (getKernel(Identity, 'wasm')?.kernelFunc !== identityWasm) {
    if (getKernel(Identity, 'wasm')) unregisterKernel(Identity, 'wasm');
    registerKernel({ kernelName: Identity, backendName: 'wasm', kernelFunc: identityWasm });
  }
  const original = getKernel(MaxPoolGrad, 'wasm');
  if (original?.kernelFunc === maxPoolGradWasm) return;
  if (original) {
    fallback = original.kernelFunc;
    unregisterKernel(MaxPoolGrad, 'wasm');
  }
  // Keep the original's setupFunc: it binds the wasm function the fallback calls.
  registerKernel({
    kernelName: MaxPoolGrad,
    backendName: 'wasm',
    kernelFunc: maxPoolGradWasm,
    ...(original?.setupFunc ? { setupFunc: original.setupFunc } : {}),
  });
}
