import type { Forest } from './forest.js';
import type { Tree } from './histogram-tree.js';

/** File signature: "DCTF" (digit-canvas tree forest). */
const MAGIC = 0x46544344;
const VERSION = 1;
const HEADER_BYTES = 16;
/** Bytes per node: int16 feature, uint8 value, int32 right child. */
export const NODE_BYTES = 7;

/**
 * Encodes a forest (or a single tree as a forest of one) as compact little-endian binary:
 * a 16-byte header (magic, version, classes, features, tree count), then per tree its node count
 * followed by its feature (int16), value (uint8) and right-child (int32) arrays.
 */
export function encodeForest(forest: Forest): Uint8Array {
  const nodes = forest.trees.reduce((sum, t) => sum + t.feature.length, 0);
  const bytes = new Uint8Array(HEADER_BYTES + 4 * forest.trees.length + NODE_BYTES * nodes);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, VERSION, true);
  view.setUint16(6, forest.classes, true);
  view.setUint32(8, forest.features, true);
  view.setUint32(12, forest.trees.length, true);
  let at = HEADER_BYTES;
  for (const tree of forest.trees) {
    const n = tree.feature.length;
    view.setUint32(at, n, true);
    at += 4;
    for (let i = 0; i < n; i++, at += 2) view.setInt16(at, tree.feature[i], true);
    bytes.set(tree.value, at);
    at += n;
    for (let i = 0; i < n; i++, at += 4) view.setInt32(at, tree.right[i], true);
  }
  return bytes;
}

function fail(where: string, what: string): never {
  throw new RangeError(`not a valid digit-canvas tree model: ${where}: ${what}`);
}

/** Checks that every split points at nodes inside the tree and every value is in range. */
function checkTree(tree: Tree, index: number, forest: { classes: number; features: number }): void {
  const n = tree.feature.length;
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i];
    if (f === -1) {
      if (tree.value[i] >= forest.classes) {
        fail(`tree ${index} node ${i}`, `leaf class ${tree.value[i]} >= ${forest.classes} classes`);
      }
    } else if (f < 0 || f >= forest.features) {
      fail(`tree ${index} node ${i}`, `feature ${f} >= ${forest.features} features`);
    } else if (i + 1 >= n || tree.right[i] <= i + 1 || tree.right[i] >= n) {
      fail(`tree ${index} node ${i}`, `children ${i + 1} and ${tree.right[i]} outside 0..${n - 1}`);
    }
  }
}

/** Decodes what {@link encodeForest} wrote; throws saying where the bytes are malformed. */
export function decodeForest(bytes: Uint8Array): Forest {
  if (bytes.length < HEADER_BYTES) fail('header', `${bytes.length} bytes, need ${HEADER_BYTES}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) fail('header', 'wrong signature (expected "DCTF")');
  const version = view.getUint16(4, true);
  if (version !== VERSION) fail('header', `version ${version}, this reader knows ${VERSION}`);
  const classes = view.getUint16(6, true);
  const features = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  if (classes < 2 || features < 1 || count < 1) {
    fail('header', `classes ${classes}, features ${features}, trees ${count}`);
  }
  const trees: Tree[] = [];
  let at = HEADER_BYTES;
  for (let t = 0; t < count; t++) {
    if (at + 4 > bytes.length) fail(`tree ${t}`, 'file ends before its node count');
    const n = view.getUint32(at, true);
    at += 4;
    if (n < 1 || at + n * NODE_BYTES > bytes.length) {
      fail(`tree ${t}`, `${n} nodes do not fit in the ${bytes.length - at} bytes left`);
    }
    const feature = new Int16Array(n);
    for (let i = 0; i < n; i++, at += 2) feature[i] = view.getInt16(at, true);
    const value = bytes.slice(at, at + n);
    at += n;
    const right = new Int32Array(n);
    for (let i = 0; i < n; i++, at += 4) right[i] = view.getInt32(at, true);
    const tree = { feature, value, right };
    checkTree(tree, t, { classes, features });
    trees.push(tree);
  }
  if (at !== bytes.length) fail('end', `${bytes.length - at} bytes after the last tree`);
  return { classes, features, trees };
}
