import * as tf from '@tensorflow/tfjs-core';
// Gradients of the core ops: tfjs-core's Node bundle does not register them, and its ESM
// register_all_gradients.js cannot be imported by Node (directory imports). tfjs-layers' Node
// bundle registers all of them in tfjs' global registry on load.
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

import { registerWasmTrainingKernels } from './kernels/wasm-conv-grads.js';

/** Backends the trainer can run on. `wasm` (with the trainer's gradient kernels) is the fast one. */
export type TrainerBackend = 'wasm' | 'cpu';

export const BACKENDS: readonly TrainerBackend[] = ['wasm', 'cpu'];

/** Activates `name` (registering the wasm training kernels first) and returns it. */
export async function useBackend(name: TrainerBackend): Promise<TrainerBackend> {
  if (!BACKENDS.includes(name)) {
    throw new Error(`unknown backend "${name}"; choose one of ${BACKENDS.join(', ')}`);
  }
  if (name === 'wasm') registerWasmTrainingKernels();
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend failed to initialise`);
  await tf.ready();
  return name;
}
