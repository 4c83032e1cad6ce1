// Trajectory training speed: `trainTrajectory` of the trainer in --trainer DIR (default: this
// checkout's) for --epochs N epochs on UNIPEN's training writers (the validation writers
// validate), one JSON line: {"bench":"trajectory","trainer":…,"epochs":…,"seconds":…,"samplesPerSec":…}.
// benchmark/compare-trajectory-with-commit.sh runs it alternately on an earlier commit and this one.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { isValidationWriter } from '../src/data/trajectory-set.js';
import { defaultUnipenPath, loadUnipen, splitByWriter } from '../src/data/unipen.js';

const { values } = parseArgs({
  options: {
    trainer: { type: 'string', default: new URL('..', import.meta.url).pathname },
    epochs: { type: 'string', default: '3' },
  },
});
const root = resolve(values.trainer!);
const load = (path: string) => import(pathToFileURL(resolve(root, path)).href);
const { useBackend } = await load('src/backend.ts');
const { trainTrajectory } = await load('src/train/trajectory.ts');

// The same digits for every trainer: read by this checkout's code (UNIPEN_PATH or the default).
const all = splitByWriter(loadUnipen(defaultUnipenPath())).training;
const training = all.filter((s) => !isValidationWriter(s.writer));
const validation = all.filter((s) => isValidationWriter(s.writer));
await useBackend('wasm');
const epochs = Number(values.epochs);
const started = performance.now();
const cpuStarted = process.cpuUsage();
const result = await trainTrajectory(training, validation, {
  epochs,
  batchSize: 64,
  learningRate: 2e-3,
  seed: 1,
  labelSmoothing: 0.05,
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
console.log(
  JSON.stringify({
    bench: 'trajectory',
    trainer: root,
    epochs,
    seconds: Number(seconds.toFixed(2)),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    fitSeconds: Number(result.fitSeconds.toFixed(2)),
    samplesPerSec: Math.round((training.length * epochs) / result.fitSeconds),
    losses: result.history.map((e: { loss: number }) => Number(e.loss.toFixed(4))),
    valAccuracy: result.bestValAccuracy,
  }),
);
