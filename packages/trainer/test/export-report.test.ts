import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type ExportReport, parseExportReport } from '../src/reports/export-report.js';

const committed = join(dirname(fileURLToPath(import.meta.url)), '../../../reports/cnn/export.json');

const report: ExportReport = {
  provenance: {
    command: 'digit-canvas-train export --run runs/seed-1',
    commit: 'abc',
    dirty: false,
    node: 'v20.20.0',
    cpu: 'a cpu',
    cores: 2,
    date: '2026-01-01T00:00:00.000Z',
  },
  backend: 'wasm',
  run: 'runs/seed-1',
  to: 'packages/core/model',
  maxDropPoints: 0.05,
  formats: [
    { format: 'float32', accuracy: 0.99, weightBytes: 400 },
    { format: 'uint8', accuracy: 0.989, weightBytes: 100 },
  ],
  chosen: 'uint8',
  accuracy: 0.989,
  unipenAccuracy: null,
};

describe('parseExportReport', () => {
  it('reads the committed reports/cnn/export.json', () => {
    const raw: unknown = JSON.parse(readFileSync(committed, 'utf8'));
    const parsed = parseExportReport(raw, 'export.json');
    assert.deepEqual(parsed, raw, 'every field is a known one');
    assert.ok(parsed.formats.some((f) => f.format === parsed.chosen));
  });

  it('accepts what export writes and returns only the known fields', () => {
    assert.deepEqual(parseExportReport(report, 'r'), report);
    assert.deepEqual(parseExportReport({ ...report, extra: 1 }, 'r'), report);
  });

  it('names the field that is wrong', () => {
    const cases: [unknown, string][] = [
      [[], 'r must be a JSON object, got []'],
      [{ ...report, backend: 'webgl' }, 'r.backend must be wasm | cpu, got "webgl"'],
      [{ ...report, accuracy: 99.6 }, 'r.accuracy must be a number in [0, 1], got 99.6'],
      [
        { ...report, unipenAccuracy: undefined },
        'r.unipenAccuracy must be a number in [0, 1] or null, got nothing',
      ],
      [
        { ...report, chosen: 'float16' },
        'r.chosen must be one of the formats measured (float32, uint8), got "float16"',
      ],
      [
        { ...report, formats: [{ format: 'int4', accuracy: 0.9, weightBytes: 50 }] },
        'r.formats[0].format must be float32 | float16 | uint8, got "int4"',
      ],
      [
        { ...report, provenance: { ...report.provenance, dirty: 'no' } },
        'r.provenance.dirty must be a boolean, got "no"',
      ],
    ];
    for (const [raw, message] of cases) {
      assert.throws(() => parseExportReport(raw, 'r'), { name: 'TypeError', message });
    }
  });
});
