// The published package, checked in Node after `pnpm build`: what `npm pack` would ship, the
// paths and API in custom-elements.json, the types of every export, and the source maps.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

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
    // The element's sources: the class and the controllers it is built from.
    const sources = readdirSync(join(root, 'src'), { recursive: true })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => text(join('src', f)))
      .join('\n');
    const set = [...sources.matchAll(/setState\(this\.#internals, '([^']+)'/g)];
    const inSource = set.map((m) => m[1]).sort();
    assert.deepEqual(inSource, ['disabled', 'user-invalid'], 'states set in src/');
    assert.deepEqual(
      (element.cssStates ?? []).map((s) => s.name).sort(),
      inSource,
      'cssStates in the manifest',
    );
    for (const state of element.cssStates) assert.ok(state.description, `${state.name} described`);
  });
});

describe('package.json exports', () => {
  const { exports } = json('package.json');

  it('names only published files', () => {
    for (const [subpath, target] of Object.entries(exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        if (file.includes('*') || file === './package.json') continue;
        assert.ok(packed.has(file.replace(/^\.\//, '')), `${subpath}: ${file} is in the tarball`);
      }
    }
  });

  it('gives ./bundle types that type-check an import of it', () => {
    assert.equal(
      exports['./bundle'].types,
      './dist/digit-canvas.bundle.d.ts',
      './bundle has types, listed first',
    );
    assert.equal(Object.keys(exports['./bundle'])[0], 'types', 'types first');
    // A module importing the package by name, type-checked as a bundler user's code would be.
    const file = join(root, 'test', 'bundle-types-check.ts');
    const source = `import { DigitCanvas } from '@digit-canvas/element/bundle';
const el: DigitCanvas = document.createElement('digit-canvas');
const delay: number = el.predictDelay;
export { delay };
`;
    const options = {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      skipLibCheck: true,
    };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (name, ...rest) =>
      name === file
        ? ts.createSourceFile(name, source, ts.ScriptTarget.ES2022)
        : getSourceFile(name, ...rest);
    host.fileExists = (name) => name === file || fileExists(name);
    host.readFile = (name) => (name === file ? source : readFile(name));
    const program = ts.createProgram([file], options, host);
    const resolved = program
      .getSourceFiles()
      .some((f) => f.fileName === join(root, 'dist/digit-canvas.bundle.d.ts'));
    assert.ok(resolved, 'the import resolves to dist/digit-canvas.bundle.d.ts');
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(errors, [], 'no type errors');
  });
});

describe('source maps', () => {
  const scripts = [...packed].filter((f) => f.endsWith('.js'));
  const maps = [...packed].filter((f) => f.endsWith('.map'));

  it('come with every published script, the bundle and its chunks included', () => {
    assert.ok(scripts.includes('dist/digit-canvas.bundle.js'), 'the bundle is published');
    for (const script of scripts) {
      const url = text(script).match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1];
      assert.ok(url, `${script} names its source map`);
      const map = relative(root, resolve(root, dirname(script), url));
      assert.ok(packed.has(map), `${script}: ${map} is in the tarball`);
    }
  });

  it('keep their sources inside the package and carry their text', () => {
    assert.ok(maps.length > 0, 'some maps');
    for (const file of maps) {
      const map = json(file);
      assert.equal(map.sourceRoot ?? '', '', `${file}: no sourceRoot`);
      for (const source of map.sources) {
        const where = relative(root, resolve(root, dirname(file), source));
        assert.ok(!where.startsWith('..'), `${file}: ${source} stays inside the package`);
      }
      assert.equal(map.sourcesContent?.length, map.sources.length, `${file}: sourcesContent`);
      map.sourcesContent.forEach((content, i) =>
        assert.equal(typeof content, 'string', `${file}: text of ${map.sources[i]}`),
      );
    }
  });
});

describe('the one-file bundle’s models', () => {
  it('publishes both model files beside the bundle, with every weight file they list', () => {
    // The bundle reads ./model.json (the CNN) and ./trajectory.json (the pen-path model).
    for (const model of ['dist/model.json', 'dist/trajectory.json']) {
      assert.ok(packed.has(model), `${model} is in the tarball`);
      const weights = json(model).weightsManifest.flatMap((group) => group.paths);
      assert.ok(weights.length > 0, `${model} lists its weights`);
      for (const path of weights) {
        assert.ok(packed.has(`dist/${path}`), `${model}: dist/${path} is in the tarball`);
      }
    }
  });
});
