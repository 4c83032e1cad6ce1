import { baselinesCommand } from './baselines.js';
import type { Command } from './command.js';
import { evaluateCommand } from './evaluate.js';
import { exportCommand } from './export.js';
import { reportCommand } from './report.js';
import { trainTrajectoryCommand } from './train-trajectory.js';
import { trainCommand } from './train.js';

// Each subcommand lives in its own module in this folder and is listed here, in the order
// `--help` shows them.
export const commands: readonly Command[] = [
  trainCommand,
  trainTrajectoryCommand,
  evaluateCommand,
  exportCommand,
  baselinesCommand,
  reportCommand,
];
