// What npm would publish: the build, the model and the sources the source maps point at, and
// nothing a map or the model needs from outside the tarball.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

function packedFiles(): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return new Set(pack.files.map((f) => f.path));
}

describe('the published package', () => {
  it('holds the build, the model and every source its maps name, and no tests', (t) => {
    const files = packedFiles();
    const maps = [...files].filter((f) => f.endsWith('.map'));
    if (maps.length === 0) return t.skip('no dist/ build: run pnpm build first');
    for (const file of [
      'dist/index.js',
      'dist/index.d.ts',
      'model/model.json',
      'model/weights.bin',
      'model/trajectory.json',
      'model/trajectory.bin',
    ]) {
      assert.ok(files.has(file), `${file} is published`);
    }
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(packageDir, map), 'utf8')) as {
        sources: string[];
      };
      for (const source of sources) {
        const target = normalize(join(dirname(map), source));
        assert.ok(
          files.has(target),
          `${map} names ${source}, which resolves to ${target}: not published`,
        );
      }
    }
    assert.deepEqual(
      [...files].filter((f) => /^(test|benchmark)\//.test(f)),
      [],
      'no tests or benchmarks',
    );
  });
});
