import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

import { parseIdx, readIdx } from '../src/data/idx.js';
import { defaultMnistDir, loadMnist } from '../src/data/mnist.js';

const TRAIN_LABELS = join(defaultMnistDir(), 'train-labels-idx1-ubyte');

/** A valid little uint8 IDX file with the given dims (values 0, 1, 2, …). */
function idxBytes(dims: number[], typeByte = 0x08, extra = 0): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(4 + 4 * dims.length + count + extra);
  out[2] = typeByte;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) out[4 + 4 * dims.length + i] = i % 256;
  return out;
}

describe('IDX reader', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idx-test-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the real MNIST files with their documented sizes and first labels', async () => {
    const mnist = await loadMnist();
    assert.equal(mnist.train.count, 60000, 'training images');
    assert.equal(mnist.test.count, 10000, 'test images');
    assert.equal(mnist.train.images.length, 60000 * 784, 'training pixels');
    assert.deepEqual(
      [...mnist.train.labels.subarray(0, 5)],
      [5, 0, 4, 1, 9],
      'first training labels (LeCun page)',
    );
    assert.deepEqual([...mnist.test.labels.subarray(0, 3)], [7, 2, 1], 'first test labels');
    const counts = new Array(10).fill(0);
    for (const l of mnist.test.labels) counts[l]++;
    assert.equal(counts[1], 1135, 'test ones');
    assert.equal(counts[5], 892, 'test fives');
  });

  it('reads gzipped files the same as raw ones', async () => {
    const raw = await readFile(TRAIN_LABELS);
    const gz = join(dir, 'labels.gz');
    await writeFile(gz, gzipSync(raw));
    const a = await readIdx(TRAIN_LABELS);
    const b = await readIdx(gz);
    assert.deepEqual(b.dims, a.dims, 'dims');
    assert.deepEqual(Buffer.from(b.data.buffer), Buffer.from(a.data.buffer), 'values');
  });

  it('decodes big-endian multi-byte types', () => {
    const bytes = new Uint8Array([0, 0, 0x0b, 1, 0, 0, 0, 2, 0xff, 0xfe, 0x01, 0x00]);
    assert.deepEqual([...parseIdx(bytes).data], [-2, 256], 'int16 values');
  });

  it('rejects a truncated file, naming the file and both sizes', async () => {
    const raw = await readFile(TRAIN_LABELS);
    const path = join(dir, 'truncated-idx1-ubyte');
    await writeFile(path, raw.subarray(0, raw.length - 10));
    await assert.rejects(readIdx(path), (e: Error) => {
      assert.match(e.message, new RegExp(`${path}: size mismatch`), 'names the file');
      assert.match(
        e.message,
        /60000 uint8 values = 60008 bytes, file has 59998 \(truncated\)/,
        'says how',
      );
      return true;
    });
  });

  it('rejects trailing bytes, a bad magic number, an unknown type and a truncated header', () => {
    assert.throws(
      () => parseIdx(idxBytes([3], 0x08, 2), 'a'),
      /a: size mismatch.*\(trailing bytes\)/,
    );
    const badMagic = idxBytes([3]);
    badMagic[0] = 0x12;
    assert.throws(() => parseIdx(badMagic, 'b'), /b: bad magic number 0x12000801/);
    assert.throws(() => parseIdx(idxBytes([3], 0x07), 'c'), /c: unknown IDX data type 0x07/);
    assert.throws(
      () => parseIdx(idxBytes([3, 4]).subarray(0, 9), 'd'),
      /d: truncated header: 2 dimensions need 12 bytes, file has 9/,
    );
    assert.throws(() => parseIdx(new Uint8Array([0, 0]), 'e'), /e: 2 bytes is too short/);
    assert.throws(
      () => parseIdx(new Uint8Array([0x1f, 0x8b, 1, 2]), 'f'),
      /f: looks gzipped but does not decompress/,
    );
  });

  it('rejects MNIST folders whose files do not belong together', async () => {
    const mixed = await mkdtemp(join(dir, 'mixed-'));
    const src = defaultMnistDir();
    await copyFile(join(src, 'train-images-idx3-ubyte'), join(mixed, 'train-images-idx3-ubyte'));
    await copyFile(join(src, 't10k-labels-idx1-ubyte'), join(mixed, 'train-labels-idx1-ubyte'));
    await copyFile(join(src, 't10k-images-idx3-ubyte'), join(mixed, 't10k-images-idx3-ubyte'));
    await copyFile(join(src, 't10k-labels-idx1-ubyte'), join(mixed, 't10k-labels-idx1-ubyte'));
    await assert.rejects(
      loadMnist(mixed),
      /train-labels-idx1-ubyte: 10000 labels do not match the 60000 images/,
    );
    await writeFile(join(mixed, 'train-labels-idx1-ubyte'), idxBytes([60000]));
    await assert.rejects(loadMnist(mixed), /label 10 at index 10 is not a digit 0–9/);
    await rm(join(mixed, 't10k-images-idx3-ubyte'));
    await assert.rejects(
      loadMnist(mixed),
      /MNIST file t10k-images-idx3-ubyte \(or t10k-images-idx3-ubyte.gz\) not found in .*; pass --data DIR/,
    );
  });
});
