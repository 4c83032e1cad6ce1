// The element README prints the bundler example's build commands and Rollup config; the smoke
// test runs the example's files. These checks keep the two the same text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { exampleDir, smokeDir } from './packed-app.mjs';

const readme = readFileSync(join(smokeDir, '../../packages/element/README.md'), 'utf8');

it('the element README shows the Rollup config the smoke test builds with', () => {
  const config = readFileSync(join(exampleDir, 'rollup.config.mjs'), 'utf8').trim();
  assert.ok(readme.includes('```js\n' + config + '\n```'), 'README has rollup.config.mjs verbatim');
});

it('the element README names every build command the smoke test runs', () => {
  const builds = JSON.parse(readFileSync(join(exampleDir, 'builds.json'), 'utf8'));
  for (const [bundler, steps] of Object.entries(builds)) {
    for (const step of steps.filter((s) => s.startsWith('npx ') || s.startsWith('cp -r'))) {
      assert.ok(readme.includes('`' + step + '`'), `README shows ${bundler}'s \`${step}\``);
    }
  }
});
