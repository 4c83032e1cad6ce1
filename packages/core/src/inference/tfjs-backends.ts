import * as tf from '@tensorflow/tfjs-core';
// The cpu backend always works (Node and browser), so it comes with this module (itself loaded
// only when TensorFlow.js runs the model); the others load on demand.
import '@tensorflow/tfjs-backend-cpu';

import type { Backend } from '../config.js';
import { importNodeBuiltin, isNode } from '../internal/environment.js';

interface NodeModule {
  createRequire(from: string): { resolve(id: string): string };
}

/** Folder of the installed tfjs-backend-wasm's `.wasm` files, as a path ending in a slash. */
async function nodeWasmDir(): Promise<string> {
  const { createRequire } = await importNodeBuiltin<NodeModule>('node:module');
  // `main` is dist/tf-backend-wasm.node.js, next to the .wasm files.
  const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return main.slice(0, main.lastIndexOf('/') + 1);
}

let wasmPathsSet = false;

function withTrailingSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/**
 * @internal The folder of the model, where the browser build looks for the .wasm files. A
 * relative model URL (`/model/model.json`) is relative to the page, as fetch() reads it.
 */
export function wasmDirBesideModel(modelUrl: string, pageUrl: string | undefined): string {
  return new URL('./', new URL(modelUrl, pageUrl)).href;
}

async function registerWasm(wasmPath: string | undefined, modelUrl: string): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (wasmPathsSet) return;
  const prefix =
    wasmPath !== undefined
      ? withTrailingSlash(wasmPath)
      : isNode()
        ? await nodeWasmDir()
        : wasmDirBesideModel(modelUrl, globalThis.location?.href);
  wasm.setWasmPaths(prefix);
  wasmPathsSet = true;
}

/**
 * @internal Makes `backend` the active tfjs backend, importing it first when needed. Throws
 * with the reason when it cannot start (e.g. no WebGL in this browser, .wasm files not found).
 */
export async function activateBackend(
  backend: Backend,
  options: { wasmPath?: string; modelUrl: string },
): Promise<void> {
  if (tf.getBackend() === backend) return;
  if (backend === 'wasm') await registerWasm(options.wasmPath, options.modelUrl);
  if (backend === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  let ok = false;
  let reason = '';
  try {
    ok = await tf.setBackend(backend);
  } catch (err) {
    reason = err instanceof Error ? `: ${err.message}` : '';
  }
  if (!ok) {
    const hint =
      backend === 'wasm'
        ? ` Check that the tfjs-backend-wasm .wasm files are served at wasmPath (${options.wasmPath ?? 'default'}).`
        : backend === 'webgl'
          ? ' This environment may lack WebGL; use backend "cpu" or "wasm".'
          : '';
    throw new Error(`The tfjs "${backend}" backend failed to start${reason}.${hint}`);
  }
  await tf.ready();
}
