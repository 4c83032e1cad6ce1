import { io } from '@tensorflow/tfjs-core';

import { importNodeBuiltin } from './environment.js';
import { errorMessage } from './error-message.js';

interface NodeFs {
  readFile(path: string): Promise<Uint8Array>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}
interface NodePath {
  dirname(path: string): string;
  resolve(...paths: string[]): string;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/**
 * @internal A tfjs load handler reading `model.json` and its weight files from disk, since
 * Node has no tfjs-node here and tfjs-core's own handlers only speak http(s) and browser storage.
 */
export function fileSystemHandler(modelPath: string): io.IOHandler {
  return {
    async load(): Promise<io.ModelArtifacts> {
      const fs = await importNodeBuiltin<NodeFs>('node:fs/promises');
      const path = await importNodeBuiltin<NodePath>('node:path');
      let text: string;
      try {
        text = await fs.readFile(modelPath, 'utf8');
      } catch (err) {
        throw new Error(`cannot read ${modelPath}: ${errorMessage(err)}`);
      }
      let json: io.ModelJSON;
      try {
        json = JSON.parse(text) as io.ModelJSON;
      } catch (err) {
        throw new Error(`${modelPath} is not valid JSON (${errorMessage(err)})`);
      }
      if (typeof json !== 'object' || json === null || !json.modelTopology) {
        throw new Error(`${modelPath} has no modelTopology: not a tfjs LayersModel model.json`);
      }
      if (!Array.isArray(json.weightsManifest)) {
        throw new Error(`${modelPath} has no weightsManifest array`);
      }
      const dir = path.dirname(modelPath);
      return io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const file of group.paths) {
            const weightPath = path.resolve(dir, file);
            try {
              buffers.push(toArrayBuffer(await fs.readFile(weightPath)));
            } catch (err) {
              throw new Error(
                `weight file ${weightPath} (listed in ${modelPath}) cannot be read: ${errorMessage(err)}`,
              );
            }
          }
        }
        return [specs, buffers];
      });
    },
  };
}
