// Parts of the example apps' files (apps/docs/examples/<app>/), for the usage pages: taken from
// the files the tests build, never retyped. A part that is no longer in its file throws, so the
// page shows Storybook's error screen and the docs test that renders every story fails.

/** The one line of `text` (the file `file`) that contains `needle`, without its indentation. */
export function lineOf(text: string, needle: string, file: string): string {
  const lines = text.split('\n').filter((line) => line.includes(needle));
  if (lines.length !== 1) {
    throw new Error(`${file}: expected one line with ${needle}, found ${lines.length}`);
  }
  return lines[0].trim();
}

/**
 * From the line of `text` that contains `needle` to the line that closes it (the next one at
 * the same indentation, as `]` or `}`), with that indentation removed.
 */
export function blockOf(text: string, needle: string, file: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.includes(needle));
  if (start < 0) throw new Error(`${file}: no line with ${needle}`);
  const indent = /^\s*/.exec(lines[start])![0];
  const end = lines.findIndex(
    (line, i) => i > start && line.startsWith(indent) && /^[\]}]/.test(line.slice(indent.length)),
  );
  if (end < 0) throw new Error(`${file}: the block at ${needle} does not close`);
  return lines
    .slice(start, end + 1)
    .map((line) => line.slice(indent.length))
    .join('\n');
}

/** The parts of an example's package.json that say what it installs. */
export interface ExampleManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * What a user runs to give their app what the example app depends on, given the packages
 * their app already has (`appHas`: its framework). With `dev`, a second line for the example's
 * devDependencies (build tools) beyond `appHas`.
 */
export function npmInstall(
  manifest: ExampleManifest,
  { appHas = [], dev = false }: { appHas?: string[]; dev?: boolean } = {},
): string {
  const all = { ...manifest.dependencies, ...manifest.devDependencies };
  const unknown = appHas.filter((name) => !(name in all));
  if (unknown.length) throw new Error(`the example does not depend on ${unknown.join(', ')}`);
  const missing = (deps: Record<string, string> = {}) =>
    Object.keys(deps).filter((name) => !appHas.includes(name));
  const lines = [`npm install ${missing(manifest.dependencies).join(' ')}`];
  const tools = missing(manifest.devDependencies);
  if (dev && tools.length) lines.push(`npm install --save-dev ${tools.join(' ')}`);
  return lines.join('\n');
}
