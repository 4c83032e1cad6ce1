// What a full WriterProfile (200 examples) costs per digit, side by side with what a digit costs
// without one: in Node, Recognizer.predict(strokes) and predict(strokes, { profile }) with the
// shipped models on the cpu backend (core's kernels); in Chromium (puppeteer-core), learn() with
// its features and the re-weighting predict adds, beside preprocessing plus the trajectory view.
// Prints one JSON line per measurement. Uses the built dist/ (run `pnpm build` first). Strokes are
// real UNIPEN digits when the data is there (timing only: no accuracy is read from them).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readHeldOutUnipenPoints, unipenSkipReason } from '../../../scripts/unipen.mjs';
import type {
  Recognizer as RecognizerClass,
  Stroke,
  WriterProfile as WriterProfileClass,
} from '../src/index.js';
import { crossedSeven, five, four, one, seven, transform, zero } from '../test/helpers/shapes.js';
import { report, runInChromium } from './harness.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (await import(join(packageDir, 'dist/index.js')).catch(() => {
  throw new Error(`No build in ${join(packageDir, 'dist')}: run \`pnpm build\` first.`);
})) as { Recognizer: typeof RecognizerClass; WriterProfile: typeof WriterProfileClass };

const unipenSkip = unipenSkipReason();
if (unipenSkip) console.error(unipenSkip);
const source = unipenSkip ? 'synthetic' : 'unipen';
const shapes = [zero, one, seven, crossedSeven, four, five];
const all: { digit: number; strokes: Stroke[] }[] = unipenSkip
  ? Array.from({ length: 400 }, (_, i) => ({
      digit: [0, 1, 7, 7, 4, 5][i % 6],
      strokes: transform(shapes[i % 6], 100 + (i % 7), i % 11, i % 5),
    }))
  : readHeldOutUnipenPoints().map((s) => ({ digit: s.label, strokes: s.strokes }));
// A full profile: the first 20 of each digit (200); the queries: 200 others.
const perDigit = new Array<number>(10).fill(0);
const examples = all.filter((s) => perDigit[s.digit] < 20 && ++perDigit[s.digit] > 0).slice(0, 200);
const queries = all
  .filter((s) => !examples.includes(s))
  .slice(0, 200)
  .map((s) => s.strokes);

/** Median of `rounds` single calls over the queries, in ms per digit. */
async function perDigitMs(run: (q: Stroke[]) => Promise<unknown>): Promise<number> {
  for (const q of queries.slice(0, 20)) await run(q); // warm-up
  const times: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    await run(q);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const recognizer = await dist.Recognizer.load({ backend: 'cpu' });
const profile = new dist.WriterProfile();
for (const e of examples) profile.learn(e.strokes, e.digit);
const extra = { digits: queries.length, profileSize: profile.size, source };
try {
  const without = await perDigitMs((q) => recognizer.predict(q));
  const withProfile = await perDigitMs((q) => recognizer.predict(q, { profile }));
  report('predict, no profile', 'node', without, extra);
  report('predict, full profile', 'node', withProfile, {
    ...extra,
    addedMs: +(withProfile - without).toFixed(4),
  });
  const learnStart = performance.now();
  const fresh = new dist.WriterProfile();
  for (const e of examples) fresh.learn(e.strokes, e.digit);
  fresh.adjust(new Array(10).fill(0.1), queries[0]); // computes every example's features
  report(
    'learn (with its features)',
    'node',
    (performance.now() - learnStart) / examples.length,
    extra,
  );
} finally {
  recognizer.dispose();
}

const result = await runInChromium<{ learn: number; adjust: number; digit: number; size: number }>(
  'profile-browser-bench.js',
  {
    '/profile-inputs.json': JSON.stringify({
      examples,
      queries,
      probabilities: [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.8, 0.04, 0.02],
    }),
  },
);
const browserExtra = { ...extra, profileSize: result.size, browser: result.browser };
report('preprocessing + trajectory view, no profile', 'chromium', result.digit, browserExtra);
report('added by a full profile (re-weighting)', 'chromium', result.adjust, browserExtra);
report('learn (with its features)', 'chromium', result.learn, browserExtra);
