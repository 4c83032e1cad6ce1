import type { TrainerBackend } from '../backend.js';
import type { NumberRule } from '../number-rules.js';
import { coreModelDir, defaultExportDir } from '../paths.js';

/** `--name`'s value parsed as a number, undefined when absent; the error names the option. */
export function optionalNumberOption(
  values: Record<string, unknown>,
  name: string,
  check: (v: number) => boolean = Number.isFinite,
  expected = 'a number',
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !check(value)) {
    throw new Error(`--${name} must be ${expected}, got "${String(raw)}"`);
  }
  return value;
}

/** {@link optionalNumberOption}, with `fallback` when the option is absent. */
export function numberOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  check: (v: number) => boolean = Number.isFinite,
  expected = 'a number',
): number {
  return optionalNumberOption(values, name, check, expected) ?? fallback;
}

/**
 * The numeric config fields given as flags (`flags` names each field's flag), each parsed and
 * checked by its rule so the error names the flag; absent flags are left out, for the config's
 * validate function to fill in.
 */
export function numbersFromFlags<K extends string>(
  values: Record<string, unknown>,
  flags: Readonly<Record<K, string>>,
  rules: Readonly<Record<K, NumberRule>>,
): Partial<Record<K, number>> {
  const given: Partial<Record<K, number>> = {};
  for (const field of Object.keys(flags) as K[]) {
    const rule = rules[field];
    const value = optionalNumberOption(values, flags[field], rule.check, rule.expected);
    if (value !== undefined) given[field] = value;
  }
  return given;
}

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

/**
 * `--to DIR`, the folder a command writes its model into, for every command that takes it:
 * `defaultDir()` when absent (core's model folder inside the repository checkout). An installed
 * trainer has no default, as it never overwrites the installed core's model: there the command
 * stops with the one error every such command gives, naming the command.
 */
export function modelDirOption(
  values: Record<string, unknown>,
  command: string,
  defaultDir: () => string | undefined = defaultExportDir,
): string {
  const to = stringOption(values, 'to') ?? defaultDir();
  if (!to) {
    throw new Error(
      `${command} needs --to DIR: this trainer is an installed package, not the digit-canvas repository, ` +
        `so it does not overwrite the model of the installed @digit-canvas/core (${coreModelDir()}). ` +
        'Pass --to DIR for the folder to write the model into, e.g. --to my-model.',
    );
  }
  return to;
}

/**
 * `--backend NAME`, `wasm` when absent. Not checked here: `useBackend` rejects a name it does not
 * know and lists the valid ones, for the CLI and for library callers alike.
 */
export function backendOption(values: Record<string, unknown>): TrainerBackend {
  return (stringOption(values, 'backend') ?? 'wasm') as TrainerBackend;
}
