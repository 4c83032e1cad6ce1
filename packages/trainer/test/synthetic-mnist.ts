import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Random } from '../src/random.js';

/** An IDX file of unsigned bytes: magic 0x0000_08<rank>, big-endian dimensions, the data. */
function idx(dims: number[], data: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint32(0, 0x0800 | dims.length);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.byteLength + data.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(data, header.byteLength);
  return out;
}

/**
 * Writes a tiny MNIST look-alike into `dir` (the four IDX files `--data DIR` reads): `train`
 * and `test` images of seeded noise with seeded labels, so that any model trained on it scores
 * near chance (10%), far below export's accuracy floor, and a command runs in seconds.
 */
export async function writeSyntheticMnist(dir: string, train = 48, test = 20): Promise<void> {
  const random = new Random(11);
  const split = (count: number) => ({
    images: Uint8Array.from({ length: count * 784 }, () =>
      random.next() < 0.2 ? Math.floor(random.uniform(0, 256)) : 0,
    ),
    labels: Uint8Array.from({ length: count }, () => Math.floor(random.uniform(0, 10))),
  });
  await mkdir(dir, { recursive: true });
  for (const [prefix, count] of [
    ['train', train],
    ['t10k', test],
  ] as const) {
    const { images, labels } = split(count);
    await writeFile(join(dir, `${prefix}-images-idx3-ubyte`), idx([count, 28, 28], images));
    await writeFile(join(dir, `${prefix}-labels-idx1-ubyte`), idx([count], labels));
  }
}
