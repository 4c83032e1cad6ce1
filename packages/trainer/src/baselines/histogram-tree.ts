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
  if (labels.length !== count) {
    throw new RangeError(`labels must have one entry per sample (${count}), got ${labels.length}`);
  }
  const weights = options.weights;
  if (weights && weights.length !== count) {
    throw new RangeError(
      `weights must have one entry per sample (${count}), got ${weights.length}`,
    );
  }

  // Samples of the tree, partitioned in place so that every node owns a contiguous range.
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

  // Scratch for one feature's histogram, cleared bin by bin after use rather than wholesale.
  const hist = new Float64Array(LEVELS * classes);
  const binTotal = new Float64Array(LEVELS);
  const touched = new Int32Array(LEVELS);
  const leftCounts = new Float64Array(classes);
  const candidates = new Uint16Array(features);
  const constants = new Uint8Array(features);

  const featureOut: number[] = [];
  const valueOut: number[] = [];
  const rightOut: number[] = [];

  const allFeatures = new Uint16Array(features);
  for (let f = 0; f < features; f++) allFeatures[f] = f;
  let settled = 0;
  const stack: Task[] = [
    { start: 0, end: used, depth: 0, parentOfRight: -1, counts: rootCounts, active: allFeatures },
  ];

  while (stack.length > 0) {
    const task = stack.pop() as Task;
    const { start, end, counts, active } = task;
    const id = featureOut.length;
    if (task.parentOfRight >= 0) rightOut[task.parentOfRight] = id;

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
    const makeLeaf = (): void => {
      featureOut.push(-1);
      valueOut.push(majority);
      rightOut.push(0);
      settled += end - start;
      options.onProgress?.(settled, used);
    };
    if (nonEmpty <= 1 || end - start < minSamplesSplit || task.depth >= maxDepth) {
      makeLeaf();
      continue;
    }

    // Candidate features in random order when only some are examined.
    const m = active.length;
    candidates.set(active);
    let bestScore = -Infinity;
    let bestFeature = -1;
    let bestThreshold = 0;
    let examined = 0;
    let constantCount = 0;
    for (let k = 0; k < m && examined < maxFeatures; k++) {
      if (maxFeatures < m && random) {
        const j = k + Math.floor(random() * (m - k));
        const t = candidates[k];
        candidates[k] = candidates[j];
        candidates[j] = t;
      }
      const f = candidates[k];
      const base = f * count;
      let distinct = 0;
      for (let i = start; i < end; i++) {
        const s = order[i];
        const v = columns[base + s];
        const w = weights ? weights[s] : 1;
        if (binTotal[v] === 0) touched[distinct++] = v;
        binTotal[v] += w;
        hist[v * classes + labels[s]] += w;
      }
      if (distinct === 1) {
        constants[f] = 1;
        constantCount++;
        binTotal[touched[0]] = 0;
        hist.fill(0, touched[0] * classes, touched[0] * classes + classes);
        continue;
      }
      examined++;
      // Visit the occupied levels in ascending order: insertion-sort the few, or sweep all 256.
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
      // Moving one level at a time from right to left, the Gini proxy
      // sum(left²)/nLeft + sum(right²)/nRight is updated in O(classes) per level.
      leftCounts.fill(0);
      let nLeft = 0;
      let leftSquares = 0;
      let rightSquares = sumSquares;
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
        if (score > bestScore) {
          bestScore = score;
          bestFeature = f;
          bestThreshold = v;
        }
      }
      for (let li = 0; li < distinct; li++) {
        const v = touched[li];
        binTotal[v] = 0;
        hist.fill(0, v * classes, v * classes + classes);
      }
    }

    if (bestFeature < 0) {
      // Every candidate feature is constant here: the samples are indistinguishable. Clear the
      // flags raised above, which would otherwise drop these features in a later node.
      for (let k = 0; k < m; k++) constants[active[k]] = 0;
      makeLeaf();
      continue;
    }

    // Partition [start, end) so that x <= threshold comes first; count the left classes.
    const base = bestFeature * count;
    const left = new Float64Array(classes);
    let mid = start;
    for (let i = start; i < end; i++) {
      const s = order[i];
      if (columns[base + s] <= bestThreshold) {
        left[labels[s]] += weights ? weights[s] : 1;
        order[i] = order[mid];
        order[mid++] = s;
      }
    }
    const right = new Float64Array(classes);
    for (let c = 0; c < classes; c++) right[c] = counts[c] - left[c];

    let childActive = active;
    if (constantCount > 0) {
      childActive = new Uint16Array(m - constantCount);
      let j = 0;
      for (let k = 0; k < m; k++) {
        const f = active[k];
        if (constants[f]) constants[f] = 0;
        else childActive[j++] = f;
      }
    }

    featureOut.push(bestFeature);
    valueOut.push(bestThreshold);
    rightOut.push(0);
    const depth = task.depth + 1;
    // Right first, so the left child is popped next and gets the next pre-order index.
    stack.push({ start: mid, end, depth, parentOfRight: id, counts: right, active: childActive });
    stack.push({ start, end: mid, depth, parentOfRight: -1, counts: left, active: childActive });
  }

  return {
    feature: Int16Array.from(featureOut),
    value: Uint8Array.from(valueOut),
    right: Int32Array.from(rightOut),
  };
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
