#!/usr/bin/env node
import { parseArgs } from 'node:util';

import type { Command } from './commands/command.js';
import { commands } from './commands/index.js';
import { closestMatch } from './edit-distance.js';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'Usage: digit-canvas-train <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `digit-canvas-train <command> --help` for the options of one command.',
  ].join('\n');
}

/** `Did you mean X? ` when `word` looks like a typo of one of `candidates`, else nothing. */
function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
  const match = closestMatch(word, candidates);
  return match ? `Did you mean ${prefix}${match}? ` : '';
}

/** The `--help` option that the shell adds to every command. */
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * The first option in `args` that `command` does not have, as one short line naming the closest
 * valid option (a typo deserves a pointer, not the whole help text), or undefined when all are
 * known. parseArgs in strict mode would also reject it, but without a suggestion.
 */
function unknownOption(command: Command, args: string[]): string | undefined {
  const options = { ...command.options, ...HELP };
  const { tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const unknown = tokens.find((t) => t.kind === 'option' && !Object.hasOwn(options, t.name));
  if (unknown?.kind !== 'option') return undefined;
  const hint = unknown.rawName.startsWith('--')
    ? didYouMean(unknown.name, Object.keys(options), '--')
    : '';
  return `Unknown option ${unknown.rawName}. ${hint}Run \`digit-canvas-train ${command.name} --help\` for all options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const hint = didYouMean(
      name,
      commands.map((c) => c.name),
    );
    console.error(
      `Unknown command ${name}. ${hint}Run \`digit-canvas-train --help\` for all commands.`,
    );
    return 1;
  }
  const unknown = unknownOption(command, rest);
  if (unknown) {
    console.error(unknown);
    return 1;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { ...command.options, ...HELP },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(
      `${(error as Error).message}. Run \`digit-canvas-train ${command.name} --help\` for all options.`,
    );
    return 1;
  }
  if (values.help) {
    console.log(command.usage);
    return 0;
  }
  await command.run(values);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`digit-canvas-train: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
