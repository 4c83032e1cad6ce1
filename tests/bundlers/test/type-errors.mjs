// Misuse files: a component that gets <digit-canvas> wrong on purpose, each wrong line marked
// `error: <name>`, and the check that a type-checker rejects exactly those lines for that name.
import assert from 'node:assert/strict';
import { basename } from 'node:path';

/**
 * The errors in a type-checker's output: tsc and vue-tsc with `--pretty false`
 * (`file(line,col): error TS…: message`, indented lines continuing it), or svelte-check with
 * `--output machine` (`<time> ERROR "file" line:col "message"`).
 */
export function parseErrors(output) {
  const errors = [];
  for (const line of output.split('\n')) {
    const tsc = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line);
    const svelte = /^\d+ ERROR "(.+?)" (\d+):(\d+) (".*")$/.exec(line);
    if (tsc || svelte) {
      const [, file, row, column, message] = tsc ?? svelte;
      errors.push({
        file: basename(file),
        line: Number(row),
        column: Number(column),
        message: svelte ? JSON.parse(message) : message,
      });
    } else if (/^\s/.test(line) && errors.length > 0) {
      errors.at(-1).message += `\n${line}`;
    }
  }
  return errors;
}

/**
 * Asserts that `output` has, for each line of the misuse file `name` (with text `source`) marked
 * `error: <prop>`, an error on that line naming <prop> (in its message, or at its column: a
 * wrong value is reported where its attribute starts), and no other error.
 */
export function assertMisusesRejected(output, name, source) {
  const errors = parseErrors(output);
  const lines = source.split('\n');
  const expected = lines.flatMap((text, i) => {
    const marked = /error: ([\w-]+)/.exec(text);
    return marked ? [{ line: i + 1, prop: marked[1] }] : [];
  });
  assert.ok(expected.length > 0, `${name} marks its misuses`);
  const names = (e, prop) =>
    e.message.includes(prop) || lines[e.line - 1].slice(e.column - 1).startsWith(prop);
  const notRejected = expected.filter(({ line, prop }) => {
    const found = errors.filter((e) => e.file === name && e.line === line);
    return !found.some((e) => names(e, prop));
  });
  assert.deepEqual(notRejected, [], `each misuse in ${name} is rejected for its name`);
  const unexpected = errors.filter(
    (e) => e.file !== name || !expected.some(({ line }) => line === e.line),
  );
  assert.deepEqual(unexpected, [], 'no other error');
}
