// Two builds: dist/*.js for bundlers (lit and @digit-canvas/core stay external, so the app
// dedupes them), and dist/digit-canvas.bundle.js, one self-contained ES module for plain pages
// with the model and tfjs's .wasm files copied next to it.
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const require = createRequire(import.meta.url);
const coreDir = dirname(require.resolve('@digit-canvas/core/package.json'));
const wasmDir = dirname(
  createRequire(join(coreDir, 'package.json')).resolve(
    '@tensorflow/tfjs-backend-wasm/package.json',
  ),
);

/** Copies the shipped model and the wasm binaries beside the bundle, where it looks for them. */
function copyAssets() {
  return {
    name: 'copy-model-and-wasm',
    async writeBundle({ dir }) {
      await mkdir(dir, { recursive: true });
      const modelDir = join(coreDir, 'model');
      for (const file of await readdir(modelDir)) {
        if (file === 'model.json' || file.endsWith('.bin')) {
          await copyFile(join(modelDir, file), join(dir, file));
        }
      }
      for (const file of await readdir(join(wasmDir, 'dist'))) {
        if (file.endsWith('.wasm')) await copyFile(join(wasmDir, 'dist', file), join(dir, file));
      }
    },
  };
}

export default [
  {
    input: ['index.ts', 'digit-canvas.ts'],
    // Not preserveModules: the typescript plugin imports tslib's helpers, which would then be
    // emitted under dist/node_modules; the shared class lands in one chunk instead.
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'internal/[name].js' },
    external: [/^lit(\/|$)/, /^@lit\//, /^@digit-canvas\/core(\/|$)/],
    plugins: [typescript({ tsconfig: './tsconfig.json', noEmitOnError: true })],
  },
  {
    input: 'bundle.ts',
    // The lazy backend chunks import tfjs from the entry itself: no facade module, no waterfall.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      entryFileNames: 'digit-canvas.bundle.js',
      format: 'es',
      // One file: the backends core imports on demand are inlined rather than split into chunks.
      // The wasm and webgl backends, which core imports only when asked for, stay in their own
      // files: a page on the default backend never downloads them.
      chunkFileNames: (chunk) => {
        const backend = chunk.moduleIds.join(' ').match(/tfjs-backend-(wasm|webgl)/);
        return backend ? `digit-canvas.backend-${backend[1]}.js` : 'digit-canvas.[name].js';
      },
    },
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        declaration: false,
        declarationMap: false,
        sourceMap: false,
      }),
      // `browser` maps tfjs's Node-only imports (fs, worker_threads, node-fetch…) to empty modules.
      nodeResolve({ browser: true, preferBuiltins: false }),
      commonjs(),
      terser({ format: { comments: false } }),
      copyAssets(),
    ],
    onwarn(warning, warn) {
      // tfjs is compiled TypeScript: `this` at top level of its helpers is harmless.
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  },
];
