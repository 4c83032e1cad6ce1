import type { HeldOutSet } from './set.js';
import { unipen } from './unipen.js';

/**
 * Every held-out set `evaluate` measures on, in the reports' order: one line per set. MNIST's
 * test split is not one of them: it is the benchmark the whole report is built around (accuracy,
 * misclassified digits, prediction time), shared with the baselines' reports.
 */
const SETS: HeldOutSet[] = [
  unipen,
  // Add a set: one file beside this one exporting a HeldOutSet, and one line here.
];

/** The registered held-out sets, in order. */
export function heldOutSets(): readonly HeldOutSet[] {
  return SETS;
}

/** The registered set with `id`, or undefined. */
export function heldOutSet(id: string): HeldOutSet | undefined {
  return SETS.find((s) => s.id === id);
}

/**
 * Registers `set` after the others (what a test or a fork does without editing this file);
 * returns a function that removes it again.
 */
export function registerHeldOutSet(set: HeldOutSet): () => void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(set.id)) {
    throw new Error(`held-out set id "${set.id}" must be lower-case letters, digits and dashes`);
  }
  if (SETS.some((s) => s.id === set.id))
    throw new Error(`held-out set "${set.id}" is already registered`);
  if (!set.views.includes('image')) {
    throw new Error(`held-out set "${set.id}" must have the image view (every digit has one)`);
  }
  SETS.push(set);
  return () => {
    const at = SETS.indexOf(set);
    if (at >= 0) SETS.splice(at, 1);
  };
}
