import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

import { grayPng } from '../src/reports/png.js';

const gallery = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../reports/cnn/misclassified.svg',
);

/** The chunks of a PNG, each with its stored CRC. */
function chunks(png: Uint8Array): { type: string; data: Buffer; crc: number }[] {
  const bytes = Buffer.from(png);
  const out = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    out.push({
      type,
      data: bytes.subarray(at + 8, at + 8 + length),
      crc: bytes.readUInt32BE(at + 8 + length),
    });
    at += 12 + length;
  }
  return out;
}

describe('grayPng', () => {
  it('writes the same bytes as with its former hand-written CRC table', () => {
    const pixels = Uint8Array.from({ length: 28 * 28 }, (_, i) => (i * 37 + (i >> 3)) % 256);
    const png = grayPng(pixels, 28, 28);
    // Recorded from the hand-written CRC-32 table that node:zlib's crc32 replaced.
    assert.equal(png.length, 706);
    assert.equal(
      createHash('sha256').update(png).digest('hex'),
      'ba5c6dd7bb324f340184cf70517fa84f47a63ef1219c79859af9caf5d17bac52',
    );
    // IEND has no data: its CRC is the CRC-32 of "IEND" alone, the same in every PNG.
    assert.equal(chunks(png).at(-1)?.crc, 0xae426082);
  });

  it('re-encodes the digits of the committed gallery byte for byte', () => {
    const svg = readFileSync(gallery, 'utf8');
    const embedded = [...svg.matchAll(/data:image\/png;base64,([A-Za-z0-9+/=]+)/g)];
    assert.ok(embedded.length > 0, `${gallery} embeds PNGs`);
    for (const [, base64] of embedded) {
      const committed = Buffer.from(base64!, 'base64');
      const parts = chunks(committed);
      assert.deepEqual(
        parts.map((c) => c.type),
        ['IHDR', 'IDAT', 'IEND'],
      );
      const width = parts[0]!.data.readUInt32BE(0);
      const height = parts[0]!.data.readUInt32BE(4);
      const raw = inflateSync(parts[1]!.data);
      // Each row is a filter byte (0: none) and its pixels.
      const pixels = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) {
        assert.equal(raw[y * (width + 1)], 0, 'filter type none');
        pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
      }
      assert.deepEqual(Buffer.from(grayPng(pixels, width, height)), committed);
    }
  });

  it('refuses pixels that do not make the image', () => {
    assert.throws(() => grayPng(new Uint8Array(5), 2, 2), {
      name: 'RangeError',
      message: 'grayPng: 5 pixels do not make a 2×2 image',
    });
  });
});
