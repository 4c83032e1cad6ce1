// Types only: reading a model loads no TensorFlow.js (the `cpu` path runs without it).
import type { io } from '@tensorflow/tfjs-core';

import { importNodeBuiltin } from './environment.js';
import { errorMessage } from './error-message.js';

/**
 * @internal Where a model is read from: its `model.json` (an http(s) URL, or a file on disk in
 * Node) and, optionally, where each weight file named in its manifest really is. The shipped
 * model names its weight files statically (see model-url.ts), because a bundler that hashes and
 * moves `model.json` does not know that the weights it lists must move too.
 */
export interface ModelSource {
  /** The `model.json`, as printed in messages and used as the cache key. */
  readonly href: string;
  /** Set in Node for a file path or `file:` URL: read from disk instead of fetching. */
  readonly filePath: string | null;
  /** Manifest path → URL, for weight files that do not sit beside `model.json`. */
  readonly weightUrls?: Readonly<Record<string, string>>;
}

interface NodeFs {
  readFile(path: string): Promise<Uint8Array>;
}
interface NodePath {
  readonly sep: string;
  dirname(path: string): string;
  resolve(...paths: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(path: string): boolean;
}

/** Reads one file of a model; throws the bare reason, which the caller puts in context. */
type FileReader = (location: string) => Promise<Uint8Array>;

async function fetchFile(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    // A CORS refusal and an unreachable host both land here (the browser gives no detail).
    throw new Error(
      `the request failed (${errorMessage(err)}); check the URL, and that a server on another origin sends Access-Control-Allow-Origin`,
    );
  }
  if (!response.ok) {
    throw new Error(
      `the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function diskReader(): Promise<{ read: FileReader; path: NodePath }> {
  const fs = await importNodeBuiltin<NodeFs>('node:fs/promises');
  const path = await importNodeBuiltin<NodePath>('node:path');
  return { read: (file) => fs.readFile(file), path };
}

/** Where a weight path of the manifest is read from; throws when it may not be read. */
type WeightLocator = (file: string) => string;

/**
 * A scheme (`https:`, `file:`, the drive of `C:\`) or a leading slash or backslash, after the
 * spaces a URL parser drops: what makes a weight path absolute. The control characters it drops
 * too cannot sneak one past: the locators check where the path resolves to.
 */
const ABSOLUTE_PATH = /^\s*(?:[a-z][a-z0-9+.-]*:|[/\\])/i;

function refusal(file: string, modelLocation: string, why: string): Error {
  return new Error(
    `refused weight path ${JSON.stringify(file)} listed in ${modelLocation}: it ${why}`,
  );
}

/**
 * Weight paths are relative to model.json: a model file from elsewhere must not make the loader
 * read other files of the disk or send requests to other servers.
 */
function relativeOnly(locate: WeightLocator, modelLocation: string): WeightLocator {
  return (file) => {
    if (ABSOLUTE_PATH.test(file)) {
      throw refusal(file, modelLocation, 'is absolute, not relative to it');
    }
    return locate(file);
  };
}

/**
 * On disk, a file in or under the folder of model.json. The path is read as tfjs-node reads it,
 * not percent-decoded: `%2e%2e` is a folder of that name.
 */
function diskLocator(modelPath: string, path: NodePath): WeightLocator {
  const folder = path.dirname(path.resolve(modelPath));
  return (file) => {
    const location = path.resolve(folder, file);
    const inside = path.relative(folder, location);
    if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
      throw refusal(file, modelPath, `leads out of ${folder}`);
    }
    return location;
  };
}

/** Where a fetched model may read its weight files, as printed in a refusal, and the check. */
interface UrlBound {
  readonly name: string;
  holds(url: URL): boolean;
}

/**
 * Over http(s), the origin of model.json: its server decides what it serves there. A model
 * without an origin (a `file:` URL in a browser) keeps to its folder, as on disk.
 */
function urlBound(model: URL): UrlBound {
  if (model.origin !== 'null') {
    return { name: model.origin, holds: (url) => url.origin === model.origin };
  }
  const folder = new URL('./', model).href;
  return {
    name: folder,
    // The URL parser has resolved `..` and `%2e%2e`; an encoded slash would become a step up
    // only when the file is opened.
    holds: (url) => url.href.startsWith(folder) && !/%2f|%5c/i.test(url.href.slice(folder.length)),
  };
}

/** A fetched model's weight files: within its {@link urlBound}, or where model-url.ts says. */
function urlLocator(source: ModelSource): WeightLocator {
  // A relative model URL ('/model/model.json') is relative to the page, as fetch reads it.
  const model = new URL(source.href, globalThis.location?.href);
  const bound = urlBound(model);
  const mapped = source.weightUrls ?? {};
  return (file) => {
    // The shipped model's own files, wherever a bundler put them.
    if (Object.hasOwn(mapped, file)) return mapped[file];
    const url = new URL(file, model);
    if (!bound.holds(url)) throw refusal(file, source.href, `leads out of ${bound.name}`);
    return url.href;
  };
}

const BYTES_PER_VALUE: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Bytes a weight group's files must hold together, from its manifest entries. */
function expectedBytes(group: io.WeightsManifestConfig[number]): number {
  let total = 0;
  for (const weight of group.weights) {
    const values = weight.shape.reduce((a, b) => a * b, 1);
    const stored = weight.quantization?.dtype ?? weight.dtype;
    total += values * (BYTES_PER_VALUE[stored] ?? 4);
  }
  return total;
}

function parseModelJson(bytes: Uint8Array, where: string): io.ModelJSON {
  const text = new TextDecoder().decode(bytes);
  let json: io.ModelJSON;
  try {
    json = JSON.parse(text) as io.ModelJSON;
  } catch {
    // The start of the body tells a truncated file from an HTML page served in its place.
    throw new Error(
      `${where} is not valid JSON: its ${bytes.byteLength} bytes start with ${JSON.stringify(text.slice(0, 24))}`,
    );
  }
  if (typeof json !== 'object' || json === null || !json.modelTopology) {
    throw new Error(`${where} has no modelTopology: not a tfjs LayersModel model.json`);
  }
  if (!Array.isArray(json.weightsManifest)) {
    throw new Error(`${where} has no weightsManifest array`);
  }
  return json;
}

/** One ArrayBuffer holding `parts` end to end (a copy: file reads may share a pooled buffer). */
function concat(parts: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out.buffer;
}

/** @internal A model's `model.json` and its weights, read and checked, in memory. */
export interface ModelFiles {
  readonly json: io.ModelJSON;
  /** Every weight of every group of the manifest, in order. */
  readonly weightSpecs: io.WeightsManifestEntry[];
  /** The weight files' bytes, in the order of `weightSpecs`, end to end. */
  readonly weightData: ArrayBuffer;
}

/**
 * @internal Reads the `model.json` of `source` and its weight files: fetched, or in Node read
 * from disk. Unlike tfjs's own http handler it checks each response's status and each weight
 * group's size, so a 404 page or a truncated download is reported with the file and the reason
 * instead of as a tensor of the wrong size.
 */
export async function readModelFiles(source: ModelSource): Promise<ModelFiles> {
  const disk = source.filePath !== null ? await diskReader() : null;
  const read: FileReader = disk ? disk.read : fetchFile;
  const modelLocation = source.filePath ?? source.href;
  let modelBytes: Uint8Array;
  try {
    modelBytes = await read(modelLocation);
  } catch (err) {
    throw new Error(`cannot read ${modelLocation}: ${errorMessage(err)}`);
  }
  const json = parseModelJson(modelBytes, modelLocation);
  const readWeights = async (location: string): Promise<Uint8Array> => {
    try {
      return await read(location);
    } catch (err) {
      throw new Error(
        `weight file ${location} (listed in ${modelLocation}) cannot be read: ${errorMessage(err)}`,
      );
    }
  };
  const locate = relativeOnly(
    disk ? diskLocator(modelLocation, disk.path) : urlLocator(source),
    modelLocation,
  );
  // Every path is checked before the first weight file is read.
  const groupLocations = json.weightsManifest.map((group) => group.paths.map(locate));
  const weightSpecs: io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const [i, group] of json.weightsManifest.entries()) {
    const locations = groupLocations[i];
    const files = await Promise.all(locations.map(readWeights));
    const got = files.reduce((n, p) => n + p.byteLength, 0);
    const expected = expectedBytes(group);
    if (got !== expected) {
      throw new Error(
        `weight file ${locations.join(' + ')} holds ${got} bytes, but ${modelLocation} lists ${expected} bytes of weights for it: a truncated or wrong file`,
      );
    }
    weightSpecs.push(...group.weights);
    parts.push(...files);
  }
  return { json, weightSpecs, weightData: concat(parts) };
}
