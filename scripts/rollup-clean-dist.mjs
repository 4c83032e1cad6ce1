// A rollup plugin that empties the output folder before each build, so that a module deleted
// from src/ does not linger in dist/ and get published.
import { rm } from 'node:fs/promises';

export function cleanDist(dir = 'dist') {
  return {
    name: 'clean-dist',
    async buildStart() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
