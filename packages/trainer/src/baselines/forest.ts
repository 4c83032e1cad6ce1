import { Random } from '../random.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { fitTree, predictTree, type Tree } from './histogram-tree.js';

/**
 * Trees whose majority vote is the prediction: a random forest, or a single decision tree as a
 * forest of one (so both share prediction and serialisation).
 */
export interface Forest {
  /** Number of classes the leaves predict, 0..classes-1. */
  readonly classes: number;
  /** Features per sample the splits index into (784 for MNIST). */
  readonly features: number;
  readonly trees: readonly Tree[];
}

/** Options of {@link fitForest}. */
export interface ForestOptions {
  /** Number of trees (default 100, as scikit-learn). */
  readonly trees?: number;
  /** Features examined per split (default round(sqrt(features)), 28 for MNIST, as scikit-learn). */
  readonly maxFeatures?: number;
  /** Deepest split level of each tree (default: unlimited). */
  readonly maxDepth?: number;
  /** Seed of the bootstrap draws and feature draws (default 1). */
  readonly seed?: number;
  /** Number of classes (default 10). */
  readonly classes?: number;
  /** Called after each tree is fitted, e.g. to advance a progress bar. */
  readonly onTree?: (fitted: number, total: number) => void;
}

/**
 * Fits a random forest (Breiman): each tree sees a bootstrap sample of the training set (n draws
 * with replacement, kept as integer weights) and examines `maxFeatures` random features per split.
 */
export function fitForest(
  data: FeatureMatrix,
  labels: Uint8Array,
  options: ForestOptions = {},
): Forest {
  const treeCount = options.trees ?? 100;
  if (!Number.isInteger(treeCount) || treeCount < 1) {
    throw new RangeError(`trees must be a positive integer, got ${treeCount}`);
  }
  const classes = options.classes ?? 10;
  const maxFeatures = options.maxFeatures ?? Math.max(1, Math.round(Math.sqrt(data.features)));
  const rng = new Random(options.seed ?? 1);
  const random = (): number => rng.next();
  const weights = new Uint16Array(data.count);
  const trees: Tree[] = [];
  for (let t = 0; t < treeCount; t++) {
    weights.fill(0);
    for (let i = 0; i < data.count; i++) weights[Math.floor(random() * data.count)]++;
    trees.push(
      fitTree(data, labels, { classes, maxFeatures, maxDepth: options.maxDepth, random, weights }),
    );
    options.onTree?.(t + 1, treeCount);
  }
  return { classes, features: data.features, trees };
}

/** Majority vote of the forest's trees on one sample at `offset`; ties go to the lower class. */
export function predictForest(forest: Forest, images: ArrayLike<number>, offset = 0): number {
  const votes = new Uint32Array(forest.classes);
  for (const tree of forest.trees) votes[predictTree(tree, images, offset)]++;
  let best = 0;
  for (let c = 1; c < votes.length; c++) if (votes[c] > votes[best]) best = c;
  return best;
}
