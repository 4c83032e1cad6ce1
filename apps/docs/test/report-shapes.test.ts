import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { formatBytes, formatMs, formatPercent, formatSeconds } from '../src/format.js';
import { parseComparison, parseEvaluation, parseTraining } from '../src/report-shapes.js';
import { docsDir } from './static-site.js';

// evaluation.json is a trimmed copy of a real trainer report (the random forest's, which has the
// CNN evaluation's shape); training.json is a small history in the trainer's EpochRecord shape.
function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(docsDir, 'test/fixtures', name), 'utf8'));
}

describe('parseEvaluation', () => {
  it('reads accuracy, matrix, per-class figures and the UNIPEN section', () => {
    const raw = fixture('evaluation.json');
    const e = parseEvaluation(raw);
    assert.equal(e.accuracy, raw.accuracy, 'accuracy');
    assert.equal(e.confusionMatrix.length, 10, 'matrix rows');
    assert.equal(e.perClass.length, 10, 'per-class rows');
    assert.ok(e.unipen, 'UNIPEN section');
    assert.equal(e.unipen.count, 15953, 'UNIPEN count (a report from before the writer split)');
    assert.deepEqual(
      e.figures.map((f) => f.key).sort(),
      [
        'fitSeconds',
        'modelBytes',
        'parameters',
        'predictMsPerImage',
        'unipenAccuracy',
        'unipenCount',
      ],
      'the other numbers, nested ones flattened',
    );
  });

  it('derives per-class precision and recall from the matrix as the trainer does', () => {
    const raw = fixture('evaluation.json');
    const derived = parseEvaluation({ ...raw, perClass: undefined }).perClass;
    const written = parseEvaluation(raw).perClass;
    derived.forEach((c, i) => {
      assert.ok(Math.abs(c.precision - written[i].precision) < 1e-12, `precision of ${i}`);
      assert.ok(Math.abs(c.recall - written[i].recall) < 1e-12, `recall of ${i}`);
      assert.equal(c.support, written[i].support, `support of ${i}`);
    });
  });

  it('names the field that is wrong', () => {
    const raw = fixture('evaluation.json');
    assert.throws(() => parseEvaluation({ ...raw, accuracy: undefined }), {
      message: 'accuracy must be a finite number, got nothing (the field is missing)',
    });
    const matrix = raw.confusionMatrix as number[][];
    assert.throws(() => parseEvaluation({ ...raw, confusionMatrix: matrix.slice(1) }), {
      message: 'confusionMatrix must have 10 rows, got 9',
    });
    assert.throws(
      () =>
        parseEvaluation({
          ...raw,
          confusionMatrix: [...matrix.slice(0, 9), [1, 2, 'x', 4, 5, 6, 7, 8, 9, 0]],
        }),
      { message: 'confusionMatrix[9][2] must be a finite number, got "x"' },
    );
  });
});

describe('parseTraining', () => {
  it('keeps every numeric series per epoch and the run figures', () => {
    const t = parseTraining(fixture('training.json'));
    assert.equal(t.history.length, 8, 'epochs');
    assert.deepEqual(
      Object.keys(t.history[0].values).sort(),
      ['accuracy', 'learningRate', 'loss', 'samplesPerSec', 'seconds', 'valAccuracy', 'valLoss'],
      'series of epoch 1',
    );
    assert.ok(
      t.figures.some((f) => f.key === 'fitSeconds'),
      'fit time',
    );
  });

  it('rejects an empty history', () => {
    assert.throws(() => parseTraining({ history: [] }), {
      message: 'history must list at least one epoch, got []',
    });
  });
});

describe('parseComparison', () => {
  it('reads classifiers and the list of missing reports', () => {
    const forest = fixture('evaluation.json');
    const c = parseComparison({
      classifiers: [{ ...forest, name: 'forest', description: 'random forest' }],
      missing: ['reports/cnn/evaluation.json'],
    });
    assert.equal(c.classifiers[0].name, 'forest');
    assert.equal(c.classifiers[0].description, 'random forest');
    assert.deepEqual(c.missing, ['reports/cnn/evaluation.json']);
  });

  it('wants a name for each classifier', () => {
    assert.throws(() => parseComparison({ classifiers: [{ accuracy: 0.9 }] }), {
      message: 'classifiers[0].name must be a non-empty string, got nothing (the field is missing)',
    });
  });
});

describe('formats', () => {
  it('writes figures the way the trainer’s Markdown does', () => {
    assert.equal(formatPercent(0.9723), '97.23%');
    assert.equal(formatBytes(55131), '53.8 KB');
    assert.equal(formatBytes(5937158), '5.66 MB');
    assert.equal(formatMs(0.000723), '0.00072 ms');
    assert.equal(formatMs(0.0524), '0.052 ms');
    assert.equal(formatSeconds(168.65), '168.7 s');
    assert.equal(formatSeconds(4800), '80.0 min');
  });
});
