import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { toFeatureMatrix } from '../src/baselines/feature-matrix.js';
import { fitForestInParallel } from '../src/baselines/forest-parallel.js';
import { fitForest, predictForest } from '../src/baselines/forest.js';
import { fitTree, predictTree, treeDepth } from '../src/baselines/histogram-tree.js';
import { decodeForest, encodeForest } from '../src/baselines/serialize.js';
import { baselinesCommand } from '../src/commands/baselines.js';
import { loadMnist, type MnistSplit } from '../src/data/mnist.js';
import { quantizePixels } from '../src/data/quantize.js';
import { Random } from '../src/random.js';
import { parseClassifierReport } from '../src/reports/classifier-report.js';

/** Random byte features with labels from a hidden rule, `count` samples of `features` each. */
function synthetic(count: number, features: number, seed: number) {
  const random = new Random(seed);
  const images = new Uint8Array(count * features);
  for (let i = 0; i < images.length; i++) images[i] = random.int(256);
  const labels = new Uint8Array(count);
  for (let s = 0; s < count; s++) {
    const a = images[s * features];
    const b = images[s * features + 1];
    labels[s] = (a > 128 ? 1 : 0) + (b > 64 ? 2 : 0); // four classes from two thresholds
  }
  return { images, labels, count, features };
}

/** The best Gini proxy sum(left²)/nLeft + sum(right²)/nRight of any split, by brute force. */
function bruteForceBestScore(
  images: Uint8Array,
  labels: Uint8Array,
  features: number,
  classes: number,
) {
  const count = labels.length;
  let best = -Infinity;
  for (let f = 0; f < features; f++) {
    for (let t = 0; t < 255; t++) {
      const left = new Array<number>(classes).fill(0);
      const right = new Array<number>(classes).fill(0);
      for (let s = 0; s < count; s++) (images[s * features + f] <= t ? left : right)[labels[s]]++;
      const nl = left.reduce((a, b) => a + b, 0);
      const nr = count - nl;
      if (nl === 0 || nr === 0) continue;
      const score =
        left.reduce((a, b) => a + b * b, 0) / nl + right.reduce((a, b) => a + b * b, 0) / nr;
      best = Math.max(best, score);
    }
  }
  return best;
}

function proxyOfRootSplit(
  tree: ReturnType<typeof fitTree>,
  images: Uint8Array,
  labels: Uint8Array,
  features: number,
  classes: number,
) {
  const left = new Array<number>(classes).fill(0);
  const right = new Array<number>(classes).fill(0);
  for (let s = 0; s < labels.length; s++) {
    (images[s * features + tree.feature[0]] <= tree.value[0] ? left : right)[labels[s]]++;
  }
  const nl = left.reduce((a, b) => a + b, 0);
  const nr = labels.length - nl;
  return left.reduce((a, b) => a + b * b, 0) / nl + right.reduce((a, b) => a + b * b, 0) / nr;
}

function accuracy(
  predict: (images: Uint8Array, offset: number) => number,
  split: MnistSplit,
  n: number,
) {
  let correct = 0;
  for (let i = 0; i < n; i++) if (predict(split.images, i * 784) === split.labels[i]) correct++;
  return correct / n;
}

describe('toFeatureMatrix', () => {
  it('transposes sample-major images to feature-major columns', () => {
    const m = toFeatureMatrix(Uint8Array.from([1, 2, 3, 4, 5, 6]), 2, 3);
    assert.deepEqual([...m.columns], [1, 4, 2, 5, 3, 6], 'columns[feature * count + sample]');
  });

  it('rejects images of the wrong size', () => {
    assert.throws(
      () => toFeatureMatrix(new Uint8Array(5), 2, 3),
      /count × features = 6 values, got 5/,
    );
  });
});

describe('fitTree', () => {
  const data = synthetic(400, 6, 1);
  const matrix = toFeatureMatrix(data.images, data.count, data.features);

  it('chooses the root split with the best Gini score, as an exhaustive search does', () => {
    const small = synthetic(120, 4, 3);
    // Relabel with noise so that the best split is not obvious.
    const noisy = small.labels.map((l, i) => (i % 7 === 0 ? (l + 1) % 4 : l));
    const tree = fitTree(toFeatureMatrix(small.images, small.count, small.features), noisy, {
      classes: 4,
    });
    const expected = bruteForceBestScore(small.images, noisy, small.features, 4);
    const got = proxyOfRootSplit(tree, small.images, noisy, small.features, 4);
    assert.ok(Math.abs(got - expected) < 1e-9, `root split score ${got} vs best ${expected}`);
  });

  it('grows until every training sample is classified correctly', () => {
    const tree = fitTree(matrix, data.labels, { classes: 4 });
    const wrong = [...data.labels].filter((l, s) => predictTree(tree, data.images, s * 6) !== l);
    assert.equal(wrong.length, 0, 'a fully grown tree fits distinct samples exactly');
    assert.ok(
      tree.feature[0] <= 1,
      `the root tests one of the two informative features, got ${tree.feature[0]}`,
    );
  });

  it('learns the hidden rule well enough to generalise', () => {
    const tree = fitTree(matrix, data.labels, { classes: 4 });
    const test = synthetic(300, 6, 2);
    let correct = 0;
    for (let s = 0; s < test.count; s++)
      if (predictTree(tree, test.images, s * 6) === test.labels[s]) correct++;
    assert.ok(correct / test.count > 0.95, `held-out accuracy ${correct / test.count}`);
  });

  it('stops at maxDepth, and a depth-0 tree is one leaf with the majority class', () => {
    assert.ok(treeDepth(fitTree(matrix, data.labels, { classes: 4, maxDepth: 3 })) <= 3, 'depth');
    const stump = fitTree(
      matrix,
      Uint8Array.from(data.labels, (l) => (l === 3 ? 3 : 0)),
      {
        classes: 4,
        maxDepth: 0,
      },
    );
    assert.equal(stump.feature.length, 1, 'one node');
    assert.equal(stump.feature[0], -1, 'a leaf');
  });

  it('makes a majority leaf of samples it cannot tell apart', () => {
    const same = toFeatureMatrix(new Uint8Array(3 * 2).fill(9), 3, 2);
    const tree = fitTree(same, Uint8Array.from([1, 2, 2]), { classes: 3 });
    assert.deepEqual([...tree.feature], [-1], 'no split possible');
    assert.equal(tree.value[0], 2, 'majority class');
  });

  it('separates every pair of samples that differ, on data full of duplicates and constants', () => {
    // Few features with three levels each: many identical rows with different labels (leaves
    // that cannot be split) and many features constant within a node.
    for (let trial = 0; trial < 100; trial++) {
      const random = new Random(trial);
      const n = 30;
      const images = Uint8Array.from({ length: n * 4 }, () => random.int(3) * 100);
      const labels = Uint8Array.from({ length: n }, () => random.int(3));
      const tree = fitTree(toFeatureMatrix(images, n, 4), labels, { classes: 3 });
      const groups = new Map<string, number[]>();
      for (let s = 0; s < n; s++) {
        const key = images.subarray(s * 4, s * 4 + 4).join(',');
        groups.set(key, [...(groups.get(key) ?? []), s]);
      }
      for (const [key, members] of groups) {
        const votes = [0, 0, 0];
        for (const s of members) votes[labels[s]]++;
        const majority = votes.indexOf(Math.max(...votes));
        const got = predictTree(tree, images, members[0] * 4);
        assert.equal(got, majority, `trial ${trial}: rows ${key} get their majority label`);
      }
    }
  });

  it('ignores samples of weight 0 and counts heavier samples more', () => {
    const m = toFeatureMatrix(Uint8Array.from([10, 20, 30]), 3, 1);
    const labels = Uint8Array.from([0, 1, 1]);
    const leaf = fitTree(m, labels, {
      classes: 2,
      maxDepth: 0,
      weights: Uint16Array.from([5, 1, 1]),
    });
    assert.equal(leaf.value[0], 0, 'weight 5 outvotes two samples of weight 1');
    const pure = fitTree(m, labels, { classes: 2, weights: Uint16Array.from([0, 1, 1]) });
    assert.deepEqual([...pure.feature], [-1], 'without the weight-0 sample the node is pure');
  });

  it('rejects inconsistent inputs with what was wrong', () => {
    assert.throws(() => fitTree(matrix, new Uint8Array(3)), /one entry per sample \(400\), got 3/);
    assert.throws(
      () => fitTree(matrix, data.labels, { classes: 3 }),
      /labels\[\d+\] must be below 3, got 3/,
    );
    assert.throws(
      () => fitTree(matrix, data.labels, { maxFeatures: 2 }),
      /needs a `random` source/,
    );
    assert.throws(
      () => fitTree(matrix, data.labels, { minSamplesSplit: 1 }),
      /minSamplesSplit must be an integer >= 2/,
    );
  });
});

describe('serialisation', () => {
  const data = synthetic(300, 5, 4);
  const matrix = toFeatureMatrix(data.images, data.count, data.features);
  const forest = fitForest(matrix, data.labels, { trees: 3, classes: 4, seed: 5 });

  it('round-trips a forest to 16 + 4 per tree + 7 bytes per node', () => {
    const bytes = encodeForest(forest);
    const nodes = forest.trees.reduce((a, t) => a + t.feature.length, 0);
    assert.equal(bytes.length, 16 + 4 * 3 + 7 * nodes, 'compact size');
    const back = decodeForest(bytes);
    assert.equal(back.classes, 4, 'classes');
    assert.equal(back.features, 5, 'features');
    back.trees.forEach((t, i) => {
      assert.deepEqual(t.feature, forest.trees[i].feature, `tree ${i} features`);
      assert.deepEqual(t.value, forest.trees[i].value, `tree ${i} values`);
      assert.deepEqual(t.right, forest.trees[i].right, `tree ${i} children`);
    });
  });

  it('refuses malformed bytes, saying where', () => {
    const bytes = encodeForest(forest);
    assert.throws(() => decodeForest(bytes.subarray(0, 10)), /header: 10 bytes, need 16/);
    const wrongMagic = bytes.slice();
    wrongMagic[0] ^= 1;
    assert.throws(() => decodeForest(wrongMagic), /wrong signature/);
    assert.throws(
      () => decodeForest(bytes.subarray(0, bytes.length - 1)),
      /tree 2: \d+ nodes do not fit/,
    );
    const extra = new Uint8Array(bytes.length + 2);
    extra.set(bytes);
    assert.throws(() => decodeForest(extra), /end: 2 bytes after the last tree/);
    // Point the root's right child back at itself, which would loop forever when predicting.
    const loop = bytes.slice();
    const n = forest.trees[0].feature.length;
    new DataView(loop.buffer).setInt32(16 + 4 + 3 * n, 0, true);
    assert.throws(() => decodeForest(loop), /tree 0 node 0: children 1 and 0 outside/);
  });
});

describe('on 2,000 MNIST training images', () => {
  let mnist: Awaited<ReturnType<typeof loadMnist>>;
  before(async () => {
    mnist = await loadMnist();
  });
  const n = 2000;
  const testCount = 2000;

  it('a tree and a 20-tree forest beat chance (10%) by far, the forest beating the tree', () => {
    const matrix = toFeatureMatrix(mnist.train.images.subarray(0, n * 784), n, 784);
    const labels = mnist.train.labels.subarray(0, n);
    const tree = fitTree(matrix, labels);
    const forest = fitForest(matrix, labels, { trees: 20, seed: 3 });
    const treeAccuracy = accuracy((x, o) => predictTree(tree, x, o), mnist.test, testCount);
    const forestAccuracy = accuracy((x, o) => predictForest(forest, x, o), mnist.test, testCount);
    assert.ok(treeAccuracy > 0.6, `tree accuracy ${treeAccuracy}`);
    assert.ok(forestAccuracy > 0.8, `forest accuracy ${forestAccuracy}`);
    assert.ok(
      forestAccuracy > treeAccuracy + 0.1,
      `forest ${forestAccuracy} vs tree ${treeAccuracy}`,
    );
    // The decoded forest predicts exactly as the fitted one.
    const decoded = decodeForest(encodeForest(forest));
    const same = accuracy((x, o) => predictForest(decoded, x, o), mnist.test, testCount);
    assert.equal(same, forestAccuracy, 'decoded forest accuracy');
  });

  it('reproduces a forest from its seed', () => {
    const m = 500;
    const matrix = toFeatureMatrix(mnist.train.images.subarray(0, m * 784), m, 784);
    const labels = mnist.train.labels.subarray(0, m);
    const a = encodeForest(fitForest(matrix, labels, { trees: 3, seed: 11 }));
    const b = encodeForest(fitForest(matrix, labels, { trees: 3, seed: 11 }));
    const c = encodeForest(fitForest(matrix, labels, { trees: 3, seed: 12 }));
    assert.deepEqual(a, b, 'same seed, same bytes');
    assert.notDeepEqual(a, c, 'other seed, other forest');
  });

  it('fits the same forest on worker threads as on one thread', async () => {
    const m = 500;
    const matrix = toFeatureMatrix(mnist.train.images.subarray(0, m * 784), m, 784);
    const labels = mnist.train.labels.subarray(0, m);
    const serial = encodeForest(fitForest(matrix, labels, { trees: 5, seed: 11 }));
    const progress: number[] = [];
    const parallel = await fitForestInParallel(matrix, labels, {
      trees: 5,
      seed: 11,
      workers: 2,
      onTree: (fitted) => progress.push(fitted),
    });
    assert.deepEqual(encodeForest(parallel), serial, 'same bytes from 2 workers');
    assert.deepEqual(progress, [1, 2, 3, 4, 5], 'progress once per tree');
  });
});

describe('quantizePixels', () => {
  it('maps [0, 1] floats to the byte levels MNIST is stored in, clamping outliers', () => {
    const bytes = quantizePixels(Float32Array.from([0, 0.5, 1, 1.2, -0.1, 1 / 255]));
    assert.deepEqual([...bytes], [0, 128, 255, 255, 0, 1], 'round(v × 255), clamped');
  });

  it('rejects NaN and a wrong-sized output', () => {
    assert.throws(() => quantizePixels([0, NaN]), /input\[1\] is NaN/);
    assert.throws(
      () => quantizePixels([0, 1], new Uint8Array(3)),
      /out must have 2 entries, got 3/,
    );
  });
});

describe('baselines command', () => {
  it('fits, evaluates and writes both reports, heat maps and models', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dc-baselines-'));
    try {
      // Three pen-drawn digits in UNIPEN's JSON layout, to exercise the strokes → bytes path:
      // two by held-out writers ("c" and "x/5"), one by a writer to learn from ("a").
      const unipen = join(dir, 'digits.json');
      const samples = [
        {
          label: 1,
          writer: 'c',
          strokes: [
            [
              [5, 0],
              [5, 40],
            ],
          ],
        },
        {
          label: 7,
          writer: 'x/5',
          strokes: [
            [
              [0, 0],
              [30, 0],
              [10, 40],
            ],
          ],
        },
        {
          label: 0,
          writer: 'a',
          strokes: [
            [
              [10, 0],
              [20, 10],
              [10, 20],
              [0, 10],
              [10, 0],
            ],
          ],
        },
      ];
      await writeFile(unipen, JSON.stringify({ samples }));
      const out = join(dir, 'reports');
      const models = join(dir, 'models');
      await baselinesCommand.run({
        'train-count': '300',
        trees: '3',
        seed: '5',
        out,
        models,
        unipen,
      });
      for (const name of ['tree', 'forest']) {
        const raw = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8'));
        const report = parseClassifierReport(raw, name);
        const model = decodeForest(await readFile(join(models, `${name}.dctf`)));
        assert.equal(report.modelBytes, encodeForest(model).length, `${name} modelBytes`);
        assert.equal(
          report.nodes,
          model.trees.reduce((a, t) => a + t.feature.length, 0),
          `${name} nodes`,
        );
        assert.equal(model.trees.length, name === 'tree' ? 1 : 3, `${name} tree count`);
        assert.equal(
          report.perClass.reduce((a, c) => a + c.support, 0),
          10000,
          'whole test set',
        );
        assert.ok(report.accuracy > 0.5, `${name} accuracy ${report.accuracy} on 300 images`);
        assert.equal(report.unipen?.count, 2, `${name}: the held-out writers' UNIPEN digits only`);
        assert.ok((report.fitSeconds ?? 0) > 0 && (report.fitCpuSeconds ?? 0) > 0, 'fit timed');
        for (const svg of [`${name}-confusion.svg`, `${name}-unipen-confusion.svg`, `${name}.md`]) {
          assert.ok(existsSync(join(out, svg)), `${svg} written`);
        }
      }
      const forest = JSON.parse(await readFile(join(out, 'forest.json'), 'utf8'));
      assert.deepEqual(
        forest.hyperParameters.find((h: { name: string }) => h.name === 'seed'),
        { name: 'seed', value: 5 },
        'seed recorded',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a malformed option with its name', async () => {
    await assert.rejects(
      baselinesCommand.run({ trees: '0' }),
      /--trees must be an integer in 1\.\.10000, got "0"/,
    );
    await assert.rejects(baselinesCommand.run({ seed: 'abc' }), /--seed must be an integer/);
  });
});
