import cliProgress from 'cli-progress';

/** A progress display for one long step: a bar on a terminal, plain lines in a log file. */
export interface Progress {
  start(total: number, label: string): void;
  update(value: number, fields: Record<string, string | number>): void;
  stop(): void;
}

/**
 * On a TTY, a cli-progress bar (label, bar, count, the given fields, ETA). Otherwise (nohup,
 * CI) one line roughly every `everySeconds` and at the end, so logs stay readable.
 */
export function createProgress(
  fieldsFormat: string,
  stream: NodeJS.WriteStream = process.stderr,
  everySeconds = 30,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `{label} |{bar}| {value}/{total} ${fieldsFormat} | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (total, label) => bar.start(total, 0, { label }),
      update: (value, fields) => bar.update(value, fields),
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let label = '';
  let started = 0;
  let last = 0;
  let line = '';
  const render = (value: number, fields: Record<string, string | number>) => {
    const elapsed = (performance.now() - started) / 1000;
    const eta = value > 0 ? Math.round((elapsed * (total - value)) / value) : 0;
    const text = fieldsFormat.replace(/\{(\w+)\}/g, (_, k: string) => String(fields[k] ?? ''));
    return `${label} ${value}/${total} ${text} | ETA ${eta}s`;
  };
  return {
    start: (t, l) => {
      total = t;
      label = l;
      started = last = performance.now();
      line = '';
    },
    update: (value, fields) => {
      line = render(value, fields);
      if (performance.now() - last >= everySeconds * 1000) {
        last = performance.now();
        stream.write(`${line}\n`);
      }
    },
    stop: () => {
      if (line) stream.write(`${line}\n`);
    },
  };
}
