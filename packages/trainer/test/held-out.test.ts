import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { evaluateCommand } from '../src/commands/evaluate.js';
import { isHeldOutWriter, type UnipenSample } from '../src/data/unipen.js';
import { heldOutSets, registerHeldOutSet } from '../src/held-out/registry.js';
import { loadHeldOut } from '../src/held-out/set.js';
import { unipen } from '../src/held-out/unipen.js';
import { parseClassifierReport } from '../src/reports/classifier-report.js';
import {
  type CnnEvaluation,
  cnnEvaluationMarkdown,
  type LegacyCnnEvaluation,
  upgradeCnnEvaluation,
} from '../src/reports/cnn-evaluation.js';
import { syntheticStrokes } from './synthetic-held-out.js';
import { writeSyntheticMnist } from './synthetic-mnist.js';
import { writeUnipenFile } from './unipen-fixtures.js';

const repoRoot = join(import.meta.dirname, '../../..');
const committed = JSON.parse(
  readFileSync(join(repoRoot, 'reports/cnn/evaluation.json'), 'utf8'),
) as CnnEvaluation;

describe('the held-out set registry', () => {
  it('lists UNIPEN first, with both views and its writer split', () => {
    assert.equal(heldOutSets()[0], unipen);
    assert.deepEqual(unipen.views, ['image', 'trajectory']);
    assert.equal(
      unipen.split.isHeldOut({ label: 1, writer: 'aga/amywldrp' }),
      isHeldOutWriter('aga/amywldrp'),
    );
  });

  it('refuses a second set with the same id, a bad id and a set without the image view', () => {
    assert.throws(() => registerHeldOutSet(unipen), /"unipen" is already registered/);
    assert.throws(() => registerHeldOutSet({ ...syntheticStrokes, id: 'Bad id' }), /lower-case/);
    assert.throws(
      () => registerHeldOutSet({ ...syntheticStrokes, id: 'paths', views: ['trajectory'] }),
      /must have the image view/,
    );
  });

  it('loadHeldOut keeps the held-out digits and refuses a set with none', () => {
    assert.equal(loadHeldOut(syntheticStrokes).length, 20);
    assert.throws(
      () => loadHeldOut({ ...syntheticStrokes, split: { rule: 'none', isHeldOut: () => false } }),
      /no held-out digit \(none\): nothing to measure on/,
    );
  });
});

describe('evaluation.json: the migration to held-out sets', () => {
  /** The committed report as the trainer wrote it before held-out sets. */
  function legacy(e: CnnEvaluation): LegacyCnnEvaluation {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(e)) {
      if (key === 'heldOut') {
        const { image, trajectory, fused } = e.heldOut![0]!.views;
        out.unipen = image;
        out.unipenViews = { trajectory, fused };
      } else if (key === 'baseline') {
        const { heldOut, ...baseline } = e.baseline!;
        out.baseline = { ...baseline, unipen: heldOut![0]!.views.image };
      } else out[key] = value;
    }
    return out as unknown as LegacyCnnEvaluation;
  }

  it('gives the committed report back, field for field and in order, from its older shape', () => {
    const old = legacy(committed);
    assert.ok('unipenViews' in old && !('heldOut' in old));
    assert.equal(JSON.stringify(upgradeCnnEvaluation(old)), JSON.stringify(committed));
    assert.equal(upgradeCnnEvaluation(committed), committed, 'a new report is left as it is');
  });

  it('keeps the figures `report` compares: the CNN on UNIPEN is its image view', () => {
    const parsed = parseClassifierReport(committed, 'reports/cnn/evaluation.json');
    assert.equal(parsed.unipen?.accuracy, committed.heldOut![0]!.views.image.accuracy);
    assert.equal(parsed.unipen?.count, 3168);
  });

  it('evaluation.md has a section and a column per set', () => {
    const md = cnnEvaluationMarkdown(committed);
    assert.match(
      md,
      /^\| model \/ view \| MNIST test \| UNIPEN 1a, held-out writers \| lowest recall \(digit\) \|$/m,
    );
    assert.match(
      md,
      /^\| both views fused \(what strokes get\) \| — \| 99\.34% \| 97\.54% \(4\) \|$/m,
    );
    assert.match(md, /^## UNIPEN 1a, held-out writers: 98\.80% of 3168$/m);
    assert.match(md, /\[unipen-fused-confusion\.svg\]/);
  });
});

describe('adding a held-out set: one file and one registration line', () => {
  let dir: string;
  let unregister: () => void;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'held-out-'));
    // The one line that adds the set (in the registry it would be one entry of its list).
    unregister = registerHeldOutSet(syntheticStrokes);
    await writeSyntheticMnist(join(dir, 'mnist'));
    // A few UNIPEN digits by held-out writers, so that the run does not need the real file.
    const writers = Array.from({ length: 400 }, (_, i) => `w/${i}`).filter(isHeldOutWriter);
    const samples: UnipenSample[] = writers.slice(0, 6).map((writer, i) => ({
      label: i % 10,
      writer,
      strokes: [
        [
          { x: 0, y: 0 },
          { x: 10 + i, y: 40 },
          { x: 20, y: 80 },
        ],
      ],
    }));
    await writeUnipenFile(join(dir, 'unipen.json'), samples);
  });
  after(() => {
    unregister();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'evaluate measures it, and evaluation.json, evaluation.md and its heat maps include it',
    { timeout: 120_000 },
    async () => {
      assert.deepEqual(
        heldOutSets().map((s) => s.id),
        ['unipen', 'synthetic'],
      );
      const out = join(dir, 'reports');
      await evaluateCommand.run({
        data: join(dir, 'mnist'),
        strokes: true,
        unipen: join(dir, 'unipen.json'),
        out,
        training: join(dir, 'none.json'),
        backend: 'cpu',
      });
      const e = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8')) as CnnEvaluation;
      assert.deepEqual(
        e.heldOut?.map((h) => h.id),
        ['unipen', 'synthetic'],
      );
      const synthetic = e.heldOut![1]!;
      assert.equal(synthetic.title, syntheticStrokes.title);
      assert.deepEqual(Object.keys(synthetic.views), ['image', 'trajectory', 'fused']);
      assert.equal(synthetic.views.image.count, 20);
      assert.equal(synthetic.views.image.writers, 2);
      assert.equal(synthetic.views.fused!.perClass.length, 10);
      assert.equal(e.heldOut![0]!.views.image.count, 6, 'UNIPEN from --unipen');
      const md = readFileSync(join(out, 'evaluation.md'), 'utf8');
      assert.match(
        md,
        /\| UNIPEN 1a, held-out writers \| lowest recall \(digit\) \| Synthetic strokes \(test only\) \| lowest recall \(digit\) \|/,
      );
      assert.match(md, /^## Synthetic strokes \(test only\): \d+\.\d\d% of 20$/m);
      assert.match(
        md,
        /^## Synthetic strokes \(test only\): the pen path, the trajectory model and both views fused$/m,
      );
      for (const svg of [
        'synthetic-confusion.svg',
        'synthetic-fused-confusion.svg',
        'synthetic-trajectory-confusion.svg',
      ]) {
        assert.ok(existsSync(join(out, svg)), svg);
      }
    },
  );
});
