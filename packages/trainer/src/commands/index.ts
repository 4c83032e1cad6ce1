import { baselinesCommand } from './baselines.js';
import type { Command } from './command.js';
import { reportCommand } from './report.js';

// Each subcommand lives in its own module in this folder and is listed here, in the order
// `--help` shows them.
export const commands: readonly Command[] = [baselinesCommand, reportCommand];
