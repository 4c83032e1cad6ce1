import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { formatBytes, formatMs, formatPercent, formatSeconds } from '../src/format.js';
import {
  parseAdapt,
  parseComparison,
  parseEvaluation,
  parseTraining,
} from '../src/report-shapes.js';
import { docsDir, repoRoot } from './static-site.js';

// evaluation.json is a trimmed copy of a real trainer report (the random forest's, which has the
// CNN evaluation's shape); evaluation-views.json is the `unipenViews`, `trajectoryModel` and
// `baseline` of a real `evaluate --strokes --baseline` run (worst writers cut to two);
// training.json is a small history in the trainer's EpochRecord shape.
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
    assert.deepEqual(
      e.heldOut.map((h) => [h.id, h.title]),
      [['unipen', 'UNIPEN 1a, held-out writers']],
      'an older report’s `unipen` read as the held-out set `unipen`',
    );
    assert.equal(
      e.heldOut[0].image.count,
      15953,
      'UNIPEN count (a report from before the writer split)',
    );
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

describe('parseEvaluation: the views and the baseline', () => {
  function withViews(): Record<string, unknown> {
    return { ...fixture('evaluation.json'), ...fixture('evaluation-views.json') };
  }

  it('reads the trajectory and fused views, the trajectory model and the baseline', () => {
    const raw = fixture('evaluation-views.json') as {
      unipenViews: { fused: { accuracy: number }; trajectory: { accuracy: number } };
      baseline: { label: string; accuracy: number; unipen: { accuracy: number } };
    };
    const e = parseEvaluation(withViews());
    const [unipen] = e.heldOut;
    assert.ok(unipen.fused && unipen.trajectory, 'unipenViews read as the set’s views');
    assert.equal(unipen.fused.accuracy, raw.unipenViews.fused.accuracy, 'fused accuracy');
    assert.equal(unipen.fused.count, 3168, 'fused: the held-out writers’ digits');
    assert.equal(unipen.fused.perClass.length, 10, 'fused per-class rows');
    assert.equal(unipen.fused.confusionMatrix.length, 10, 'fused matrix rows');
    assert.equal(
      unipen.trajectory.accuracy,
      raw.unipenViews.trajectory.accuracy,
      'trajectory accuracy',
    );
    assert.equal(e.trajectoryModel, 'packages/core/model/trajectory.json', 'trajectory model');
    assert.ok(e.baseline, 'baseline');
    assert.equal(e.baseline.label, raw.baseline.label, 'baseline label');
    assert.equal(e.baseline.accuracy, raw.baseline.accuracy, 'baseline MNIST accuracy');
    assert.deepEqual(
      e.baseline.heldOut.map((h) => [h.id, h.image.accuracy]),
      [['unipen', raw.baseline.unipen.accuracy]],
      'baseline UNIPEN',
    );
    assert.ok(
      !e.figures.some((f) => f.key.startsWith('baseline') || f.key.startsWith('unipenViews')),
      'the baseline’s numbers are not taken for the model’s own figures',
    );
  });

  it('reads a report without views or baseline as having none', () => {
    const e = parseEvaluation(fixture('evaluation.json'));
    assert.equal(e.heldOut[0].fused, null, 'no fused view');
    assert.equal(e.heldOut[0].trajectory, null, 'no trajectory view');
    assert.equal(e.trajectoryModel, null, 'no trajectory model');
    assert.equal(e.baseline, null, 'no baseline');
  });

  it('derives the UNIPEN per-class recall from its matrix when the report lists none', () => {
    const e = parseEvaluation(fixture('evaluation.json'));
    const unipen = e.heldOut[0].image;
    const zeros = unipen.confusionMatrix[0];
    assert.equal(unipen.perClass[0].recall, zeros[0] / zeros.reduce((a, b) => a + b, 0), '0s');
  });

  it('names the field of a view or of the baseline that is wrong', () => {
    const raw = withViews();
    const views = raw.unipenViews as Record<string, Record<string, unknown>>;
    const baseline = raw.baseline as Record<string, unknown>;
    assert.throws(() => parseEvaluation({ ...raw, unipenViews: [] }), {
      message: 'unipenViews must be an object, got []',
    });
    assert.throws(
      () =>
        parseEvaluation({ ...raw, unipenViews: { fused: { ...views.fused, accuracy: '99%' } } }),
      { message: 'unipenViews.fused.accuracy must be a finite number, got "99%"' },
    );
    assert.throws(() => parseEvaluation({ ...raw, unipenViews: { fused: views.fused } }), {
      message:
        'unipenViews.trajectory must be an object, got nothing (the field is missing): the trainer writes both views or neither',
    });
    const rows = views.trajectory.confusionMatrix as number[][];
    assert.throws(
      () =>
        parseEvaluation({
          ...raw,
          unipenViews: {
            ...views,
            trajectory: { ...views.trajectory, confusionMatrix: rows.slice(2) },
          },
        }),
      { message: 'unipenViews.trajectory.confusionMatrix must have 10 rows, got 8' },
    );
    const perClass = views.fused.perClass as unknown[];
    assert.throws(
      () =>
        parseEvaluation({
          ...raw,
          unipenViews: { ...views, fused: { ...views.fused, perClass: perClass.slice(0, 9) } },
        }),
      { message: 'unipenViews.fused.perClass must list the 10 digits, got 9 entries' },
    );
    assert.throws(() => parseEvaluation({ ...raw, baseline: { ...baseline, label: 7 } }), {
      message: 'baseline.label must be a non-empty string, got 7',
    });
    assert.throws(
      () => parseEvaluation({ ...raw, baseline: { ...baseline, perClass: undefined } }),
      {
        message: 'baseline.perClass must be an array, got nothing (the field is missing)',
      },
    );
    const unipen = baseline.unipen as Record<string, unknown>;
    assert.throws(
      () =>
        parseEvaluation({ ...raw, baseline: { ...baseline, unipen: { ...unipen, count: null } } }),
      { message: 'baseline.unipen.count must be a finite number, got null' },
    );
    assert.throws(() => parseEvaluation({ ...raw, trajectoryModel: 3 }), {
      message: 'trajectoryModel must be a non-empty string, got 3',
    });
  });
});

describe('parseEvaluation: held-out sets', () => {
  const committed = JSON.parse(
    readFileSync(join(repoRoot, 'reports/cnn/evaluation.json'), 'utf8'),
  ) as Record<string, unknown> & {
    heldOut: { id: string; views: Record<string, Record<string, unknown>> }[];
  };

  it('reads the committed report: each set with its views, the baseline’s sets', () => {
    const e = parseEvaluation(committed);
    assert.deepEqual(
      e.heldOut.map((h) => [h.id, h.title, h.image.count, h.fused?.count, h.trajectory?.count]),
      [['unipen', 'UNIPEN 1a, held-out writers', 3168, 3168, 3168]],
    );
    assert.equal(e.heldOut[0].fused?.accuracy, committed.heldOut[0].views.fused.accuracy);
    assert.deepEqual(
      e.baseline?.heldOut.map((h) => h.id),
      ['unipen'],
    );
    assert.ok(
      !e.figures.some((f) => /^(heldOut|baseline|unipen)/.test(f.key)),
      'the sets’ numbers are not taken for the model’s own figures',
    );
  });

  it('reads the same figures as the report from before held-out sets', () => {
    const legacy = { ...committed, ...fixture('evaluation-views.json') } as Record<string, unknown>;
    delete legacy.heldOut;
    legacy.unipen = committed.heldOut[0].views.image;
    const fromLegacy = parseEvaluation(legacy);
    const e = parseEvaluation(committed);
    assert.equal(fromLegacy.heldOut[0].image.accuracy, e.heldOut[0].image.accuracy);
    assert.equal(fromLegacy.heldOut[0].id, e.heldOut[0].id);
  });

  it('shows any other set with no change here: an image-only set has no pen views', () => {
    const image = committed.heldOut[0].views.image;
    const e = parseEvaluation({
      ...committed,
      heldOut: [
        ...committed.heldOut,
        { id: 'synthetic', title: 'Synthetic', description: 'Test digits.', views: { image } },
      ],
    });
    assert.deepEqual(
      e.heldOut.map((h) => [h.id, h.fused === null]),
      [
        ['unipen', false],
        ['synthetic', true],
      ],
    );
  });

  it('names the field of a set that is wrong', () => {
    const [unipen] = committed.heldOut;
    assert.throws(() => parseEvaluation({ ...committed, heldOut: {} }), {
      message: 'heldOut must be an array, got {}',
    });
    assert.throws(() => parseEvaluation({ ...committed, heldOut: [{ ...unipen, id: '' }] }), {
      message: 'heldOut[0].id must be a non-empty string, got ""',
    });
    assert.throws(
      () =>
        parseEvaluation({
          ...committed,
          heldOut: [{ ...unipen, views: { ...unipen.views, image: undefined } }],
        }),
      { message: 'heldOut[0].views.image must be an object, got nothing (the field is missing)' },
    );
    assert.throws(
      () =>
        parseEvaluation({
          ...committed,
          heldOut: [{ ...unipen, views: { image: unipen.views.image, fused: unipen.views.fused } }],
        }),
      {
        message:
          'heldOut[0].views.trajectory must be an object, got nothing (the field is missing): the trainer writes both views or neither',
      },
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

describe('parseAdapt', () => {
  const summary = (errorsWithout: number, errorsWith: number) => ({
    writers: 2,
    digits: 150,
    errorsWithout,
    errorsWith,
    accuracyWithout: 1 - errorsWithout / 150,
    accuracyWith: 1 - errorsWith / 150,
    corrections: errorsWith,
    accepted: 4,
  });
  const writer = (name: string, errorsWithout: number, errorsWith: number) => ({
    writer: name,
    digits: 75,
    errorsWithout,
    errorsWith,
    corrections: errorsWith,
    accepted: 2,
  });
  // The shape `evaluate --adapt` writes (reports/adapt/adapt.json), two writers per setting.
  const report = () => ({
    kind: 'adapt',
    protocol: 'reports/adapt/PROTOCOL.md',
    set: { title: 'UNIPEN 1a, held-out writers', writers: 2, digits: 150 },
    acceptBelow: 0.9,
    largeWriterDigits: 100,
    settings: [
      {
        id: 'shipped',
        title: '(a) the shipped models',
        model: 'packages/core/model',
        trajectoryModel: 'packages/core/model/trajectory.json',
        all: summary(3, 2),
        large: summary(0, 0),
        writers: [writer('a/x', 2, 1), writer('b/y', 1, 1)],
      },
      {
        id: 'mnist-alone',
        title: '(b) the CNN trained on MNIST alone',
        model: 'git b355a25:packages/core/model',
        trajectoryModel: null,
        all: summary(10, 4),
        large: summary(0, 0),
        writers: [writer('a/x', 7, 1), writer('b/y', 3, 4)],
      },
    ],
    provenance: { command: 'evaluate --adapt' },
  });

  it('reads each setting’s totals and the writers read worse with a profile', () => {
    const a = parseAdapt(report());
    assert.equal(a.set.digits, 150);
    assert.equal(a.acceptBelow, 0.9);
    assert.deepEqual(
      a.settings.map((s) => [s.id, s.all.errorsWithout, s.all.errorsWith]),
      [
        ['shipped', 3, 2],
        ['mnist-alone', 10, 4],
      ],
    );
    assert.deepEqual(a.settings[0].worse, []);
    assert.deepEqual(
      a.settings[1].worse.map((w) => w.writer),
      ['b/y'],
    );
  });

  it('names the field that is wrong', () => {
    const noSettings = { ...report(), settings: [] };
    assert.throws(() => parseAdapt(noSettings), /settings must list at least one/);
    const badSummary = report();
    (badSummary.settings[1].all as Record<string, unknown>).accuracyWith = 'high';
    assert.throws(
      () => parseAdapt(badSummary),
      /settings\[1\]\.all\.accuracyWith must be a finite number/,
    );
    const badWriter = report();
    (badWriter.settings[0].writers[1] as Record<string, unknown>).writer = '';
    assert.throws(
      () => parseAdapt(badWriter),
      /settings\[0\]\.writers\[1\]\.writer must be a non-empty string/,
    );
    assert.throws(() => parseAdapt({ ...report(), set: null }), /set must be an object/);
  });
});
