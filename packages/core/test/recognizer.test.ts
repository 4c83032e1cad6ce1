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
  preprocessStrokes,
  Recognizer,
  validateRecognizerConfig,
} from '../src/index.js';
import { one, seven, writeNumber, zero } from './helpers/shapes.js';
import {
  constantModel,
  oneOrZeroModel,
  saveToTempDir,
  writeModelJson,
} from './helpers/tiny-model.js';

// softmax([0, 0, 0, 3, 0, …]): digit 3 with confidence e³ / (e³ + 9).
const THREE_BIAS = [0, 0, 0, 3, 0, 0, 0, 0, 0, 0];
const THREE_CONFIDENCE = Math.exp(3) / (Math.exp(3) + 9);

const saved = saveToTempDir;

describe('Recognizer', () => {
  let threePath: string;
  let oneZeroPath: string;

  before(async () => {
    threePath = await saved(constantModel(THREE_BIAS));
    oneZeroPath = await saved(oneOrZeroModel());
  });

  it('loads a LayersModel from a disk path and predicts with its probabilities', async () => {
    const r = await Recognizer.load({ modelUrl: threePath });
    const p = await r.predict(seven);
    assert.equal(p.digit, 3, 'digit from the constant model');
    assert.ok(Math.abs(p.confidence - THREE_CONFIDENCE) < 1e-5, `confidence ${p.confidence}`);
    assert.equal(p.probabilities.length, 10, '10 probabilities');
    assert.ok(Math.abs(p.probabilities.reduce((a, b) => a + b) - 1) < 1e-5, 'sum to 1');
    assert.deepEqual(p.input, preprocessStrokes(seven), 'input is the preprocessed strokes');
    assert.ok(p.ms >= 0 && Number.isFinite(p.ms), 'ms is a duration');
    r.dispose();
  });

  it('loads from a file: URL too, and shares one model per URL and backend', async () => {
    const url = pathToFileURL(threePath);
    const a = await Recognizer.load({ modelUrl: url });
    const before = tf.memory().numTensors;
    const b = await Recognizer.load({ modelUrl: url.href });
    assert.equal(tf.memory().numTensors, before, 'second load reuses the loaded weights');
    assert.equal((await b.predict(seven)).digit, 3, 'second recognizer predicts');
    a.dispose();
    assert.equal((await b.predict(seven)).digit, 3, 'still works after the other is disposed');
    b.dispose();
    assert.ok(tf.memory().numTensors < before, 'weights freed after the last dispose');
  });

  it('answers null with zero probabilities for an empty input, without a guess', async () => {
    const r = await Recognizer.load({ modelUrl: threePath });
    for (const empty of [
      [],
      [[]],
      new Float32Array(784),
      { data: new Uint8Array(16), width: 2, height: 2 },
    ]) {
      const p = await r.predict(empty);
      assert.equal(p.digit, null, `empty ${JSON.stringify(empty).slice(0, 30)} → null`);
      assert.equal(p.confidence, 0, 'confidence 0');
      assert.deepEqual(p.probabilities, new Array(10).fill(0), 'no probability mass');
    }
    r.dispose();
  });

  it('returns null below minConfidence, settable after load', async () => {
    const r = await Recognizer.load({ modelUrl: threePath, minConfidence: 0.9 });
    const unsure = await r.predict(seven);
    assert.equal(unsure.digit, null, `confidence ${unsure.confidence} < 0.9 → null`);
    assert.ok(unsure.confidence > 0.6, 'confidence is still reported');
    r.minConfidence = 0.5;
    assert.equal((await r.predict(seven)).digit, 3, 'confidence above 0.5 → digit');
    assert.throws(
      () => {
        r.minConfidence = 2;
      },
      {
        name: 'RangeError',
        message: 'minConfidence must be a number in [0, 1] (0 = always answer), got 2.',
      },
    );
    r.dispose();
  });

  it('predictBatch keeps input order and mixes empty and inked inputs', async () => {
    const r = await Recognizer.load({ modelUrl: oneZeroPath });
    const results = await r.predictBatch([one, [], zero, preprocessStrokes(one)]);
    assert.deepEqual(
      results.map((p) => p.digit),
      [1, null, 0, 1],
      'one, empty, zero, preprocessed one',
    );
    r.dispose();
  });

  it('predictNumber segments, predicts each digit and joins them', async () => {
    const r = await Recognizer.load({ modelUrl: oneZeroPath });
    const n = await r.predictNumber(writeNumber([one, zero, one, zero]));
    assert.equal(n.value, '1010', 'value');
    assert.equal(n.digits.length, 4, 'one prediction per digit');
    assert.equal(n.groups.length, 4, 'one stroke group per digit');
    const empty = await r.predictNumber([]);
    assert.equal(empty.value, '', 'empty value');
    assert.deepEqual(empty.digits, [], 'no digits');
    r.minConfidence = 1;
    assert.equal(
      (await r.predictNumber(writeNumber([one, zero]))).value,
      '',
      'a number with an unsure digit has no value',
    );
    r.dispose();
  });

  it('recognize reads one digit from strokes, an image or an array, with one value rule', async () => {
    const r = await Recognizer.load({ modelUrl: threePath });
    const fromStrokes = await r.recognize(seven);
    assert.equal(fromStrokes.value, '3', 'value of a sure digit');
    assert.equal(fromStrokes.digit, 3, 'digit');
    assert.ok(Math.abs(fromStrokes.confidence - THREE_CONFIDENCE) < 1e-5, 'confidence');
    assert.equal(fromStrokes.probabilities.length, 10, "the digit's probabilities");
    assert.deepEqual(fromStrokes.input, preprocessStrokes(seven), "the digit's model input");
    assert.equal(fromStrokes.digits.length, 1, 'one digit');
    assert.deepEqual(fromStrokes.groups, [seven], 'its strokes');
    const fromArray = await r.recognize(preprocessStrokes(seven));
    assert.equal(fromArray.value, '3', 'a 28×28 array');
    assert.deepEqual(fromArray.groups, [], 'no strokes for an array');

    const unsure = await r.recognize(seven, { minConfidence: 0.99 });
    assert.equal(unsure.value, '', 'not sure: no value');
    assert.equal(unsure.digit, null, 'not sure: no digit');
    assert.ok(unsure.confidence > 0, 'the confidence is still reported');
    assert.equal(r.minConfidence, 0, "the per-call threshold leaves the recognizer's own alone");

    for (const empty of [[], new Float32Array(784)]) {
      const none = await r.recognize(empty);
      assert.equal(none.value, '', 'empty: no value');
      assert.equal(none.digit, null, 'empty: no digit');
      assert.equal(none.confidence, 0, 'empty: confidence 0');
      assert.deepEqual(none.digits, [], 'empty: no digits');
      assert.deepEqual(none.probabilities, [], 'empty: no probabilities');
    }
    r.dispose();
  });

  it('recognize with multiple reads a number, and refuses what cannot be segmented', async () => {
    const r = await Recognizer.load({ modelUrl: oneZeroPath });
    const n = await r.recognize(writeNumber([one, zero, one]), { multiple: true });
    assert.equal(n.value, '101', 'value');
    assert.equal(n.digit, null, 'no single digit for a number');
    assert.deepEqual(n.probabilities, [], 'no single probabilities for a number');
    assert.equal(n.groups.length, 3, 'one stroke group per digit');
    assert.equal(n.confidence, Math.min(...n.digits.map((d) => d.confidence)), 'the weakest digit');
    const single = await r.recognize(writeNumber([one]), { multiple: true });
    assert.equal(single.digit, 1, 'a number of one digit has its digit');
    await assert.rejects(r.recognize(new Float32Array(784), { multiple: true }), {
      name: 'TypeError',
      message:
        'recognize with multiple: true reads strokes (an array of strokes), got a Float32Array.',
    });
    await assert.rejects(r.recognize(seven, { minConfidence: 2 }), { name: 'RangeError' });
    r.dispose();
  });

  it('throws a clear error on every method after dispose', async () => {
    const r = await Recognizer.load({ modelUrl: threePath });
    r.dispose();
    r.dispose();
    assert.equal(r.loaded, false, 'not loaded');
    await assert.rejects(r.predict(seven), {
      message:
        'Recognizer.predictBatch() called after dispose(); load a new one with Recognizer.load().',
    });
    await assert.rejects(r.predictNumber(seven), {
      message:
        'Recognizer.predictNumber() called after dispose(); load a new one with Recognizer.load().',
    });
  });

  it('rejects bad inputs with what was wrong', async () => {
    const r = await Recognizer.load({ modelUrl: threePath });
    await assert.rejects(r.predict(new Float32Array(10)), {
      message: 'input: a preprocessed input must have 784 values (28×28), got 10.',
    });
    const nan = new Float32Array(784);
    nan[30] = NaN;
    await assert.rejects(r.predict(nan), {
      message: 'input: value 30 (x 2, y 1) must be finite, got NaN.',
    });
    await assert.rejects(r.predictBatch([seven, [[{ x: 1, y: Infinity }]]]), {
      message: 'inputs[1]: Stroke 0, point 0: y must be a finite number, got Infinity.',
    });
    await assert.rejects(r.predict(new Float64Array(784) as unknown as Float32Array), {
      name: 'TypeError',
      message:
        'input must be a Float32Array(784), an array of strokes or an image {data, width, height}; got a Float64Array.',
    });
    await assert.rejects(r.predict(undefined as unknown as Float32Array), {
      message:
        'input must be a Float32Array(784), an array of strokes or an image {data, width, height}; got undefined.',
    });
    await assert.rejects(r.predict({ pixels: [] } as unknown as Float32Array), {
      message:
        'input must be a Float32Array(784), an array of strokes or an image {data, width, height}; got an object without data and width.',
    });
    r.dispose();
  });

  it('leaks no tensor over 1,000 predictions, and frees all on dispose', async () => {
    const start = tf.memory().numTensors;
    const r = await Recognizer.load({ modelUrl: threePath });
    const input = preprocessStrokes(seven);
    await r.predict(input); // warm-up
    const loaded = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) await r.predict(input);
    assert.equal(tf.memory().numTensors, loaded, 'numTensors unchanged after 1,000 predictions');
    await r.predictBatch([input, seven, one]);
    await r.predictNumber(writeNumber([one, zero]));
    assert.equal(tf.memory().numTensors, loaded, 'unchanged after batch and number predictions');
    r.dispose();
    assert.equal(tf.memory().numTensors, start, 'back to the start after dispose');
  });
});

describe('Recognizer.load errors', () => {
  it('names the file when model.json is missing', async () => {
    const path = join(dirname(await saved(constantModel(THREE_BIAS))), 'nope', 'model.json');
    await assert.rejects(Recognizer.load({ modelUrl: path }), (err: Error) => {
      assert.match(
        err.message,
        /^Could not load the digit model from .*nope\/model\.json: cannot read .*nope\/model\.json: ENOENT/,
      );
      return true;
    });
  });

  it('says when model.json is not JSON', async () => {
    const path = writeModelJson('{"modelTopology": ');
    await assert.rejects(Recognizer.load({ modelUrl: path }), (err: Error) => {
      assert.ok(
        err.message.startsWith(
          `Could not load the digit model from ${path}: ${path} is not valid JSON`,
        ),
        err.message,
      );
      return true;
    });
  });

  it('names the missing weight file', async () => {
    const good = await saveToTempDir(constantModel(THREE_BIAS));
    rmSync(join(dirname(good), 'weights.bin'));
    await assert.rejects(Recognizer.load({ modelUrl: good }), (err: Error) => {
      assert.ok(
        err.message.includes(
          `weight file ${join(dirname(good), 'weights.bin')} (listed in ${good}) cannot be read`,
        ),
        err.message,
      );
      return true;
    });
  });

  it('loads over http in Node, and names the URL of a 404', async () => {
    const server = await serveStatic(dirname(await saved(constantModel(THREE_BIAS))));
    const { origin } = server;
    try {
      const r = await Recognizer.load({ modelUrl: `${origin}/model.json` });
      assert.equal((await r.predict(seven)).digit, 3, 'predicts with the model fetched over http');
      r.dispose();
      await assert.rejects(
        Recognizer.load({ modelUrl: `${origin}/gone/model.json` }),
        (err: Error) => {
          assert.ok(
            err.message.startsWith(
              `Could not load the digit model from ${origin}/gone/model.json: `,
            ),
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

  it('names the weight file and the HTTP status when a weight file is not served', async () => {
    const path = await saved(constantModel(THREE_BIAS));
    // A production build that dropped weights.bin: its server answers 404 with a short text
    // body, which tfjs alone would read as weights.
    rmSync(join(dirname(path), 'weights.bin'));
    const server = await serveStatic(dirname(path));
    const { origin } = server;
    try {
      await assert.rejects(Recognizer.load({ modelUrl: `${origin}/model.json` }), {
        message: `Could not load the digit model from ${origin}/model.json: weight file ${origin}/weights.bin (listed in ${origin}/model.json) cannot be read: the server answered HTTP 404 Not Found`,
      });
    } finally {
      await server.close();
    }
  });

  it('says a weight file is truncated instead of loading wrong weights', async () => {
    const path = await saved(constantModel(THREE_BIAS));
    const weights = join(dirname(path), 'weights.bin');
    const bytes = readFileSync(weights);
    writeFileSync(weights, bytes.subarray(0, 15));
    await assert.rejects(Recognizer.load({ modelUrl: path }), {
      message: `Could not load the digit model from ${path}: weight file ${weights} holds 15 bytes, but ${path} lists ${bytes.byteLength} bytes of weights for it: a truncated or wrong file`,
    });
  });

  it('rejects a model with the wrong input shape', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.flatten({ inputShape: [32, 32, 1] }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const path = await saved(model);
    await assert.rejects(Recognizer.load({ modelUrl: path }), {
      message: `The model at ${path} takes input [null,32,32,1]; expected one input of shape [null,28,28,1] (a batch of 28×28 grey images). Export a model trained on MNIST-layout 28×28×1 inputs.`,
    });
  });

  it('rejects a model with the wrong output shape or no softmax', async () => {
    const wrongOut = await saved(
      tfl.sequential({
        layers: [
          tfl.layers.flatten({ inputShape: [28, 28, 1] }),
          tfl.layers.dense({ units: 12, activation: 'softmax' }),
        ],
      }),
    );
    await assert.rejects(Recognizer.load({ modelUrl: wrongOut }), {
      message: `The model at ${wrongOut} outputs [null,12]; expected one output of shape [null,10] (softmax probabilities of digits 0–9).`,
    });
    const logits = await saved(
      tfl.sequential({
        layers: [
          tfl.layers.flatten({ inputShape: [28, 28, 1] }),
          tfl.layers.dense({ units: 10, biasInitializer: 'ones' }),
        ],
      }),
    );
    await assert.rejects(Recognizer.load({ modelUrl: logits }), (err: Error) => {
      assert.match(
        err.message,
        /does not output probabilities \(its outputs sum to 10, expected 1\); end it with a softmax layer\./,
      );
      return true;
    });
  });

  it('validates the config with expected and got', () => {
    assert.throws(() => validateRecognizerConfig({ backend: 'gpu' as 'cpu' }), {
      name: 'RangeError',
      message: 'backend must be one of cpu, wasm, webgl, got "gpu".',
    });
    assert.throws(() => validateRecognizerConfig({ minConfidence: -0.1 }), { name: 'RangeError' });
    assert.throws(() => validateRecognizerConfig({ modelUrl: '' }), {
      message: 'modelUrl must be a non-empty string or a URL, got an empty string.',
    });
    assert.deepEqual(validateRecognizerConfig(), {
      ...DEFAULT_RECOGNIZER_CONFIG,
      wasmPath: undefined,
    });
  });

  it('defaults to the model folder of the package', () => {
    assert.ok(DEFAULT_MODEL_URL.startsWith('file://'), DEFAULT_MODEL_URL);
    assert.ok(DEFAULT_MODEL_URL.endsWith('/packages/core/model/model.json'), DEFAULT_MODEL_URL);
  });
});
