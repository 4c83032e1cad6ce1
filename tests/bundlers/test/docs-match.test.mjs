// The element README prints the bundler example's build commands and Rollup config; the smoke
// test runs the example's files. These checks keep the two the same text.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { exampleDir, examplesDir, repoRoot, smokeDir } from './packed-app.mjs';

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

// The element README's "In an app" section: one subsection per framework, each naming its
// example app (apps/docs/examples/<name>/) and its Storybook usage page. Its code blocks are the
// example apps' own text, so a block there is something the framework tests build.

/** `## In an app`, split into its `### ` subsections: { heading: text }. */
function inAnAppSections() {
  const from = readme.indexOf('\n## In an app\n');
  assert.ok(from >= 0, 'the element README has "## In an app"');
  const to = readme.indexOf('\n## ', from + 1);
  const section = readme.slice(from, to < 0 ? undefined : to);
  return Object.fromEntries(
    section
      .split('\n### ')
      .slice(1)
      .map((part) => [part.slice(0, part.indexOf('\n')), part]),
  );
}

/** The files of an example app, by path inside it (no node_modules or build output). */
function exampleFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((path) => !/(^|\/)(node_modules|dist)(\/|$)/.test(path))
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
}

/** Whether `block`'s lines are lines of `text` in a row, all indented alike (or not at all). */
function appearsIn(block, text) {
  const want = block.split('\n');
  const lines = text.split('\n');
  return lines.some((line, k) => {
    if (!line.endsWith(want[0])) return false;
    const indent = line.slice(0, line.length - want[0].length);
    if (indent.trim() !== '') return false;
    return want.every((w, j) => lines[k + j] === (w === '' ? '' : indent + w));
  });
}

const frameworks = {
  'React 19': { app: 'react', page: 'Usage/React' },
  'React 18 and earlier': { app: 'react18', page: 'Usage/React' },
  'Vue 3': { app: 'vue', page: 'Usage/Vue' },
  'Svelte 5': { app: 'svelte', page: 'Usage/Svelte and Angular' },
  Angular: { app: 'angular', page: 'Usage/Svelte and Angular' },
  'Server rendering': { app: 'ssr', page: 'Usage/Server rendering' },
};

it('the element README has a subsection for each framework, naming its example and its page', () => {
  const sections = inAnAppSections();
  assert.deepEqual(Object.keys(sections), Object.keys(frameworks), 'the subsections, in order');
  const stories = readdirSync(join(repoRoot, 'apps/docs/stories/usage'))
    .map((file) => readFileSync(join(repoRoot, 'apps/docs/stories/usage', file), 'utf8'))
    .join('\n');
  for (const [heading, { app, page }] of Object.entries(frameworks)) {
    const text = sections[heading];
    assert.ok(existsSync(join(examplesDir, app, 'package.json')), `examples/${app} is an app`);
    assert.ok(
      text.includes('`apps/docs/examples/' + app + '/`'),
      `"${heading}" names apps/docs/examples/${app}/`,
    );
    assert.ok(stories.includes(`title: '${page}'`), `a usage story is titled ${page}`);
    const shown = page.replace('/', ' / ');
    assert.ok(text.replace(/\s+/g, ' ').includes(shown), `"${heading}" names ${shown}`);
  }
});

it("the element README's code blocks for each framework are text of that framework's example", () => {
  for (const [heading, text] of Object.entries(inAnAppSections())) {
    const { app } = frameworks[heading];
    const files = exampleFiles(join(examplesDir, app));
    for (const [, block] of text.matchAll(/```\w*\n([\s\S]*?)\n```/g)) {
      assert.ok(
        files.some((file) => appearsIn(block, file.text)),
        `"${heading}": this block is not text of examples/${app}/:\n${block}`,
      );
    }
  }
});

it('the element README installs, for each framework, what its example depends on', () => {
  for (const [heading, text] of Object.entries(inAnAppSections())) {
    const { app } = frameworks[heading];
    const { dependencies } = JSON.parse(
      readFileSync(join(examplesDir, app, 'package.json'), 'utf8'),
    );
    for (const [, names] of text.matchAll(/`npm install ([^`]+)`/g)) {
      for (const name of names.split(' ')) {
        assert.ok(name in dependencies, `"${heading}": examples/${app} depends on ${name}`);
      }
    }
  }
  // The section's opening paragraph names the one package every framework installs.
  assert.match(readme, /## In an app\n[\s\S]*?`npm install @digit-canvas\/element`/);
});
