import type { Command } from './command.js';

// Each subcommand lives in its own module in this folder and is listed here, in the order
// `--help` shows them.
export const commands: readonly Command[] = [];
