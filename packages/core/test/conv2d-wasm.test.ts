// The committed conv2d-wasm.ts is conv2d.wat assembled: a change to the .wat without
// `pnpm --filter @digit-canvas/core build:wasm` fails here instead of shipping the old kernel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';

// @ts-expect-error: a plain .mjs build script, without types.
import { conv2dWasmModuleSource } from '../scripts/build-wasm.mjs';

it('conv2d-wasm.ts is conv2d.wat as it is now', async () => {
  const committed = readFileSync(
    new URL('../src/inference/conv2d-wasm.ts', import.meta.url),
    'utf8',
  );
  assert.equal(
    committed,
    await conv2dWasmModuleSource(),
    'run pnpm --filter @digit-canvas/core build:wasm',
  );
});
