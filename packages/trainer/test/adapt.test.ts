// `evaluate --adapt`: the protocol's sessions (reports/adapt/PROTOCOL.md) on a tiny synthetic
// set: what is corrected, accepted and counted, and the reports the command writes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { WriterProfile } from '@digit-canvas/core';

import { evaluateCommand } from '../src/commands/evaluate.js';
import { isHeldOutWriter, type UnipenSample } from '../src/data/unipen.js';
import { extractMnistAloneModel, tuneOnTrainingWriters } from '../src/evaluation/adapt-run.js';
import {
  adaptSessions,
  adaptSetting,
  type AdaptSample,
  byWriter,
  type DigitReader,
} from '../src/evaluation/adapt.js';
import type { AdaptReport } from '../src/reports/adapt-report.js';
import { syntheticStrokes } from './synthetic-held-out.js';
import { writeUnipenFile } from './unipen-fixtures.js';

const heldOutWriters = Array.from({ length: 400 }, (_, i) => `w/${i}`).filter(isHeldOutWriter);
const trainingWriters = Array.from({ length: 20 }, (_, i) => `t/${i}`).filter(
  (w) => !isHeldOutWriter(w),
);

/** The synthetic set's 20 digits, its two writers renamed. */
function samples(writers: readonly string[]): UnipenSample[] {
  return syntheticStrokes.load().map((s) => ({
    label: s.label,
    writer: s.writer === 'pen/a' ? writers[0]! : writers[1]!,
    strokes: s.strokes.map((stroke) => stroke.map((p) => ({ x: p.x, y: p.y }))),
  }));
}

const stroke = [
  [
    { x: 0, y: 0 },
    { x: 5, y: 9 },
  ],
];

describe('adaptSessions: the protocol', () => {
  it('corrects misreads, accepts unsure right answers, counts every digit', async () => {
    const data: AdaptSample[] = [
      { label: 1, writer: 'a', strokes: stroke },
      { label: 1, writer: 'b', strokes: stroke },
      { label: 1, writer: 'a', strokes: stroke },
      { label: 1, writer: 'a', strokes: stroke },
    ];
    assert.deepEqual(
      [...byWriter(data)],
      [
        ['a', [0, 2, 3]],
        ['b', [1]],
      ],
    );
    // Without a profile: always 7 (wrong). With one: wrong until it holds an example, then right,
    // unsure while it holds one example and sure after.
    const sizes: number[] = [];
    const read: DigitReader = (_, profile: WriterProfile | null) => {
      if (!profile) return Promise.resolve({ digit: 7, confidence: 0.99 });
      sizes.push(profile.size);
      const digit = profile.size === 0 ? 7 : 1;
      return Promise.resolve({ digit, confidence: profile.size === 1 ? 0.6 : 0.95 });
    };
    const writers = await adaptSessions(data, read);
    assert.deepEqual(sizes, [0, 1, 2, 0], 'a fresh profile per writer, learning as it goes');
    assert.deepEqual(writers, [
      { writer: 'a', digits: 3, errorsWithout: 3, errorsWith: 1, corrections: 1, accepted: 1 },
      { writer: 'b', digits: 1, errorsWithout: 1, errorsWith: 1, corrections: 1, accepted: 0 },
    ]);
    const setting = adaptSetting(
      { id: 'x', title: 'x', model: 'm', trajectoryModel: null },
      writers,
    );
    assert.equal(setting.all.digits, 4);
    assert.equal(setting.all.accuracyWithout, 0);
    assert.equal(setting.all.accuracyWith, 0.5);
    assert.equal(setting.large.writers, 0, 'no writer has 100 digits');
  });
});

describe('evaluate --adapt on a tiny synthetic set', () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'adapt-'));
    // Two held-out writers (20 digits) and two training writers, who must not be measured.
    await writeUnipenFile(join(dir, 'unipen.json'), [
      ...samples(heldOutWriters),
      ...samples(trainingWriters),
    ]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'writes adapt.json and adapt.md for both settings, held-out writers only',
    { timeout: 120_000 },
    async () => {
      const out = join(dir, 'reports');
      await evaluateCommand.run({
        adapt: true,
        unipen: join(dir, 'unipen.json'),
        out,
        backend: 'cpu',
      });
      const report = JSON.parse(readFileSync(join(out, 'adapt.json'), 'utf8')) as AdaptReport;
      assert.equal(report.kind, 'adapt');
      assert.equal(report.acceptBelow, 0.9);
      assert.deepEqual(report.set, {
        title: 'UNIPEN 1a, held-out writers',
        writers: 2,
        digits: 20,
      });
      assert.deepEqual(
        report.settings.map((s) => [s.id, s.trajectoryModel === null]),
        [
          ['shipped', false],
          ['mnist-alone', true],
        ],
      );
      for (const s of report.settings) {
        assert.deepEqual(
          s.writers.map((w) => w.writer),
          heldOutWriters.slice(0, 2),
        );
        assert.equal(s.all.digits, 20);
        assert.equal(s.all.corrections, s.all.errorsWith, 'every misread is corrected');
        assert.ok(s.all.errorsWith <= s.all.errorsWithout + 2, JSON.stringify(s.all));
      }
      const md = readFileSync(join(out, 'adapt.md'), 'utf8');
      assert.match(md, /^# Learning each writer's hand$/m);
      assert.match(md, /\| \(a\) the shipped models .*: all \| 2 \| 20 \|/);
    },
  );

  it('--tune reads the training writers only', { timeout: 120_000 }, async () => {
    const model = extractMnistAloneModel();
    try {
      const all = [...samples(heldOutWriters), ...samples(trainingWriters)];
      const grid = { pixelWeight: [0.5], neighbours: [1, 3], threshold: [0.6], strength: [10] };
      const results = await tuneOnTrainingWriters(all, model.dir, 'cpu', grid);
      assert.equal(results.length, 2);
      for (const r of results) assert.equal(r.digits, 20, 'the training writers’ 20 digits');
    } finally {
      model.cleanup();
    }
  });
});
