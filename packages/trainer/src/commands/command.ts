import type { ParseArgsConfig } from 'node:util';

/**
 * One subcommand of `digit-canvas-train`. The CLI shell (src/cli.ts) parses the arguments with
 * node:util `parseArgs` using `options`, prints `usage` for `--help`, and calls `run`.
 */
export interface Command {
  /** The word after `digit-canvas-train`, e.g. `train`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text: usage line, every option with its default, an example. */
  readonly usage: string;
  /** The options in node:util `parseArgs` form (`--help` is added by the shell). */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Runs the command; throws an Error whose message the shell prints (exit code 1). */
  run(values: Record<string, string | boolean | string[] | boolean[] | undefined>): Promise<void>;
}
