// The types that the model loaders share. They live apart from the loaders so that
// tfjs-model.ts, which runnable-model.ts imports only when TensorFlow.js is needed, names them
// without importing runnable-model.ts back (an import cycle).
import type { Backend } from '../config.js';

/** @internal A loaded model, whichever code runs it. */
export interface RunnableModel {
  /** `js`: core's own kernels (`kernels.ts`); `tfjs`: TensorFlow.js on the chosen backend. */
  readonly engine: 'js' | 'tfjs';
  /** Softmax outputs, `count × 10`, for `count` 28×28 images stored end to end. */
  run(images: Float32Array, count: number): Promise<Float32Array>;
  dispose(): void;
}

/** @internal Where the model is and what should run it. */
export interface ModelRequest {
  href: string;
  backend: Backend;
  wasmPath: string | undefined;
}
