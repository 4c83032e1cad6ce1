import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { computeMetrics } from '../src/evaluation/metrics.js';
import { formatJson } from '../src/reports/json.js';
import {
  confusionMarkdown,
  confusionSvg,
  formatPercent,
  perClassMarkdown,
} from '../src/reports/render.js';

// Hand-checked case: ten images, three digits in play.
// truth 0 → predicted 0, 0, 1 ; truth 1 → 1, 1, 1, 7 ; truth 7 → 7, 7, 1
const labels = [0, 0, 0, 1, 1, 1, 1, 7, 7, 7];
const predictions = [0, 0, 1, 1, 1, 1, 7, 7, 7, 1];

describe('computeMetrics', () => {
  const m = computeMetrics(labels, predictions);

  it('counts the fraction of correct predictions as accuracy', () => {
    assert.equal(m.accuracy, 7 / 10, 'accuracy');
  });

  it('fills confusionMatrix[true][predicted]', () => {
    assert.equal(m.confusionMatrix.length, 10, 'rows');
    assert.deepEqual(m.confusionMatrix[0].slice(0, 2), [2, 1], 'row of true 0');
    assert.equal(m.confusionMatrix[1][7], 1, 'a 1 read as 7');
    assert.equal(m.confusionMatrix[7][1], 1, 'a 7 read as 1');
    const total = m.confusionMatrix.flat().reduce((a, b) => a + b, 0);
    assert.equal(total, 10, 'every image counted once');
  });

  it('derives precision, recall and support per digit', () => {
    const one = m.perClass[1];
    assert.equal(one.support, 4, 'support of 1');
    assert.equal(one.recall, 3 / 4, 'recall of 1');
    assert.equal(one.precision, 3 / 5, 'precision of 1 (predicted 1 five times)');
    assert.deepEqual(m.perClass[5], { digit: 5, precision: 0, recall: 0, support: 0 }, 'absent 5');
  });

  it('rejects mismatched lengths, empty sets and non-digits with the index', () => {
    assert.throws(() => computeMetrics([1, 2], [1]), /same length, got 2 labels and 1 predictions/);
    assert.throws(() => computeMetrics([], []), /empty set/);
    assert.throws(
      () => computeMetrics([1, 10], [1, 1]),
      /labels\[1\] must be an integer digit 0\.\.9, got 10/,
    );
    assert.throws(() => computeMetrics([1, 1], [1, 2.5]), /predictions\[1\] .* got 2\.5/);
  });

  it('accepts typed arrays', () => {
    const r = computeMetrics(Uint8Array.from(labels), Int32Array.from(predictions));
    assert.equal(r.accuracy, 0.7, 'same accuracy from typed arrays');
  });
});

describe('render', () => {
  const m = computeMetrics(labels, predictions);

  it('formats fractions as percentages', () => {
    assert.equal(formatPercent(0.9705), '97.05%', 'two decimals by default');
    assert.equal(formatPercent(1 / 3, 1), '33.3%', 'one decimal');
  });

  it('renders the confusion matrix as a Markdown table with a bold diagonal', () => {
    const md = confusionMarkdown(m.confusionMatrix).split('\n');
    assert.equal(md.length, 12, 'header, separator and ten rows');
    assert.equal(md[0], '| true \\ predicted | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |', 'header');
    assert.equal(md[3], '| **1** | 0 | **3** | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 |', 'row of true 1');
  });

  it('renders per-class precision and recall as percentages', () => {
    const md = perClassMarkdown(m.perClass).split('\n');
    assert.equal(md.length, 12, 'header, separator and ten digits');
    assert.equal(md[3], '| 1 | 60.00% | 75.00% | 4 |', 'digit 1');
  });

  it('draws an accessible SVG heat map with every count', () => {
    const svg = confusionSvg(m.confusionMatrix, { title: 'Tree <test> & co' });
    assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="title desc"/, 'img role, labelled');
    assert.match(svg, /<title id="title">Tree &#60;test&#62; &#38; co<\/title>/, 'escaped title');
    assert.match(svg, /7 of 10 images on the diagonal/, 'description states the accuracy');
    assert.equal((svg.match(/<rect x=/g) ?? []).length, 100, 'one rect per cell');
    assert.match(svg, /<title>true 1, predicted 7: 1<\/title>/, 'cell tooltip');
    // A full row on the diagonal is the darkest shade with white text; an empty row is white.
    const full = confusionSvg(
      Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 5 : 0))),
      { title: 't' },
    );
    assert.match(
      full,
      /fill="rgb\(8,48,107\)"[^\n]*\n<text[^>]*fill="#ffffff">5</,
      'dark diagonal',
    );
    assert.match(
      svg,
      /<rect x="[\d.]+" y="[\d.]+" width="44" height="44" fill="rgb\(255,255,255\)"/,
    );
  });

  it('rejects a matrix of the wrong shape or with bad counts', () => {
    assert.throws(() => confusionMarkdown([[1]]), /must have 10 rows, got 1/);
    const bad = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    bad[3][4] = -1;
    assert.throws(
      () => confusionSvg(bad, { title: 'x' }),
      /\[3\]\[4\] must be a non-negative integer count, got -1/,
    );
  });
});

describe('formatJson', () => {
  it('writes number arrays on one line and parses back to the same value', () => {
    const value = {
      name: 'x',
      m: [
        [1, 2.5, -3e-7],
        [4, 5, 6],
      ],
      list: [{ a: 1 }],
      empty: [],
    };
    const text = formatJson(value);
    assert.deepEqual(JSON.parse(text), value, 'round trip');
    assert.match(text, /\n {4}\[1, 2\.5, -3e-7\],\n {4}\[4, 5, 6\]\n/, 'rows on one line each');
    assert.match(text, /"list": \[\n {4}\{\n/, 'arrays of objects stay indented');
    assert.ok(text.endsWith('}\n'), 'ends with a newline');
  });
});
