import type { FeatureMatrix } from './feature-matrix.js';

/** Number of distinct feature values: pixels are bytes, so every level is its own histogram bin. */
const LEVELS = 256;

/**
 * A fitted classification tree in flat arrays, nodes in pre-order so a split's left child is
 * always the next node. 7 bytes a node.
 */
export interface Tree {
  /** Feature tested at each split node, or -1 at a leaf. */
  readonly feature: Int16Array;
  /** At a split: the threshold (`x[feature] <= value` goes left). At a leaf: the predicted class. */
  readonly value: Uint8Array;
  /** At a split: index of the right child (the left child is the next node). 0 at a leaf. */
  readonly right: Int32Array;
}

/** Options of {@link fitTree}. */
export interface TreeOptions {
  /**
   * Number of classes; labels must be 0..classes-1 (default 10, the digits). A literal rather
   * than core's NUM_CLASSES: this module runs in the forest's worker threads, which load no
   * TensorFlow, and importing @digit-canvas/core there costs each ~0.6 s and ~50 MB.
   * fitBaselines passes NUM_CLASSES.
   */
  readonly classes?: number;
  /** Deepest level a split may sit at; the root is depth 0 (default: unlimited, fully grown). */
  readonly maxDepth?: number;
  /** A node with fewer samples than this becomes a leaf (default 2, as scikit-learn). */
  readonly minSamplesSplit?: number;
  /**
   * Features examined per split, drawn at random without replacement (default: all). As in
   * scikit-learn, features found constant in the node do not count towards this number.
   */
  readonly maxFeatures?: number;
  /** Source of randomness in [0, 1) for the feature draw; required when maxFeatures is set. */
  readonly random?: () => number;
  /**
   * Integer weight of each sample (a bootstrap's draw counts); samples of weight 0 are left out.
   * Default: every sample once.
   */
  readonly weights?: Uint16Array;
  /** Called at each leaf with how many of the tree's samples have reached a leaf so far. */
  readonly onProgress?: (settled: number, total: number) => void;
}

interface Task {
  start: number;
  end: number;
  depth: number;
  /** Pre-order index of the parent when this task is a right child, else -1. */
  parentOfRight: number;
  /** Weighted class counts of the samples in [start, end). */
  counts: Float64Array;
  /** Features not known to be constant in this node, sorted. */
  active: Uint16Array;
}

function resolveOptions(o: TreeOptions, features: number) {
  const classes = o.classes ?? 10;
  const maxDepth = o.maxDepth ?? Infinity;
  const minSamplesSplit = o.minSamplesSplit ?? 2;
  const maxFeatures = o.maxFeatures ?? features;
  if (!Number.isInteger(classes) || classes < 2 || classes > LEVELS) {
    throw new RangeError(`classes must be an integer in 2..256, got ${classes}`);
  }
  if (!(maxDepth >= 0) || (maxDepth !== Infinity && !Number.isInteger(maxDepth))) {
    throw new RangeError(`maxDepth must be a non-negative integer, got ${maxDepth}`);
  }
  if (!Number.isInteger(minSamplesSplit) || minSamplesSplit < 2) {
    throw new RangeError(`minSamplesSplit must be an integer >= 2, got ${minSamplesSplit}`);
  }
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1 || maxFeatures > features) {
    throw new RangeError(`maxFeatures must be an integer in 1..${features}, got ${maxFeatures}`);
  }
  if (maxFeatures < features && !o.random) {
    throw new TypeError('maxFeatures below the feature count needs a `random` source');
  }
  return { classes, maxDepth, minSamplesSplit, maxFeatures, random: o.random };
}

/** What one fit reads, shared by its steps: the samples, their labels and weights, and options. */
interface FitInput {
  readonly columns: Uint8Array;
  readonly count: number;
  readonly labels: Uint8Array;
  readonly weights: Uint16Array | undefined;
  readonly classes: number;
  readonly maxFeatures: number;
  readonly random: (() => number) | undefined;
  /** Samples of the tree, partitioned in place so that every node owns a contiguous range. */
  readonly order: Int32Array;
}

/**
 * Scratch reused by every node's split search, allocated once per tree. The histogram is cleared
 * bin by bin after each feature rather than wholesale, since a node touches only a few levels.
 */
interface SplitScratch {
  /** Weighted class counts per level, `hist[level * classes + class]`. */
  readonly hist: Float64Array;
  /** Weighted sample count per level. */
  readonly binTotal: Float64Array;
  /** The levels occupied in the current feature, first in discovery order, then ascending. */
  readonly touched: Int32Array;
  /** Class counts left of the threshold being scanned. */
  readonly leftCounts: Float64Array;
  /** The node's candidate features, shuffled in place when only some are examined. */
  readonly candidates: Uint16Array;
  /** Flags of the features found constant in the current node, cleared before the next. */
  readonly constants: Uint8Array;
}

/** The flat node arrays of the tree being built, in pre-order. */
interface TreeBuilder {
  readonly feature: number[];
  readonly value: number[];
  readonly right: number[];
}

/** What a node's class counts say about it. */
interface NodeStats {
  /** Weighted number of samples. */
  total: number;
  /** Sum of the squared class counts: the Gini proxy's numerator when nothing is split off. */
  sumSquares: number;
  /** The most frequent class, the lowest on ties: the node's prediction if it is a leaf. */
  majority: number;
  /** Number of classes present. */
  nonEmpty: number;
}

/** The best split found so far in a node, updated as the candidate features are scanned. */
interface SplitSearch {
  score: number;
  feature: number;
  threshold: number;
  /** Candidate features found constant in the node (flagged in `SplitScratch.constants`). */
  constantCount: number;
}

/**
 * Fits a CART classification tree (Gini impurity) on byte-valued features. Every node builds, for
 * each candidate feature, a 256-bin histogram of weighted class counts over its samples and scans
 * it for the best threshold, the way LightGBM and scikit-learn's HistGradientBoosting split:
 * O(samples) per feature instead of a sort, and exact here because a byte has only 256 values.
 * Features found constant in a node are dropped for its whole subtree (a child cannot vary where
 * its parent did not).
 */
export function fitTree(data: FeatureMatrix, labels: Uint8Array, options: TreeOptions = {}): Tree {
  const { columns, count, features } = data;
  const { classes, maxDepth, minSamplesSplit, maxFeatures, random } = resolveOptions(
    options,
    features,
  );
  const weights = options.weights;
  checkPerSample(count, labels, weights);
  const { order, rootCounts } = collectSamples(labels, weights, classes);
  const used = order.length;
  const input: FitInput = { columns, count, labels, weights, classes, maxFeatures, random, order };
  const scratch = createScratch(classes, features);
  const tree: TreeBuilder = { feature: [], value: [], right: [] };

  let settled = 0;
  const stack: Task[] = [
    {
      start: 0,
      end: used,
      depth: 0,
      parentOfRight: -1,
      counts: rootCounts,
      active: range(features),
    },
  ];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    const id = tree.feature.length;
    if (task.parentOfRight >= 0) tree.right[task.parentOfRight] = id;

    const stats = nodeStats(task.counts, classes);
    const mayGrow =
      stats.nonEmpty > 1 && task.end - task.start >= minSamplesSplit && task.depth < maxDepth;
    const split = mayGrow ? findBestSplit(input, scratch, task, stats) : null;
    if (!split) {
      pushNode(tree, -1, stats.majority);
      settled += task.end - task.start;
      options.onProgress?.(settled, used);
      continue;
    }

    const { mid, left, right } = partition(input, task, split.feature, split.threshold);
    const active = childFeatures(task.active, scratch.constants, split.constantCount);
    pushNode(tree, split.feature, split.threshold);
    const depth = task.depth + 1;
    // Right first, so the left child is popped next and gets the next pre-order index.
    stack.push({ start: mid, end: task.end, depth, parentOfRight: id, counts: right, active });
    stack.push({ start: task.start, end: mid, depth, parentOfRight: -1, counts: left, active });
  }

  return {
    feature: Int16Array.from(tree.feature),
    value: Uint8Array.from(tree.value),
    right: Int32Array.from(tree.right),
  };
}

function checkPerSample(count: number, labels: Uint8Array, weights: Uint16Array | undefined) {
  if (labels.length !== count) {
    throw new RangeError(`labels must have one entry per sample (${count}), got ${labels.length}`);
  }
  if (weights && weights.length !== count) {
    throw new RangeError(
      `weights must have one entry per sample (${count}), got ${weights.length}`,
    );
  }
}

/**
 * The samples of positive weight in ascending order (the root's range of `FitInput.order`) and
 * their weighted class counts. Checks each label on the way.
 */
function collectSamples(
  labels: Uint8Array,
  weights: Uint16Array | undefined,
  classes: number,
): { order: Int32Array; rootCounts: Float64Array } {
  const count = labels.length;
  let used = 0;
  for (let s = 0; s < count; s++) if (!weights || weights[s] > 0) used++;
  if (used === 0) throw new RangeError('no sample has a positive weight');
  const order = new Int32Array(used);
  const rootCounts = new Float64Array(classes);
  for (let s = 0, i = 0; s < count; s++) {
    const w = weights ? weights[s] : 1;
    if (w === 0) continue;
    const y = labels[s];
    if (y >= classes) throw new RangeError(`labels[${s}] must be below ${classes}, got ${y}`);
    order[i++] = s;
    rootCounts[y] += w;
  }
  return { order, rootCounts };
}

function createScratch(classes: number, features: number): SplitScratch {
  return {
    hist: new Float64Array(LEVELS * classes),
    binTotal: new Float64Array(LEVELS),
    touched: new Int32Array(LEVELS),
    leftCounts: new Float64Array(classes),
    candidates: new Uint16Array(features),
    constants: new Uint8Array(features),
  };
}

/** 0, 1, …, n - 1: the root's features, none yet known to be constant. */
function range(n: number): Uint16Array {
  const all = new Uint16Array(n);
  for (let f = 0; f < n; f++) all[f] = f;
  return all;
}

/** Appends a node: a split on `feature` at `value`, or a leaf predicting `value` if feature is -1. */
function pushNode(tree: TreeBuilder, feature: number, value: number): void {
  tree.feature.push(feature);
  tree.value.push(value);
  // A split's right child is filled in when that child is popped; a leaf keeps 0.
  tree.right.push(0);
}

function nodeStats(counts: Float64Array, classes: number): NodeStats {
  let total = 0;
  let sumSquares = 0;
  let majority = 0;
  let nonEmpty = 0;
  for (let c = 0; c < classes; c++) {
    total += counts[c];
    sumSquares += counts[c] * counts[c];
    if (counts[c] > counts[majority]) majority = c;
    if (counts[c] > 0) nonEmpty++;
  }
  return { total, sumSquares, majority, nonEmpty };
}

/**
 * The best split of the task's samples over up to `maxFeatures` non-constant candidate features,
 * or null when every candidate is constant here. The features found constant stay flagged in
 * `scratch.constants` for {@link childFeatures} to drop (and clear) when a split is returned.
 */
function findBestSplit(
  input: FitInput,
  scratch: SplitScratch,
  task: Task,
  stats: NodeStats,
): SplitSearch | null {
  const { maxFeatures, random } = input;
  const { candidates, constants } = scratch;
  const { active } = task;
  const m = active.length;
  candidates.set(active);
  const best: SplitSearch = { score: -Infinity, feature: -1, threshold: 0, constantCount: 0 };
  let examined = 0;
  for (let k = 0; k < m && examined < maxFeatures; k++) {
    // Candidate features in random order when only some are examined: a Fisher-Yates step.
    if (maxFeatures < m && random) {
      const j = k + Math.floor(random() * (m - k));
      const t = candidates[k];
      candidates[k] = candidates[j];
      candidates[j] = t;
    }
    const f = candidates[k];
    const distinct = fillHistogram(input, scratch, f, task.start, task.end);
    if (distinct === 1) {
      // Constant features do not count towards maxFeatures, as in scikit-learn.
      constants[f] = 1;
      best.constantCount++;
      clearHistogram(scratch, input.classes, distinct);
      continue;
    }
    examined++;
    sortLevels(scratch, distinct);
    scanThresholds(scratch, input.classes, task.counts, stats, f, distinct, best);
    clearHistogram(scratch, input.classes, distinct);
  }
  if (best.feature < 0) {
    // Every candidate feature is constant here: the samples are indistinguishable. Clear the
    // flags raised above, which would otherwise drop these features in a later node.
    for (let k = 0; k < m; k++) constants[active[k]] = 0;
    return null;
  }
  return best;
}

/**
 * Adds feature `f` of the samples in [start, end) to the histogram; returns the number of
 * distinct levels, listed in `scratch.touched` in the order first met.
 */
function fillHistogram(
  input: FitInput,
  scratch: SplitScratch,
  f: number,
  start: number,
  end: number,
): number {
  const { columns, labels, weights, classes, order } = input;
  const { binTotal, touched, hist } = scratch;
  const base = f * input.count;
  let distinct = 0;
  for (let i = start; i < end; i++) {
    const s = order[i];
    const v = columns[base + s];
    const w = weights ? weights[s] : 1;
    if (binTotal[v] === 0) touched[distinct++] = v;
    binTotal[v] += w;
    hist[v * classes + labels[s]] += w;
  }
  return distinct;
}

/** Empties the histogram's occupied levels, the first `distinct` of `scratch.touched`. */
function clearHistogram(scratch: SplitScratch, classes: number, distinct: number): void {
  const { binTotal, touched, hist } = scratch;
  for (let li = 0; li < distinct; li++) {
    const v = touched[li];
    binTotal[v] = 0;
    hist.fill(0, v * classes, v * classes + classes);
  }
}

/** Sorts the occupied levels ascending: insertion-sorts the few, or sweeps all 256. */
function sortLevels(scratch: SplitScratch, distinct: number): void {
  const { touched, binTotal } = scratch;
  if (distinct <= 48) {
    for (let a = 1; a < distinct; a++) {
      const v = touched[a];
      let b = a - 1;
      while (b >= 0 && touched[b] > v) {
        touched[b + 1] = touched[b];
        b--;
      }
      touched[b + 1] = v;
    }
  } else {
    for (let v = 0, j = 0; v < LEVELS; v++) if (binTotal[v] > 0) touched[j++] = v;
  }
}

/**
 * Scores every threshold of feature `f` between its occupied levels (sorted) and records it in
 * `best` where it beats the best so far; on ties the earlier one (lower feature, lower level) stays.
 */
function scanThresholds(
  scratch: SplitScratch,
  classes: number,
  counts: Float64Array,
  stats: NodeStats,
  f: number,
  distinct: number,
  best: SplitSearch,
): void {
  const { hist, binTotal, touched, leftCounts } = scratch;
  const { total } = stats;
  // Moving one level at a time from right to left, the Gini proxy
  // sum(left²)/nLeft + sum(right²)/nRight is updated in O(classes) per level.
  leftCounts.fill(0);
  let nLeft = 0;
  let leftSquares = 0;
  let rightSquares = stats.sumSquares;
  for (let li = 0; li < distinct - 1; li++) {
    const v = touched[li];
    const row = v * classes;
    for (let c = 0; c < classes; c++) {
      const w = hist[row + c];
      if (w === 0) continue;
      const l = leftCounts[c];
      leftSquares += (2 * l + w) * w;
      rightSquares += (w - 2 * (counts[c] - l)) * w;
      leftCounts[c] = l + w;
    }
    nLeft += binTotal[v];
    const score = leftSquares / nLeft + rightSquares / (total - nLeft);
    if (score > best.score) {
      best.score = score;
      best.feature = f;
      best.threshold = v;
    }
  }
}

/**
 * Partitions the task's range of `order` so that `x[feature] <= threshold` comes first; returns
 * where the right part starts and the class counts of both parts.
 */
function partition(
  input: FitInput,
  task: Task,
  feature: number,
  threshold: number,
): { mid: number; left: Float64Array; right: Float64Array } {
  const { columns, labels, weights, classes, order } = input;
  const { start, end, counts } = task;
  const base = feature * input.count;
  const left = new Float64Array(classes);
  let mid = start;
  for (let i = start; i < end; i++) {
    const s = order[i];
    if (columns[base + s] <= threshold) {
      left[labels[s]] += weights ? weights[s] : 1;
      order[i] = order[mid];
      order[mid++] = s;
    }
  }
  const right = new Float64Array(classes);
  for (let c = 0; c < classes; c++) right[c] = counts[c] - left[c];
  return { mid, left, right };
}

/**
 * The features the children of a split node search: its own, less those it found constant (a
 * child cannot vary where its parent did not). Clears their flags for the next node.
 */
function childFeatures(
  active: Uint16Array,
  constants: Uint8Array,
  constantCount: number,
): Uint16Array {
  if (constantCount === 0) return active;
  const m = active.length;
  const childActive = new Uint16Array(m - constantCount);
  let j = 0;
  for (let k = 0; k < m; k++) {
    const f = active[k];
    if (constants[f]) constants[f] = 0;
    else childActive[j++] = f;
  }
  return childActive;
}

/**
 * Predicts the class of one sample stored sample-major in `images` at `offset`
 * (`images[offset + feature]`).
 */
export function predictTree(tree: Tree, images: ArrayLike<number>, offset = 0): number {
  const { feature, value, right } = tree;
  let node = 0;
  let f = feature[0];
  while (f >= 0) {
    node = images[offset + f] <= value[node] ? node + 1 : right[node];
    f = feature[node];
  }
  return value[node];
}

/** Depth of the deepest leaf (a lone leaf has depth 0). */
export function treeDepth(tree: Tree): number {
  let deepest = 0;
  const stack: number[] = [0, 0]; // pairs of (node, depth)
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const node = stack.pop() as number;
    if (tree.feature[node] < 0) deepest = Math.max(deepest, depth);
    else stack.push(node + 1, depth + 1, tree.right[node], depth + 1);
  }
  return deepest;
}
