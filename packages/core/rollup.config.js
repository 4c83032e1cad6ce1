import typescript from '@rollup/plugin-typescript';

import { cleanDist } from '../../scripts/rollup-clean-dist.mjs';

// tfjs stays external: the page (or the element's self-contained bundle) decides how it is loaded.
export default {
  input: 'src/index.ts',
  output: { dir: 'dist', format: 'es', sourcemap: true, preserveModules: true },
  external: [/^@tensorflow\//, /^node:/],
  plugins: [cleanDist(), typescript({ tsconfig: './tsconfig.json', noEmitOnError: true })],
};
