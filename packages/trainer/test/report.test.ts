import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { reportCommand } from '../src/commands/report.js';
import { computeMetrics } from '../src/evaluation/metrics.js';
import { parseClassifierReport } from '../src/reports/classifier-report.js';
import { buildComparison, comparisonMarkdown } from '../src/reports/comparison.js';

const reportsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../reports');

/** A classifier report as `evaluate`/`baselines` write it, from a seeded fake prediction run. */
function fakeReport(name: string, errorEvery: number, count = 1000) {
  const labels = Array.from({ length: count }, (_, i) => i % 10);
  const predictions = labels.map((l, i) => (i % errorEvery === 0 ? (l + 3) % 10 : l));
  const unipenLabels = labels.slice(0, 400);
  const unipenPredictions = unipenLabels.map((l, i) =>
    i % (errorEvery - 1) === 0 ? (l + 1) % 10 : l,
  );
  return {
    name,
    description: `${name} for the test`,
    ...computeMetrics(labels, predictions),
    modelBytes: 1536 * errorEvery,
    fitSeconds: 12.25,
    fitCpuSeconds: 20.5,
    predictMsPerImage: 0.0123,
    nodes: 4321,
    hyperParameters: [
      { name: 'trees', value: 7 },
      { name: 'max depth', value: null },
    ],
    unipen: { count: 400, ...computeMetrics(unipenLabels, unipenPredictions) },
  };
}

/** Every number or string in a JSON document, at any depth. */
function jsonLeaves(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((v) => jsonLeaves(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => jsonLeaves(v, out));
  else out.push(value);
  return out;
}

const SCALE: Record<string, number> = { '%': 100, KB: 1 / 1024, MB: 1 / (1024 * 1024) };

/**
 * The numbers of `markdown` that no number of `json` explains. Text copied from a JSON string
 * (names, commands, the date) is set aside first; every other number must be some JSON number
 * written with the token's decimals, scaled by its unit (% of a fraction, KB or MB of bytes).
 */
function untraceableNumbers(markdown: string, json: unknown): string[] {
  let text = markdown;
  const leaves = jsonLeaves(json);
  const strings = leaves.filter((v): v is string => typeof v === 'string');
  for (const s of strings.sort((a, b) => b.length - a.length)) text = text.split(s).join(' ');
  const numbers = leaves.filter((v): v is number => typeof v === 'number');
  const bad: string[] = [];
  for (const m of text.matchAll(/(\d+(?:\.(\d+))?)\s?(%|KB|MB)?/g)) {
    const [token, digits, decimals = '', unit = ''] = m;
    const scale = SCALE[unit] ?? 1;
    if (!numbers.some((n) => (n * scale).toFixed(decimals.length) === digits)) bad.push(token);
  }
  return bad;
}

describe('parseClassifierReport', () => {
  it('accepts a well-formed report and re-derives per-class figures from the matrix', () => {
    const raw = fakeReport('forest', 10);
    const parsed = parseClassifierReport({ ...raw, perClass: 'ignored', extra: 1 }, 'x.json');
    assert.equal(parsed.accuracy, raw.accuracy, 'accuracy');
    assert.deepEqual(parsed.perClass, raw.perClass, 'per-class from the matrix');
    assert.equal(parsed.unipen?.count, 400, 'UNIPEN count from the matrix');
    assert.equal('extra' in parsed, false, 'unknown fields dropped');
  });

  it('reads what evaluate writes: fitSeconds null when unknown, the command in provenance', () => {
    const raw = {
      ...fakeReport('cnn', 10),
      fitSeconds: null,
      provenance: { command: 'x evaluate' },
    };
    const parsed = parseClassifierReport(raw, 'cnn.json');
    assert.equal(parsed.fitSeconds, null, 'fit time not recorded');
    assert.equal(parsed.command, 'x evaluate', 'command from provenance');
    const md = comparisonMarkdown(
      buildComparison([{ ...parsed, source: 'cnn.json' }], {
        generatedAt: 'now',
        unipenPreprocessing: '',
      }),
    );
    assert.match(md, /\| cnn \| 90\.00% \| not recorded \|/, 'shown as not recorded');
  });

  it('names the field that is wrong', () => {
    const raw = fakeReport('tree', 5);
    assert.throws(() => parseClassifierReport([], 'a.json'), /a\.json must be a JSON object/);
    assert.throws(
      () => parseClassifierReport({ ...raw, name: '' }, 'a.json'),
      /a\.json\.name must be a non-empty string/,
    );
    assert.throws(
      () => parseClassifierReport({ ...raw, accuracy: 97 }, 'a.json'),
      /a\.json\.accuracy must be a number in \[0, 1\], got 97/,
    );
    assert.throws(
      () => parseClassifierReport({ ...raw, accuracy: 0.5 }, 'a.json'),
      /accuracy 0\.5 contradicts its confusion matrix \(0\.8\)/,
    );
    assert.throws(
      () => parseClassifierReport({ ...raw, confusionMatrix: [[1]] }, 'a.json'),
      /confusionMatrix must be 10×10/,
    );
    assert.throws(
      () => parseClassifierReport({ ...raw, fitSeconds: undefined }, 'a.json'),
      /a\.json\.fitSeconds must be a number/,
    );
    assert.throws(
      () => parseClassifierReport({ ...raw, unipen: { ...raw.unipen, accuracy: 1 } }, 'a.json'),
      /a\.json\.unipen\.accuracy 1 contradicts/,
    );
    assert.throws(
      () => parseClassifierReport({ ...raw, hyperParameters: [{ name: 1 }] }, 'a.json'),
      /hyperParameters\[0\] must be/,
    );
  });
});

describe('buildComparison and comparisonMarkdown', () => {
  const classifiers = ['cnn', 'forest', 'tree'].map((name, i) => ({
    ...parseClassifierReport(fakeReport(name, 20 - 6 * i), name),
    source: `reports/${name}.json`,
  }));
  const comparison = buildComparison(classifiers, {
    generatedAt: '2026-01-02T03:04:05.000Z',
    unipenPreprocessing: 'rendered at 28×28, then round(v × 255)',
  });

  it('ranks the classifiers on UNIPEN and says how far each drops from MNIST', () => {
    const ranking = comparison.unipen?.ranking ?? [];
    assert.deepEqual(
      ranking.map((r) => r.name),
      ['cnn', 'forest', 'tree'],
      'best first',
    );
    const cnn = classifiers[0];
    assert.equal(ranking[0].drop, cnn.accuracy - (cnn.unipen?.accuracy ?? 0), 'drop');
    assert.equal(comparison.testSet.count, 1000, 'test set size from the supports');
  });

  it('refuses to compare classifiers tested on different sets', () => {
    const other = {
      ...parseClassifierReport(fakeReport('odd', 5, 500), 'odd'),
      source: 'odd.json',
    };
    assert.throws(
      () =>
        buildComparison([classifiers[0], other], { generatedAt: 'now', unipenPreprocessing: '' }),
      /odd\.json was tested on 500 images, reports\/cnn\.json on 1000/,
    );
  });

  it('writes only numbers that are in the JSON', () => {
    const md = comparisonMarkdown(comparison);
    const json = JSON.parse(JSON.stringify(comparison)) as unknown;
    assert.match(
      md,
      /\| cnn \| 95\.00% \| 12\.3 s \(20\.5 s CPU\) \| 0\.012 ms \| 30\.0 KB \| 4321 nodes \|/,
      'table row',
    );
    assert.deepEqual(untraceableNumbers(md, json), [], 'every number traceable');
    // The check itself catches a figure typed by hand.
    assert.deepEqual(untraceableNumbers(`${md}\nAbout 97.3% of all.`, json), ['97.3%'], 'caught');
  });
});

describe('report command', () => {
  it('compares the evaluation files it finds and lists the missing ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dc-report-'));
    try {
      await mkdir(join(dir, 'baselines'));
      await writeFile(join(dir, 'baselines/tree.json'), JSON.stringify(fakeReport('tree', 4)));
      await writeFile(join(dir, 'baselines/forest.json'), JSON.stringify(fakeReport('forest', 12)));
      await writeFile(join(dir, 'baselines/forest-confusion.svg'), '<svg/>');
      await reportCommand.run({ reports: dir });
      const json = JSON.parse(await readFile(join(dir, 'comparison.json'), 'utf8'));
      assert.deepEqual(
        json.classifiers.map((c: { name: string }) => c.name),
        ['forest', 'tree'],
        'order',
      );
      assert.deepEqual(json.missing, ['reports/cnn/evaluation.json'], 'missing CNN listed');
      assert.deepEqual(
        json.classifiers[0].svg,
        { mnist: 'baselines/forest-confusion.svg' },
        'svg found',
      );
      const md = await readFile(join(dir, 'comparison.md'), 'utf8');
      assert.match(
        md,
        /!\[forest confusion matrix, MNIST test set\]\(baselines\/forest-confusion\.svg\)/,
      );
      assert.deepEqual(untraceableNumbers(md, json), [], 'every number traceable');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails clearly when there is nothing to compare', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dc-report-'));
    try {
      await assert.rejects(
        reportCommand.run({ reports: dir }),
        /no evaluation report found in .*run `digit-canvas-train evaluate`/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the committed reports/comparison', () => {
  const jsonPath = join(reportsDir, 'comparison.json');
  const mdPath = join(reportsDir, 'comparison.md');

  it('exists, with one valid entry per classifier (name, accuracy as a fraction)', () => {
    assert.ok(existsSync(jsonPath), `${jsonPath} is committed (run pnpm report)`);
    const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    assert.ok(!Number.isNaN(Date.parse(json.generatedAt)), 'generatedAt is a date');
    assert.ok(json.classifiers.length >= 2, 'at least the two baselines');
    for (const c of json.classifiers) {
      const parsed = parseClassifierReport(c, `comparison.json ${c.name}`);
      assert.ok(parsed.accuracy > 0.5 && parsed.accuracy <= 1, `${c.name} accuracy is a fraction`);
    }
  });

  it('has Markdown whose every number comes from the JSON', () => {
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as unknown;
    const md = readFileSync(mdPath, 'utf8');
    assert.deepEqual(
      untraceableNumbers(md, json),
      [],
      'numbers in comparison.md not in comparison.json',
    );
  });
});
