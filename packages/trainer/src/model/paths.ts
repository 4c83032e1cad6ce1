import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The model folder inside @digit-canvas/core, where the shipped model lives. */
export function coreModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@digit-canvas/core/package.json')), 'model');
}
