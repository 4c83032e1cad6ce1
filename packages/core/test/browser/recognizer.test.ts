// The Recognizer in Chromium: loads a tiny model (built by web-test-runner.config.js) over http.
import * as tf from '@tensorflow/tfjs-core';

import { Recognizer } from '../../src/index.js';
import { one, seven } from '../helpers/shapes.js';

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const modelUrl = '/__tiny-model__/model.json';
const wasmPath = (globalThis as { __WASM_DIR__?: string }).__WASM_DIR__;

describe('Recognizer in Chromium', () => {
  it('loads over http and predicts strokes; empty input gives null', async () => {
    const r = await Recognizer.load({ modelUrl });
    check(r.backend === 'cpu' && r.engine === 'js', `${r.backend} on ${r.engine}: core's kernels`);
    const p = await r.predict(seven);
    check(p.digit === 3, `digit ${p.digit}`);
    check(
      Math.abs(p.confidence - Math.exp(3) / (Math.exp(3) + 9)) < 1e-5,
      `confidence ${p.confidence}`,
    );
    check((await r.predict([])).digit === null, 'empty → null');
    r.dispose();
  });

  it('leaks no tensor over 200 predictions with TensorFlow.js', async () => {
    const r = await Recognizer.load({ modelUrl, backend: 'wasm', wasmPath });
    await r.predict(one);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) await r.predict(one);
    check(tf.memory().numTensors === before, `numTensors ${before} → ${tf.memory().numTensors}`);
    r.dispose();
  });

  it('names the URL when the model is not there', async () => {
    let message = '';
    try {
      await Recognizer.load({ modelUrl: '/nowhere/model.json' });
    } catch (err) {
      message = (err as Error).message;
    }
    check(message.startsWith('Could not load the digit model from /nowhere/model.json: '), message);
    check(message.includes('404'), message);
  });

  it('runs on the wasm backend with the .wasm files from wasmPath', async () => {
    check(typeof wasmPath === 'string', 'wasm dir injected by the test page');
    const r = await Recognizer.load({ modelUrl, backend: 'wasm', wasmPath });
    check(tf.getBackend() === 'wasm', `backend ${tf.getBackend()}`);
    check((await r.predict(seven)).digit === 3, 'predicts on wasm');
    r.dispose();
  });
});
