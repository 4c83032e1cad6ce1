// The wasm backend in Node: loaded on demand, .wasm files found in the installed package.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import * as tf from '@tensorflow/tfjs-core';

import { Recognizer } from '../src/index.js';
import { wasmDirBesideModel } from '../src/inference/tfjs-backends.js';
import { five, one, seven, zero } from './helpers/shapes.js';
import { oneOrZeroModel, saveToTempDir, tanhModel } from './helpers/tiny-model.js';

describe('backends', () => {
  it('gives the same probabilities on wasm as on cpu', async () => {
    const modelUrl = await saveToTempDir(oneOrZeroModel());
    const cpu = await Recognizer.load({ modelUrl, backend: 'cpu' });
    const onCpu = await cpu.predictBatch([one, zero, seven, five]);
    const wasm = await Recognizer.load({ modelUrl, backend: 'wasm' });
    assert.equal(tf.getBackend(), 'wasm', 'wasm is active');
    const onWasm = await wasm.predictBatch([one, zero, seven, five]);
    onCpu.forEach((p, i) => {
      const d = Math.max(
        ...p.probabilities.map((v, k) => Math.abs(v - onWasm[i].probabilities[k])),
      );
      assert.ok(d < 1e-5, `input ${i}: max difference ${d}`);
    });
    cpu.dispose();
    wasm.dispose();
  });

  it('switches tfjs back to cpu for a cpu recognizer whose model tfjs runs', async () => {
    const modelUrl = await saveToTempDir(tanhModel());
    const cpu = await Recognizer.load({ modelUrl, backend: 'cpu' });
    assert.equal(cpu.engine, 'tfjs', "tanh is not one of core's kernels: tfjs runs this model");
    const wasm = await Recognizer.load({ modelUrl, backend: 'wasm' });
    await wasm.predict(one);
    assert.equal(tf.getBackend(), 'wasm', 'wasm is active');
    await cpu.predict(one);
    assert.equal(tf.getBackend(), 'cpu', 'the cpu recognizer runs on cpu');
    cpu.dispose();
    wasm.dispose();
  });

  it('says which backend failed to start', async () => {
    const modelUrl = await saveToTempDir(oneOrZeroModel());
    // Node has no WebGL.
    await assert.rejects(Recognizer.load({ modelUrl, backend: 'webgl' }), (err: Error) => {
      assert.match(
        err.message,
        /^The tfjs "webgl" backend failed to start.*use backend "cpu" or "wasm"\.$/s,
      );
      return true;
    });
  });
});

describe('wasmDirBesideModel', () => {
  it('finds the .wasm folder beside an absolute model URL', () => {
    assert.equal(
      wasmDirBesideModel('https://cdn.example/m/model.json', undefined),
      'https://cdn.example/m/',
      'folder of the absolute URL',
    );
  });

  it('resolves a relative model URL against the page, as fetch() does', () => {
    assert.equal(
      wasmDirBesideModel('/model/model.json', 'http://127.0.0.1:6006/iframe.html?id=x'),
      'http://127.0.0.1:6006/model/',
      'root-relative URL',
    );
    assert.equal(
      wasmDirBesideModel('model.json', 'http://127.0.0.1:6006/docs/page.html'),
      'http://127.0.0.1:6006/docs/',
      'page-relative URL',
    );
  });
});
