// `pnpm figures` (scripts/figures.mjs): every figure the READMEs, docs/architecture.md and the
// model card quote from reports/ sits between markers and must equal what its report gives.
// Lives here because the docs app is where the repository's numbers are shown, and its `test`
// script (node --test test/*.test.ts) is the one `pnpm test` runs through turbo for it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import {
  BLOCKS,
  figureEntry,
  FIGURES,
  figureReader,
  figures,
  heldOutFigures,
  regionsOf,
  repoRoot,
} from '../../../scripts/figures.mjs';

const script = join(repoRoot, 'scripts', 'figures.mjs');

/** The documents whose report figures were converted to markers; each must keep some. */
const CONVERTED = [
  'README.md',
  'docs/architecture.md',
  'packages/core/README.md',
  'packages/trainer/README.md',
  'packages/core/model/MODEL_CARD.md',
];

describe('the figures quoted in the docs', () => {
  it('each equals what reports/ gives (else run `pnpm figures`)', () => {
    const { problems } = figures();
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}: ${p.message}`),
      [],
      'run `pnpm figures` to rewrite stale figures; fix unknown names in the registry or the document',
    );
  });

  it('are marked in every converted document, and the README table is generated', () => {
    for (const file of CONVERTED) {
      const { regions } = regionsOf(readFileSync(join(repoRoot, file), 'utf8'));
      assert.ok(regions.length > 0, `${file} has no <!-- figure: … --> region`);
    }
    const readme = regionsOf(readFileSync(join(repoRoot, 'README.md'), 'utf8')).regions;
    assert.ok(readme.some((r) => r.kind === 'figures' && r.name === 'accuracy-table'));
  });

  it('every registry entry computes from the committed reports', () => {
    const { figure, block } = figureReader();
    for (const name of Object.keys(FIGURES)) assert.match(figure(name), /\d/, name);
    for (const name of Object.keys(BLOCKS)) assert.ok(block(name).length > 0, name);
  });

  it("the trainer's model card writers name only registered figures", () => {
    const dir = join(repoRoot, 'packages/trainer/src/reports');
    const names = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/\bfigure\('([^']+)'/g)].map((m) => m[1]!),
      );
    assert.ok(names.length >= 5, 'the model card and its trajectory section carry markers');
    for (const name of names) assert.ok(name in FIGURES, `unknown figure "${name}" in the trainer`);
  });
});

describe('figures on a fixture', () => {
  const root = mkdtempSync(join(tmpdir(), 'figures-'));
  cpSync(join(repoRoot, 'reports'), join(root, 'reports'), { recursive: true });
  after(() => rmSync(root, { recursive: true, force: true }));

  const doc = [
    '# Fixture',
    '',
    'Fused: **<!-- figure: fused.unipen.accuracy -->99.99%<!-- /figure -->**, the 4s:',
    '<!-- figure: fused.unipen.correct.4 -->317 of 325<!-- /figure -->.',
    'Unknown: <!-- figure: fused.unipen.acuracy -->99.34%<!-- /figure -->.',
    '<!-- figures: accuracy-table -->',
    'stale',
    '<!-- /figures -->',
    'Open: <!-- figure: cnn.mnist.accuracy -->99.62%',
    '',
  ].join('\n');
  const write = () => writeFileSync(join(root, 'doc.md'), doc);

  it('--check names the file, line, expected and found, and fails', () => {
    write();
    const { problems } = figures({ root });
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.name, p.expected, p.found]),
      [
        ['doc.md', 9, undefined, undefined, undefined],
        ['doc.md', 3, 'fused.unipen.accuracy', '99.34%', '99.99%'],
        ['doc.md', 5, 'fused.unipen.acuracy', undefined, undefined],
        [
          'doc.md',
          6,
          'accuracy-table',
          `\n${figureReader(root).block('accuracy-table')}\n`,
          '\nstale\n',
        ],
      ],
    );
    const run = spawnSync(process.execPath, [script, '--check', '--root', root], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stderr,
      /^doc\.md:3: figure "fused\.unipen\.accuracy": expected "99\.34%", found "99\.99%"$/m,
    );
    assert.match(run.stderr, /^doc\.md:5: unknown figure "fused\.unipen\.acuracy"$/m);
    assert.match(run.stderr, /^doc\.md:9: <!-- figure: cnn\.mnist\.accuracy --> is not closed$/m);
    assert.equal(readFileSync(join(root, 'doc.md'), 'utf8'), doc, '--check writes nothing');
  });

  it('`pnpm figures` rewrites stale figures and still fails on what it cannot fix', () => {
    write();
    const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
    assert.equal(run.status, 1, 'the unknown name and the open marker remain');
    const text = readFileSync(join(root, 'doc.md'), 'utf8');
    assert.match(text, /\*\*<!-- figure: fused\.unipen\.accuracy -->99\.34%<!-- \/figure -->\*\*/);
    assert.match(text, /<!-- figures: accuracy-table -->\n\| \| MNIST test set \(10,000\)/);
    assert.doesNotMatch(text, /stale/);
    const open = text.split('\n').findIndex((line) => line.startsWith('Open:')) + 1;
    const { problems } = figures({ root });
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}`),
      [`doc.md:${open}`, 'doc.md:5'],
    );
  });

  it('a report that changes makes the quoted figure stale', () => {
    writeFileSync(
      join(root, 'doc.md'),
      'Fused: <!-- figure: fused.unipen.accuracy -->99.34%<!-- /figure -->\n',
    );
    assert.deepEqual(figures({ root }).problems, []);
    const file = join(root, 'reports/cnn/evaluation.json');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    report.heldOut.find((h: { id: string }) => h.id === 'unipen').views.fused.accuracy = 0.99;
    writeFileSync(file, JSON.stringify(report));
    assert.deepEqual(
      figures({ root }).problems.map((p) => [p.line, p.expected, p.found]),
      [[1, '99.00%', '99.34%']],
    );
  });
});

describe('held-out sets in the figures', () => {
  const root = mkdtempSync(join(tmpdir(), 'figures-sets-'));
  cpSync(join(repoRoot, 'reports'), join(root, 'reports'), { recursive: true });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('names every figure of a set after its id, UNIPEN’s as the docs quote them', () => {
    assert.equal(FIGURES['fused.unipen.accuracy'].field, 'heldOut[id=unipen].views.fused.accuracy');
    assert.equal(FIGURES['unipen.writers'].field, 'heldOut[id=unipen].views.image.writers');
    for (const name of Object.keys(heldOutFigures('unipen'))) {
      assert.deepEqual(FIGURES[name], heldOutFigures('unipen')[name], `${name} listed`);
    }
    assert.equal(
      figureEntry('fused.synthetic.accuracy')?.field,
      'heldOut[id=synthetic].views.fused.accuracy',
    );
    assert.equal(figureEntry('fused.unipen.acuracy'), undefined, 'a misspelt name is unknown');
  });

  it('a set added to evaluation.json gets a column of the README table and its figures', () => {
    const file = join(root, 'reports/cnn/evaluation.json');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const unipen = report.heldOut[0];
    const image = { ...unipen.views.image, accuracy: 0.5 };
    report.heldOut.push({
      id: 'synthetic',
      title: 'Synthetic strokes',
      description: 'Test digits.',
      views: { image },
    });
    writeFileSync(file, JSON.stringify(report));
    const { figure, block } = figureReader(root);
    assert.equal(figure('cnn.synthetic.accuracy'), '50.00%');
    const table = block('accuracy-table').split('\n');
    assert.match(
      table[0],
      /\| UNIPEN 1a, held-out writers \(3,168 digits, 58 writers\) \| Synthetic strokes \(3,168 digits, 58 writers\) \|$/,
    );
    assert.equal(table[1], '| --- | ---: | ---: | ---: |');
    assert.match(table[2], /\| \*\*99\.34%\*\* \| — \|$/, 'no fused view for an image-only set');
    assert.match(table[3], /\| 99\.62% \| 98\.80% \| 50\.00% \|$/, 'the CNN on both sets');
    assert.match(table.at(-1)!, /\| 81\.94% \| — \|$/, 'the decision tree was not run on it');
  });

  it('the committed report’s table is the one in the README', () => {
    const readme = regionsOf(readFileSync(join(repoRoot, 'README.md'), 'utf8')).regions;
    const table = readme.find((r) => r.name === 'accuracy-table');
    assert.equal(table?.found, `\n${figureReader().block('accuracy-table')}\n`);
  });
});
