// Where the UNIPEN 1a pen-drawn digits live. They are not part of the project and are never
// copied into it: read them from ../shared beside the project, or from UNIPEN_PATH.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const unipenPath =
  process.env.UNIPEN_PATH || resolve(repoRoot, '../shared/data/unipen1a/digits.json');

/** A reason to skip, or null when the data is there. */
export function unipenSkipReason() {
  return existsSync(unipenPath)
    ? null
    : `UNIPEN 1a digits not found at ${unipenPath} (set UNIPEN_PATH to shared/data/unipen1a/digits.json); skipping real-handwriting checks.`;
}
