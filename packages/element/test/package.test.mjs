// The published package, checked in Node after `pnpm build`: what `npm pack` would ship, and
// the paths and API in custom-elements.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const text = (file) => readFileSync(join(root, file), 'utf8');
const json = (file) => JSON.parse(text(file));

if (!existsSync(join(root, 'dist/index.js'))) {
  throw new Error(`${join(root, 'dist')} is missing: run \`pnpm build\` first.`);
}

/** The files `npm pack` would put in the tarball, as package-relative paths. */
const packed = new Set(
  JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )[0].files.map((f) => f.path),
);

/** Every `{ module }` reference in the manifest that names a module of this package. */
function moduleReferences(value, found = []) {
  if (Array.isArray(value)) value.forEach((v) => moduleReferences(v, found));
  else if (value && typeof value === 'object') {
    if (typeof value.module === 'string' && !value.package) found.push(value.module);
    Object.values(value).forEach((v) => moduleReferences(v, found));
  }
  return found;
}

describe('custom-elements.json', () => {
  const manifest = json('custom-elements.json');
  const element = manifest.modules
    .flatMap((mod) => mod.declarations ?? [])
    .find((d) => d.tagName === 'digit-canvas');

  it('points every module and module reference at a published JavaScript file', () => {
    const paths = [...manifest.modules.map((mod) => mod.path), ...moduleReferences(manifest)];
    assert.ok(paths.length > 0, 'some paths');
    for (const path of paths) {
      assert.match(path, /\.js$/, `${path} is JavaScript`);
      assert.ok(packed.has(path), `${path} is in the tarball (${[...packed].join(', ')})`);
    }
  });

  it('leaves the form callbacks and non-public members out of the API', () => {
    assert.ok(element, 'the <digit-canvas> declaration');
    const names = element.members.map((m) => m.name);
    for (const callback of [
      'formResetCallback',
      'formDisabledCallback',
      'formStateRestoreCallback',
    ]) {
      assert.ok(!names.includes(callback), `${callback} is not listed`);
    }
    for (const member of element.members) {
      assert.ok(!['private', 'protected'].includes(member.privacy), `${member.name} is public`);
    }
    assert.ok(names.includes('predict'), 'public methods are still listed');
  });

  it('lists the custom states the element sets', () => {
    const set = [...text('src/DigitCanvas.ts').matchAll(/setState\(this\.#internals, '([^']+)'/g)];
    const inSource = set.map((m) => m[1]).sort();
    assert.deepEqual(inSource, ['disabled', 'user-invalid'], 'states set in DigitCanvas.ts');
    assert.deepEqual(
      (element.cssStates ?? []).map((s) => s.name).sort(),
      inSource,
      'cssStates in the manifest',
    );
    for (const state of element.cssStates) assert.ok(state.description, `${state.name} described`);
  });
});
