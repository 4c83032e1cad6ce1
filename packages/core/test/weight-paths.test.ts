// The weight paths a model.json lists are read only inside the model's folder (on disk) or on its
// origin (over http); any other path is refused before anything is read. Each case is a model
// whose own weights say 3 in the folder refused paths would leave, beside weights saying 5.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { serveStatic } from '../../../scripts/static-server.mjs';
import { Recognizer } from '../src/index.js';
import { readModelFiles } from '../src/internal/model-loader.js';
import { seven } from './helpers/shapes.js';
import { constantModel, constantTrajectoryModel, saveToTempDir } from './helpers/tiny-model.js';

/** Ten logits, 0 but 3 for `digit`. */
function favour(digit: number): number[] {
  return Array.from({ length: 10 }, (_, k) => (k === digit ? 3 : 0));
}

interface Manifest {
  weightsManifest: { paths: string[]; weights: unknown[] }[];
}

/**
 * Writes `<folder of modelPath>/inner/model.json`: the saved model's, its manifest listing
 * `paths` instead (the first path with all the weights, any others with none).
 */
function listing(modelPath: string, paths: string[]): string {
  const json = JSON.parse(readFileSync(modelPath, 'utf8')) as Manifest;
  const { weights } = json.weightsManifest[0];
  json.weightsManifest = paths.map((path, i) => ({ paths: [path], weights: i ? [] : weights }));
  const inner = join(dirname(modelPath), 'inner');
  mkdirSync(inner, { recursive: true });
  writeFileSync(join(inner, 'model.json'), JSON.stringify(json));
  return join(inner, 'model.json');
}

/** A CNN saying 5 (model.json, weights.bin), with the weights of one saying 3 beside it. */
async function cnnFolder(): Promise<string> {
  const five = await saveToTempDir(constantModel(favour(5)));
  const three = await saveToTempDir(constantModel(favour(3)));
  copyFileSync(join(dirname(three), 'weights.bin'), join(dirname(five), 'threes.bin'));
  return five;
}

/** listing() of the CNN of cnnFolder(), with the weights saying 3 at each path of `fill`. */
function cnnListing(five: string, paths: string[], fill: string[] = []): string {
  const inner = join(dirname(five), 'inner');
  for (const file of fill) {
    mkdirSync(dirname(join(inner, file)), { recursive: true });
    copyFileSync(join(dirname(five), 'threes.bin'), join(inner, file));
  }
  return listing(five, paths);
}

const refused = (modelUrl: string, what: string, path: string, listedIn: string, why: string) =>
  `Could not load the ${what} from ${modelUrl}: refused weight path ${JSON.stringify(path)} listed in ${listedIn}: it ${why}`;

describe('weight paths on disk', () => {
  let threeCnn: string;
  before(async () => {
    threeCnn = await saveToTempDir(constantModel(favour(3)));
  });

  it('refuses a path out of the folder of model.json, before reading it', async () => {
    const five = await cnnFolder();
    const outside = join(dirname(five), 'weights.bin');
    // Each names weights.bin beside inner/: real weights of the right size, so a read loads.
    const escapes = [
      '../weights.bin',
      'sub/../../weights.bin',
      `${'../'.repeat(40)}${outside.slice(1)}`,
    ];
    for (const path of escapes) {
      const modelUrl = cnnListing(five, [path]);
      await assert.rejects(Recognizer.load({ modelUrl, backend: 'cpu' }), {
        message: refused(
          modelUrl,
          'digit model',
          path,
          modelUrl,
          `leads out of ${dirname(modelUrl)}`,
        ),
      });
    }
  });

  it("refuses a path out of the trajectory model's folder too", async () => {
    const trajectory = await saveToTempDir(constantTrajectoryModel(favour(5)));
    const trajectoryModelUrl = listing(trajectory, ['../weights.bin']);
    await assert.rejects(Recognizer.load({ modelUrl: threeCnn, trajectoryModelUrl }), {
      message: refused(
        trajectoryModelUrl,
        'trajectory model',
        '../weights.bin',
        trajectoryModelUrl,
        `leads out of ${dirname(trajectoryModelUrl)}`,
      ),
    });
  });

  it('refuses absolute paths and URLs, even to the folder itself', async () => {
    const five = await cnnFolder();
    const inside = join(dirname(five), 'inner', 'weights.bin');
    for (const path of [
      join(dirname(five), 'weights.bin'),
      inside,
      pathToFileURL(inside).href,
      'https://example.com/weights.bin',
    ]) {
      const modelUrl = cnnListing(five, [path], ['weights.bin']);
      await assert.rejects(Recognizer.load({ modelUrl }), {
        message: refused(
          modelUrl,
          'digit model',
          path,
          modelUrl,
          'is absolute, not relative to it',
        ),
      });
    }
  });

  it('reads the weight files in and under the folder, after normalising the path', async () => {
    const five = await cnnFolder();
    for (const path of ['weights.bin', './weights.bin', 'sub/weights.bin', 'sub/../weights.bin']) {
      const modelUrl = cnnListing(five, [path], ['weights.bin', 'sub/weights.bin']);
      const r = await Recognizer.load({ modelUrl, backend: 'cpu' });
      assert.equal((await r.predict(seven)).digit, 3, `${path}: the weights inside`);
      r.dispose();
    }
  });

  it('reads a manifest path as a path, as tfjs-node does: %2e%2e names a folder inside', async () => {
    const five = await cnnFolder();
    const modelUrl = cnnListing(five, ['%2e%2e/weights.bin'], ['%2e%2e/weights.bin']);
    const r = await Recognizer.load({ modelUrl, backend: 'cpu' });
    assert.equal((await r.predict(seven)).digit, 3, 'inner/%2e%2e/weights.bin, not ../weights.bin');
    r.dispose();
  });
});

describe('weight paths over http', () => {
  let five: string;
  let server: { origin: string; close(): Promise<void> };
  let other: { origin: string; close(): Promise<void> };
  /** The paths each server was asked for. */
  const asked: Record<'model' | 'other', string[]> = { model: [], other: [] };
  const logTo =
    (list: string[]) => async (context: { path: string }, next: () => Promise<void>) => {
      list.push(context.path);
      await next();
    };

  before(async () => {
    five = await cnnFolder();
    server = await serveStatic(dirname(five), { middleware: [logTo(asked.model)] });
    other = await serveStatic(dirname(five), { middleware: [logTo(asked.other)], cors: true });
  });
  after(async () => {
    await server.close();
    await other.close();
  });
  afterEach(() => {
    asked.model.length = 0;
    asked.other.length = 0;
  });

  it('refuses absolute paths, other origins and file: URLs, before any request', async () => {
    const modelUrl = `${server.origin}/inner/model.json`;
    const host = other.origin.slice('http://'.length);
    const absolute = 'is absolute, not relative to it';
    const cases: [string, string][] = [
      [`${other.origin}/weights.bin`, absolute],
      [`//${host}/weights.bin`, absolute],
      [` //${host}/weights.bin`, absolute],
      [pathToFileURL(join(dirname(five), 'weights.bin')).href, absolute],
      ['/weights.bin', absolute],
      // A URL parser drops tabs anywhere and control characters in front: these are
      // http://<other>/weights.bin and //<other>/weights.bin.
      [`ht\ttp://${host}/weights.bin`, `leads out of ${server.origin}`],
      [`\x01//${host}/weights.bin`, `leads out of ${server.origin}`],
    ];
    for (const [path, why] of cases) {
      cnnListing(five, [path]);
      await assert.rejects(Recognizer.load({ modelUrl }), {
        message: refused(modelUrl, 'digit model', path, modelUrl, why),
      });
    }
    assert.deepEqual(asked.other, [], 'nothing asked of the other origin');
    assert.ok(
      asked.model.every((path) => path === '/inner/model.json'),
      `only model.json was read: ${asked.model}`,
    );
  });

  it('checks every weight path before reading the first', async () => {
    const modelUrl = `${server.origin}/inner/model.json`;
    const path = `${other.origin}/weights.bin`;
    cnnListing(five, ['weights.bin', path], ['weights.bin']);
    await assert.rejects(Recognizer.load({ modelUrl }), {
      message: refused(modelUrl, 'digit model', path, modelUrl, 'is absolute, not relative to it'),
    });
    assert.deepEqual(asked.model, ['/inner/model.json'], 'no weight file read');
  });

  it('reads relative paths on the origin, normalised as fetch() does', async () => {
    const modelUrl = `${server.origin}/inner/model.json`;
    const cases: [string, number][] = [
      ['weights.bin', 3],
      ['./weights.bin', 3],
      ['sub/weights.bin', 3],
      ['sub/../weights.bin', 3],
      // Up out of the folder but on the model's origin: its server decides what it serves.
      ['../weights.bin', 5],
      ['%2e%2e/%2e%2e/weights.bin', 5],
    ];
    for (const [path, digit] of cases) {
      cnnListing(five, [path], ['weights.bin', 'sub/weights.bin']);
      const r = await Recognizer.load({ modelUrl, backend: 'cpu' });
      assert.equal((await r.predict(seven)).digit, digit, path);
      r.dispose();
    }
  });
});

describe('weight paths of a file: model fetched in a browser', () => {
  // A page from file: (Electron, say) has no origin to keep to: its model keeps to its folder.
  it('keeps to the folder of model.json, with dot segments and encoded slashes', async () => {
    const five = await cnnFolder();
    const read: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (url) => {
      read.push(String(url));
      return new Response(readFileSync(fileURLToPath(String(url))));
    };
    try {
      const href = pathToFileURL(join(dirname(five), 'inner', 'model.json')).href;
      const folder = new URL('./', href).href;
      for (const path of ['../weights.bin', '%2e%2e/weights.bin', '..%2fweights.bin']) {
        cnnListing(five, [path]);
        await assert.rejects(readModelFiles({ href, filePath: null }), {
          message: `refused weight path ${JSON.stringify(path)} listed in ${href}: it leads out of ${folder}`,
        });
      }
      assert.deepEqual(new Set(read), new Set([href]), 'only model.json was read');
      cnnListing(five, ['sub/../weights.bin'], ['weights.bin']);
      const files = await readModelFiles({ href, filePath: null });
      assert.equal(files.weightData.byteLength, 784 * 10 * 4 + 10 * 4, 'inner/weights.bin read');
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
