import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** Element types an IDX file may hold (third byte of the magic number). */
export type IdxDataType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** A decoded IDX file: its dimensions and its values in row-major order. */
export interface IdxArray {
  readonly type: IdxDataType;
  readonly dims: readonly number[];
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { type: IdxDataType; bytes: number }> = {
  0x08: { type: 'uint8', bytes: 1 },
  0x09: { type: 'int8', bytes: 1 },
  0x0b: { type: 'int16', bytes: 2 },
  0x0c: { type: 'int32', bytes: 4 },
  0x0d: { type: 'float32', bytes: 4 },
  0x0e: { type: 'float64', bytes: 8 },
};

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Parses IDX bytes (http://yann.lecun.com/exdb/mnist/ format: two zero bytes, a type byte, the
 * number of dimensions, the dimensions as big-endian uint32, then the values, big-endian).
 * `name` only labels error messages.
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  if (bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new Error(
        `${name}: looks gzipped but does not decompress (${(error as Error).message})`,
      );
    }
  }
  if (bytes.length < 4) {
    throw new Error(
      `${name}: ${bytes.length} bytes is too short for an IDX header (needs 4 or more)`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(
      `${name}: bad magic number 0x${hex(bytes, 0, 4)}; an IDX file starts with 0x0000 then type and rank bytes`,
    );
  }
  const kind = TYPES[bytes[2]!];
  if (!kind) {
    throw new Error(
      `${name}: unknown IDX data type 0x${hex(bytes, 2, 1)} (expected one of 08, 09, 0b, 0c, 0d, 0e)`,
    );
  }
  const rank = bytes[3]!;
  if (rank === 0) throw new Error(`${name}: IDX header declares 0 dimensions`);
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new Error(
      `${name}: truncated header: ${rank} dimensions need ${headerBytes} bytes, file has ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * kind.bytes;
  if (bytes.length !== expected) {
    throw new Error(
      `${name}: size mismatch: header says ${dims.join('×')} ${kind.type} values = ${expected} bytes, ` +
        `file has ${bytes.length} (${bytes.length < expected ? 'truncated' : 'trailing bytes'})`,
    );
  }
  return { type: kind.type, dims, data: decode(view, headerBytes, count, kind.type) };
}

/** Reads and validates one IDX file, raw or gzipped (detected from its first bytes). */
export async function readIdx(path: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`cannot read IDX file ${path}: ${(error as Error).message}`);
  }
  return parseIdx(bytes, path);
}

function decode(
  view: DataView,
  offset: number,
  count: number,
  type: IdxDataType,
): IdxArray['data'] {
  const bytes = new Uint8Array(view.buffer, view.byteOffset + offset, count);
  switch (type) {
    case 'uint8':
      return Uint8Array.from(bytes);
    case 'int8':
      return Int8Array.from(bytes, (b) => (b << 24) >> 24);
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i, false));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i, false));
    case 'float32':
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i, false));
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i, false));
  }
}

function hex(bytes: Uint8Array, start: number, length: number): string {
  return Array.from(bytes.subarray(start, start + length), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
