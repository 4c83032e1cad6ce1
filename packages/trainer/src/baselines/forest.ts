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
  /** Number of classes (default 10; a literal for the reason given in histogram-tree.ts). */
  readonly classes?: number;
  /** Called after each tree is fitted, e.g. to advance a progress bar. */
  readonly onTree?: (fitted: number, total: number) => void;
}

/** The forest settings after defaults, as one tree of it needs them. */
export interface ForestTreeSettings {
  readonly classes: number;
  readonly maxFeatures: number;
  readonly maxDepth: number | undefined;
}

/** Fills in the defaults of `options` for `data` and checks them. */
export function forestSettings(
  data: FeatureMatrix,
  options: ForestOptions,
): ForestTreeSettings & { trees: number; seed: number } {
  const trees = options.trees ?? 100;
  if (!Number.isInteger(trees) || trees < 1) {
    throw new RangeError(`trees must be a positive integer, got ${trees}`);
  }
  return {
    trees,
    seed: options.seed ?? 1,
    classes: options.classes ?? 10,
    maxFeatures: options.maxFeatures ?? Math.max(1, Math.round(Math.sqrt(data.features))),
    maxDepth: options.maxDepth,
  };
}

/**
 * One seed per tree, drawn from the forest's seed. Each tree then depends only on its own seed,
 * so the forest is the same whether its trees are fitted one after another or in parallel.
 */
export function treeSeeds(seed: number, trees: number): number[] {
  const rng = new Random(seed);
  return Array.from({ length: trees }, () => Math.floor(rng.next() * 4294967296));
}

/**
 * Fits one tree of a random forest (Breiman): a bootstrap sample of the training set (n draws
 * with replacement, kept as integer weights) and `maxFeatures` random features per split.
 */
export function fitForestTree(
  data: FeatureMatrix,
  labels: Uint8Array,
  seed: number,
  settings: ForestTreeSettings,
): Tree {
  const rng = new Random(seed);
  const random = (): number => rng.next();
  const weights = new Uint16Array(data.count);
  for (let i = 0; i < data.count; i++) weights[Math.floor(random() * data.count)]++;
  return fitTree(data, labels, { ...settings, random, weights });
}

/** Fits a random forest on this thread; see `fitForestInParallel` for the same on workers. */
export function fitForest(
  data: FeatureMatrix,
  labels: Uint8Array,
  options: ForestOptions = {},
): Forest {
  const settings = forestSettings(data, options);
  const trees = treeSeeds(settings.seed, settings.trees).map((seed, t) => {
    const tree = fitForestTree(data, labels, seed, settings);
    options.onTree?.(t + 1, settings.trees);
    return tree;
  });
  return { classes: settings.classes, features: data.features, trees };
}

/** Majority vote of the forest's trees on one sample at `offset`; ties go to the lower class. */
export function predictForest(forest: Forest, images: ArrayLike<number>, offset = 0): number {
  const votes = new Uint32Array(forest.classes);
  for (const tree of forest.trees) votes[predictTree(tree, images, offset)]++;
  let best = 0;
  for (let c = 1; c < votes.length; c++) if (votes[c] > votes[best]) best = c;
  return best;
}
