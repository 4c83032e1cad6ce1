import type { TrainerBackend } from '../backend.js';

/** Parses option values given as strings, with errors that name the option. */
export function numberOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  check: (v: number) => boolean = Number.isFinite,
  expected = 'a number',
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !check(value)) {
    throw new Error(`--${name} must be ${expected}, got "${String(raw)}"`);
  }
  return value;
}

export const isPositiveInt = (v: number) => Number.isInteger(v) && v > 0;
export const isNonNegativeInt = (v: number) => Number.isInteger(v) && v >= 0;

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

/**
 * `--backend NAME`, `wasm` when absent. Not checked here: `useBackend` rejects a name it does not
 * know and lists the valid ones, for the CLI and for library callers alike.
 */
export function backendOption(values: Record<string, unknown>): TrainerBackend {
  return (stringOption(values, 'backend') ?? 'wasm') as TrainerBackend;
}
