import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/** Where and from what a report was made, so a figure can be traced to a commit and machine. */
export interface Provenance {
  command: string;
  commit: string;
  /** Files differed from the commit when the run started. */
  dirty: boolean;
  node: string;
  cpu: string;
  cores: number;
  date: string;
}

export function provenance(argv: string[] = process.argv.slice(2)): Provenance {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return '';
    }
  };
  const cpu = cpus();
  return {
    command: ['digit-canvas-train', ...argv.map(shellWord)].join(' '),
    commit: git('rev-parse', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain', '--untracked-files=no', '.') !== '',
    node: process.version,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    date: new Date().toISOString(),
  };
}

/** `word` as a shell would need it typed: quoted when it holds anything but safe characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
