// Two builds: dist/*.js for bundlers (lit, @digit-canvas/core and react stay external, so the app
// dedupes them), and dist/digit-canvas.bundle.js, one self-contained ES module for plain pages
// with the model and tfjs's .wasm files copied next to it.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

import { cleanDist } from '../../scripts/rollup-clean-dist.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const coreDir = dirname(require.resolve('@digit-canvas/core/package.json'));
const wasmDir = dirname(
  createRequire(join(coreDir, 'package.json')).resolve(
    '@tensorflow/tfjs-backend-wasm/package.json',
  ),
);

/**
 * Copies the shipped models (the CNN's model.json, the trajectory model's trajectory.json, their
 * .bin weights) and the wasm binaries beside the bundle, where it looks for them.
 */
function copyAssets() {
  return {
    name: 'copy-model-and-wasm',
    async writeBundle({ dir }) {
      await mkdir(dir, { recursive: true });
      const modelDir = join(coreDir, 'model');
      for (const file of await readdir(modelDir)) {
        if (file === 'model.json' || file === 'trajectory.json' || file.endsWith('.bin')) {
          await copyFile(join(modelDir, file), join(dir, file));
        }
      }
      for (const file of await readdir(join(wasmDir, 'dist'))) {
        if (file.endsWith('.wasm')) await copyFile(join(wasmDir, 'dist', file), join(dir, file));
      }
    },
  };
}

/**
 * Publishes bundle.ts's declarations as dist/digit-canvas.bundle.d.ts, the types of the
 * `./bundle` export (dist/digit-canvas.bundle.js), generated so they follow bundle.ts.
 */
function bundleTypes() {
  return {
    name: 'bundle-types',
    generateBundle(_options, bundle) {
      const declarations = bundle['bundle.d.ts'];
      if (!declarations) this.error('bundle.d.ts was not emitted: is bundle.ts in tsconfig.json?');
      delete bundle['bundle.d.ts'];
      this.emitFile({
        type: 'asset',
        fileName: 'digit-canvas.bundle.d.ts',
        source: declarations.source,
      });
    },
  };
}

/** The package folder a file belongs to (the nearest package.json with a name), and that name. */
function owningPackage(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
      if (name) return { dir, name };
    }
  }
  throw new Error(`no package.json with a name above ${file}`);
}

/**
 * Source map paths that stay inside this package: its own sources as they are, and a
 * dependency's file (in the pnpm store, or core's folder) as node_modules/<name>/<path>, where
 * an install of this package would have it. The maps carry every source's text
 * (sourcesContent), so nothing needs to exist at those paths.
 */
function sourcePathInPackage(relativeSourcePath, sourcemapPath) {
  const mapDir = dirname(sourcemapPath);
  const file = resolve(mapDir, relativeSourcePath);
  const own = relative(here, file);
  let target = file;
  if (own.startsWith('..') || own.split(sep).includes('node_modules')) {
    const { dir, name } = owningPackage(file);
    target = join(here, 'node_modules', name, relative(dir, file));
  }
  return relative(mapDir, target).split(sep).join('/');
}

// TypeScript writes its maps' paths relative to its outDir; an absolute sourceRoot makes Rollup
// resolve them to the real files, and inlineSources puts their text in the maps.
const typescriptMaps = { sourceMap: true, inlineSources: true, sourceRoot: here };

export default [
  {
    input: ['index.ts', 'digit-canvas.ts', 'react.ts'],
    // Not preserveModules: the typescript plugin imports tslib's helpers, which would then be
    // emitted under dist/node_modules; the shared class lands in one chunk instead.
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      sourcemapPathTransform: sourcePathInPackage,
      chunkFileNames: 'internal/[name].js',
    },
    external: [/^lit(\/|$)/, /^@lit\//, /^@digit-canvas\/core(\/|$)/, /^react(\/|$)/],
    plugins: [
      // Only in this first build: the second writes into the same dist/.
      cleanDist(),
      typescript({
        tsconfig: './tsconfig.json',
        noEmitOnError: true,
        ...typescriptMaps,
        // Declaration maps would lead editors to src/*.ts, which is not published.
        declarationMap: false,
      }),
      bundleTypes(),
    ],
  },
  {
    input: 'bundle.ts',
    // The lazy backend chunks import tfjs from the entry itself: no facade module, no waterfall.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      entryFileNames: 'digit-canvas.bundle.js',
      format: 'es',
      sourcemap: true,
      sourcemapPathTransform: sourcePathInPackage,
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
        ...typescriptMaps,
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
