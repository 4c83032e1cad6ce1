// The Recognizer with both views: a tiny CNN and a tiny trajectory model, each saved to a temp dir,
// so strokes are read by both and fused, and images and arrays by the CNN alone. No real weights.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import { serveStatic } from '../../../scripts/static-server.mjs';
import {
  DEFAULT_MODEL_URL,
  DEFAULT_RECOGNIZER_CONFIG,
  DEFAULT_TRAJECTORY_MODEL_URL,
  defaultModelUrl,
  fuseViews,
  preprocessStrokes,
  Recognizer,
  TRAJECTORY_CHANNELS,
  trajectoryFeatures,
  validateRecognizerConfig,
  type Prediction,
  type Stroke,
} from '../src/index.js';
import { JS_MODEL_ACTIVATIONS, JS_MODEL_LAYERS } from '../src/inference/js-model.js';
import { one, seven, writeNumber, zero } from './helpers/shapes.js';
import {
  constantModel,
  constantTrajectoryModel,
  linearTrajectoryModel,
  oneOrZeroModel,
  saveToTempDir,
} from './helpers/tiny-model.js';

/** softmax(`logits`), in float64. */
function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** Ten logits, 0 but for `digit`. */
function favour(digit: number, logit: number): number[] {
  return Array.from({ length: 10 }, (_, k) => (k === digit ? logit : 0));
}

function assertClose(actual: readonly number[], expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const worst = actual.reduce((max, v, i) => Math.max(max, Math.abs(v - expected[i])), 0);
  assert.ok(worst < 1e-5, `${what}: differs by up to ${worst}\n${actual}\n${expected}`);
}

/** The prediction's probabilities are its two views fused, each view what its model says. */
function assertFused(p: Prediction, image: number[], trajectory: number[], what: string): void {
  assertClose(p.views.image, image, `${what}: views.image`);
  assert.ok(p.views.trajectory, `${what}: the trajectory model ran`);
  assertClose(p.views.trajectory, trajectory, `${what}: views.trajectory`);
  assertClose(p.probabilities, fuseViews(image, trajectory), `${what}: probabilities fused`);
  const best = p.probabilities.indexOf(Math.max(...p.probabilities));
  assert.equal(p.digit, best, `${what}: digit is the fused first choice`);
  assert.equal(p.confidence, p.probabilities[best], `${what}: confidence`);
}

/** The CNN alone read the input: no trajectory view, nothing fused. */
function assertImageOnly(p: Prediction, image: number[], what: string): void {
  assertClose(p.views.image, image, `${what}: views.image`);
  assert.equal(p.views.trajectory, null, `${what}: no trajectory view`);
  assertClose(p.probabilities, image, `${what}: the CNN's probabilities`);
  assert.equal(p.decidedBy, 'image', `${what}: decided by the image`);
}

// The CNN always says 3 (e³ / (e³ + 9) ≈ 0.69), unless a test loads another.
const THREE = favour(3, 3);
const IMAGE_THREE = softmax(THREE);

/**
 * Logit 1 grows with the downward travel (Σ dy), logit 7 with the rightward (Σ dx): a linear
 * model that reads the features, so the test can check which strokes reached it.
 */
const DY = 3;
const DX = 2;
function directionKernel(k: number, i: number): number {
  if (k === 1 && i % TRAJECTORY_CHANNELS === DY) return 0.2;
  if (k === 7 && i % TRAJECTORY_CHANNELS === DX) return 0.2;
  return 0;
}
function directionView(strokes: Stroke[]): number[] {
  const f = trajectoryFeatures(strokes);
  const logits = new Array<number>(10).fill(0);
  f.forEach((v, i) => {
    logits[1] += directionKernel(1, i) * v;
    logits[7] += directionKernel(7, i) * v;
  });
  return softmax(logits);
}

describe('Recognizer with a trajectory model', () => {
  let threePath: string;
  let oneZeroPath: string;
  /** The trajectory model says 3 too, surer than the CNN. */
  let agreesPath: string;
  /** The trajectory model says 5, so sure that the fused answer is 5. */
  let overrulesPath: string;
  /** The trajectory model leans to 5, not enough to outweigh the CNN's 3. */
  let leansPath: string;
  let directionPath: string;

  before(async () => {
    threePath = await saveToTempDir(constantModel(THREE));
    oneZeroPath = await saveToTempDir(oneOrZeroModel());
    agreesPath = await saveToTempDir(constantTrajectoryModel(favour(3, 5)));
    overrulesPath = await saveToTempDir(constantTrajectoryModel(favour(5, 8)));
    leansPath = await saveToTempDir(constantTrajectoryModel(favour(5, 1)));
    directionPath = await saveToTempDir(
      linearTrajectoryModel(directionKernel, new Array(10).fill(0)),
    );
  });

  it('fuses the two views for strokes, and says which view decided', async () => {
    const cases: [string, () => string, number[], number, Prediction['decidedBy']][] = [
      ['both say 3', () => agreesPath, favour(3, 5), 3, 'both'],
      ['the pen path is sure of 5', () => overrulesPath, favour(5, 8), 5, 'trajectory'],
      ['the pen path leans to 5', () => leansPath, favour(5, 1), 3, 'image'],
    ];
    for (const [what, path, bias, digit, decidedBy] of cases) {
      const r = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: path() });
      assert.equal(r.trajectoryModelUrl, path(), `${what}: trajectoryModelUrl`);
      const p = await r.predict(seven);
      assertFused(p, IMAGE_THREE, softmax(bias), what);
      assert.equal(p.digit, digit, `${what}: digit`);
      assert.equal(p.decidedBy, decidedBy, `${what}: decidedBy`);
      assert.deepEqual(p.input, preprocessStrokes(seven), `${what}: input is the 28×28 image`);
      r.dispose();
    }
  });

  it('gives the trajectory model the pen path of the strokes', async () => {
    const r = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: directionPath });
    const down = [
      [
        { x: 5, y: 0 },
        { x: 5, y: 50 },
        { x: 6, y: 100 },
      ],
    ];
    const right = [
      [
        { x: 0, y: 5 },
        { x: 100, y: 6 },
      ],
    ];
    for (const [what, strokes] of [
      ['a stroke down', down],
      ['a stroke to the right', right],
      ['a 7', seven],
    ] as const) {
      assertFused(await r.predict(strokes), IMAGE_THREE, directionView(strokes), what);
    }
    const p = await r.predict(down);
    assert.ok(p.views.trajectory![1] > 0.99, `a stroke down reads as 1: ${p.views.trajectory}`);
    r.dispose();
  });

  it('reads images and 28×28 arrays with the CNN alone', async () => {
    const r = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: overrulesPath });
    // A dark bar on white paper.
    const image = {
      data: Uint8Array.from({ length: 16 * 16 }, (_, i) => (i % 16 >= 7 && i % 16 <= 8 ? 0 : 255)),
      width: 16,
      height: 16,
    };
    assertImageOnly(await r.predict(preprocessStrokes(seven)), IMAGE_THREE, 'a 28×28 array');
    assertImageOnly(await r.predict(image), IMAGE_THREE, 'a grey image');
    const fromArray = await r.recognize(preprocessStrokes(seven));
    assert.equal(fromArray.value, '3', 'recognize an array: the CNN alone');
    assert.equal(fromArray.digits[0].views.trajectory, null, 'recognize an array: no trajectory');
    r.dispose();
  });

  it('predictBatch fuses the drawn inputs only, in input order', async () => {
    const r = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: overrulesPath });
    const batch = await r.predictBatch([seven, preprocessStrokes(seven), [], one]);
    assertFused(batch[0], IMAGE_THREE, softmax(favour(5, 8)), 'inputs[0], strokes');
    assertImageOnly(batch[1], IMAGE_THREE, 'inputs[1], an array');
    assert.equal(batch[2].digit, null, 'inputs[2], empty: no digit');
    assert.equal(batch[2].decidedBy, null, 'inputs[2], empty: decided by no view');
    assert.equal(batch[2].views.trajectory, null, 'inputs[2], empty: no trajectory view');
    assert.deepEqual(batch[2].probabilities, new Array(10).fill(0), 'inputs[2], empty: zeros');
    assertFused(batch[3], IMAGE_THREE, softmax(favour(5, 8)), 'inputs[3], strokes');
    assert.deepEqual(
      batch.map((p) => p.digit),
      [5, 3, null, 5],
      'digits in input order',
    );
    r.dispose();
  });

  it('recognize with multiple fuses each digit with its own strokes', async () => {
    const r = await Recognizer.load({ modelUrl: oneZeroPath, trajectoryModelUrl: directionPath });
    const plain = await Recognizer.load({ modelUrl: oneZeroPath, trajectoryModelUrl: null });
    const strokes = writeNumber([one, zero, one]);
    const n = await r.recognize(strokes, { multiple: true });
    const imageOnly = await plain.recognize(strokes, { multiple: true });
    assert.equal(n.digits.length, 3, 'three digits');
    assert.equal(n.groups.length, 3, 'three stroke groups');
    n.digits.forEach((digit, i) => {
      assertFused(
        digit,
        imageOnly.digits[i].probabilities,
        directionView(n.groups[i]),
        `digit ${i}`,
      );
    });
    const number = await r.predictNumber(strokes);
    assert.deepEqual(
      number.digits.map((d) => d.probabilities),
      n.digits.map((d) => d.probabilities),
      'predictNumber fuses as recognize does',
    );
    const single = await r.recognize(seven);
    assertFused(
      single.digits[0],
      (await plain.predict(seven)).probabilities,
      directionView(seven),
      'one digit',
    );
    assert.deepEqual(single.probabilities, single.digits[0].probabilities, "the digit's, fused");
    r.dispose();
    plain.dispose();
  });

  it('reads strokes with the CNN alone when trajectoryModelUrl is null', async () => {
    const r = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: null });
    assert.equal(r.trajectoryModelUrl, null, 'no trajectory model');
    assertImageOnly(await r.predict(seven), IMAGE_THREE, 'strokes');
    const n = await r.recognize(writeNumber([one, zero]), { multiple: true });
    n.digits.forEach((d, i) => assertImageOnly(d, IMAGE_THREE, `digit ${i} of a number`));
    r.dispose();
  });

  it('reads strokes with the CNN alone when only a custom modelUrl is given', async () => {
    const r = await Recognizer.load({ modelUrl: threePath });
    assert.equal(r.trajectoryModelUrl, null, 'no trajectory model with a custom CNN');
    assertImageOnly(await r.predict(seven), IMAGE_THREE, 'strokes');
    r.dispose();
  });

  it('keeps a loaded pair per CNN and trajectory model, and takes a file: URL', async () => {
    const url = pathToFileURL(overrulesPath);
    const fused = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: url });
    assert.equal(fused.trajectoryModelUrl, url.href, 'the URL as a string');
    const alone = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: null });
    const other = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: agreesPath });
    assert.equal((await fused.predict(seven)).digit, 5, 'with the model that says 5');
    assert.equal((await alone.predict(seven)).views.trajectory, null, 'the same CNN alone');
    assert.equal((await other.predict(seven)).decidedBy, 'both', 'with the model that says 3');
    fused.dispose();
    assert.equal((await alone.predict(seven)).digit, 3, 'others still work after a dispose');
    alone.dispose();
    other.dispose();
  });

  it('leaks no tensor while fusing, and frees all on dispose', async () => {
    const start = tf.memory().numTensors;
    // wasm: the CNN runs on TensorFlow.js and holds tensors (the trajectory model never does).
    const r = await Recognizer.load({
      modelUrl: threePath,
      trajectoryModelUrl: overrulesPath,
      backend: 'wasm',
    });
    await r.predict(seven); // warm-up
    const loaded = tf.memory().numTensors;
    assert.ok(loaded > start, 'the CNN holds its weights');
    for (let i = 0; i < 200; i++) await r.predict(seven);
    await r.predictBatch([seven, preprocessStrokes(one), []]);
    await r.recognize(writeNumber([one, zero]), { multiple: true });
    assert.equal(tf.memory().numTensors, loaded, 'numTensors unchanged after predictions');
    r.dispose();
    assert.equal(tf.memory().numTensors, start, 'back to the start after dispose');
  });
});

describe('Recognizer.load errors of the trajectory model', () => {
  let threePath: string;

  before(async () => {
    threePath = await saveToTempDir(constantModel(THREE));
  });

  const expected =
    'expected one input of shape [null,1,48,5] or [null,240] (trajectoryFeatures: 48 points × 5 values) and 10 softmax outputs.';

  it('names the file when it is missing', async () => {
    const good = await saveToTempDir(constantTrajectoryModel(favour(5, 8)));
    const path = join(dirname(good), 'nope', 'trajectory.json');
    await assert.rejects(
      Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: path }),
      (err: Error) => {
        assert.ok(
          err.message.startsWith(
            `Could not load the trajectory model from ${path}: cannot read ${path}: ENOENT`,
          ),
          err.message,
        );
        return true;
      },
    );
  });

  it('names the URL of a 404 over http', async () => {
    const server = await serveStatic(
      dirname(await saveToTempDir(constantTrajectoryModel(favour(5, 8)))),
    );
    const { origin } = server;
    try {
      const r = await Recognizer.load({
        modelUrl: threePath,
        trajectoryModelUrl: `${origin}/model.json`,
      });
      assert.equal((await r.predict(seven)).digit, 5, 'fuses with the model fetched over http');
      r.dispose();
      const gone = `${origin}/gone/trajectory.json`;
      await assert.rejects(
        Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: gone }),
        (err: Error) => {
          assert.ok(
            err.message.startsWith(`Could not load the trajectory model from ${gone}: `),
            err.message,
          );
          assert.match(err.message, /404/);
          return true;
        },
      );
    } finally {
      await server.close();
    }
  });

  it('rejects a model of another input shape, even of the right size', async () => {
    for (const shape of [
      [1, 20, 5],
      [28, 28, 1],
      [2, 24, 5],
    ]) {
      const path = await saveToTempDir(constantTrajectoryModel(favour(5, 8), shape));
      await assert.rejects(Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: path }), {
        message: `The trajectory model at ${path} reads inputs of shape [null,${shape.join(',')}]; ${expected}`,
      });
    }
  });

  it('takes a [null,1,48,5] model', async () => {
    const path = await saveToTempDir(constantTrajectoryModel(favour(5, 8), [1, 48, 5]));
    const r = await Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: path });
    assertFused(await r.predict(seven), IMAGE_THREE, softmax(favour(5, 8)), '[null,1,48,5]');
    r.dispose();
  });

  it('rejects a model with other than 10 outputs, or no softmax', async () => {
    const twelve = await saveToTempDir(
      tfl.sequential({
        layers: [tfl.layers.dense({ inputShape: [240], units: 12, activation: 'softmax' })],
      }),
    );
    await assert.rejects(Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: twelve }), {
      message: `The trajectory model at ${twelve} outputs 12 values; ${expected}`,
    });
    const logits = await saveToTempDir(
      tfl.sequential({
        layers: [tfl.layers.dense({ inputShape: [240], units: 10, biasInitializer: 'ones' })],
      }),
    );
    await assert.rejects(Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: logits }), {
      message: `The trajectory model at ${logits} outputs values that sum to 10, not probabilities; ${expected}`,
    });
  });

  it("rejects a model with a layer core's kernels do not run", async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [240], units: 16, activation: 'tanh' }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const layer = model.layers[0].name;
    const path = await saveToTempDir(model);
    // The list comes from what js-model.ts compiles, so it names every layer the kernels run.
    const supported = `${JS_MODEL_LAYERS.join(', ')}; activations ${JS_MODEL_ACTIVATIONS.join(', ')}`;
    assert.equal(
      supported,
      'InputLayer, Conv2D, BatchNormalization, Activation, ReLU, MaxPooling2D, GlobalAveragePooling2D, Flatten, Dropout, Dense, Softmax; activations linear, relu, softmax',
    );
    await assert.rejects(Recognizer.load({ modelUrl: threePath, trajectoryModelUrl: path }), {
      message: `The trajectory model at ${path} cannot run on core's kernels (activation tanh in layer ${layer}): it must be a Sequential model of the layers they run (${supported}); ${expected}`,
    });
  });

  it('frees the CNN when the trajectory model fails, and loads once it is fixed', async () => {
    const start = tf.memory().numTensors;
    const good = await saveToTempDir(constantTrajectoryModel(favour(5, 8)));
    const weights = join(dirname(good), 'weights.bin');
    const bytes = readFileSync(weights);
    rmSync(weights);
    const config = { modelUrl: threePath, trajectoryModelUrl: good, backend: 'wasm' } as const;
    await assert.rejects(Recognizer.load(config), (err: Error) => {
      assert.ok(
        err.message.startsWith(`Could not load the trajectory model from ${good}: weight file`),
        err.message,
      );
      return true;
    });
    assert.equal(tf.memory().numTensors, start, 'the CNN loaded beside it is disposed');
    writeFileSync(weights, bytes);
    const r = await Recognizer.load(config);
    assert.equal((await r.predict(seven)).digit, 5, 'the failed load was not cached');
    r.dispose();
    assert.equal(tf.memory().numTensors, start, 'back to the start after dispose');
  });
});

describe('trajectoryModelUrl in the config', () => {
  it('defaults to the shipped trajectory model with the shipped CNN, else to null', () => {
    assert.equal(
      DEFAULT_RECOGNIZER_CONFIG.trajectoryModelUrl,
      DEFAULT_TRAJECTORY_MODEL_URL,
      'the default',
    );
    assert.ok(
      DEFAULT_TRAJECTORY_MODEL_URL.endsWith('/packages/core/model/trajectory.json'),
      DEFAULT_TRAJECTORY_MODEL_URL,
    );
    for (const [what, config] of [
      ['no modelUrl', {}],
      ['the shipped modelUrl', { modelUrl: DEFAULT_MODEL_URL }],
      ['the shipped modelUrl as a URL', { modelUrl: defaultModelUrl() }],
    ] as const) {
      assert.equal(
        validateRecognizerConfig(config).trajectoryModelUrl,
        DEFAULT_TRAJECTORY_MODEL_URL,
        what,
      );
    }
    assert.equal(
      validateRecognizerConfig({ modelUrl: '/models/mine/model.json' }).trajectoryModelUrl,
      null,
      'a custom CNN: no trajectory model unless asked',
    );
    assert.equal(
      validateRecognizerConfig({ modelUrl: '/mine.json', trajectoryModelUrl: '/path.json' })
        .trajectoryModelUrl,
      '/path.json',
      'a custom pair',
    );
    assert.equal(
      validateRecognizerConfig({ trajectoryModelUrl: null }).trajectoryModelUrl,
      null,
      'null: the CNN alone, also with the shipped CNN',
    );
  });

  it('rejects an empty or non-URL trajectoryModelUrl', () => {
    assert.throws(() => validateRecognizerConfig({ trajectoryModelUrl: '' }), {
      name: 'RangeError',
      message: 'trajectoryModelUrl must be a non-empty string, a URL or null, got an empty string.',
    });
    assert.throws(() => validateRecognizerConfig({ trajectoryModelUrl: 3 as unknown as string }), {
      name: 'RangeError',
      message: 'trajectoryModelUrl must be a non-empty string, a URL or null, got number.',
    });
  });
});
