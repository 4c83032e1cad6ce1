// The element with the real core and tfjs in Chromium: model loading failures, tensor
// lifetime, and (when the trained model and the UNIPEN data are present) real handwriting.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
// These tests build and save models themselves: they bring tfjs's cpu backend (the element loads
// TensorFlow.js only for what core's own kernels do not run, such as these indexeddb:// models).
import '@tensorflow/tfjs-backend-cpu';

import { fuseViews, Recognizer, type Prediction, type Stroke } from '@digit-canvas/core';

import '../digit-canvas.js';
import type { DigitCanvas } from '../src/DigitCanvas.js';
import type { DigitErrorEvent, DigitReadyEvent } from '../src/events.js';
import {
  captureWarnings,
  drawPixelStrokes,
  drawStroke,
  nextPrediction,
  resetMouse,
  SEVEN,
} from './helpers.js';

const TRAINED_MODEL = '/packages/core/model/model.json';
const TRAINED_TRAJECTORY = '/packages/core/model/trajectory.json';
const SAMPLES = 200;
/** Numbers of 2–5 digits, each of one held-out writer, drawn side by side in `multiple` mode. */
const NUMBERS = 100;

function inked(el: DigitCanvas): boolean {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  return data.some((v, i) => i % 4 === 3 && v > 0);
}

describe('<digit-canvas> when the model cannot be loaded', () => {
  afterEach(() => resetMouse());

  for (const [what, url, reason] of [
    ['404s', '/no/such/model.json', /no\/such\/model\.json/],
    [
      'returns garbage (an HTML page)',
      '/packages/element/test/fixtures/not-a-model.html',
      /not-a-model\.html/,
    ],
  ] as const) {
    it(`dispatches digit-error when the model URL ${what}, and drawing still works`, async () => {
      // Listening from the first render: the model loads as soon as the page is idle.
      const errors: DigitErrorEvent[] = [];
      let predictions = 0;
      const el = await fixture<DigitCanvas>(
        html`<digit-canvas
          model-url=${url}
          predict-delay="0"
          @digit-error=${(e: DigitErrorEvent) => {
            e.preventDefault(); // expected: handled, not logged
            errors.push(e);
          }}
          @digit-prediction=${() => predictions++}
        ></digit-canvas>`,
      );
      await drawStroke(el, SEVEN);
      await waitUntil(() => errors.length > 0, 'digit-error dispatched', { timeout: 10_000 });
      const { detail } = errors[0];
      expect(detail.message, 'message names the URL').to.match(reason);
      expect(detail.message, 'message says drawing goes on').to.match(/Drawing still works/);
      expect(detail.message, 'one full stop between sentences').not.to.match(/\.\./);
      expect(detail.error, 'error object').to.be.instanceOf(Error);
      expect(detail.kind, 'kind').to.equal('model');
      await drawStroke(el, [
        [0.2, 0.5],
        [0.8, 0.5],
      ]);
      expect(el.strokes.length, 'both strokes recorded').to.equal(2);
      expect(inked(el), 'ink on the canvas').to.equal(true);
      expect(await el.predict(), 'predict() resolves to null, no throw').to.equal(null);
      expect(predictions, 'no prediction events').to.equal(0);
      expect(errors.length, 'one digit-error per load attempt').to.equal(1);
    });
  }
});

describe('<digit-canvas> model error nobody handles', () => {
  it('is logged once with console.warn, however many elements share the broken URL', async () => {
    const url = '/no/such/model-for-the-warning-test.json';
    const messages: string[] = [];
    const listen = (e: DigitErrorEvent) => messages.push(e.detail.message); // does not handle it
    document.addEventListener('digit-error', listen);
    const warnings = captureWarnings();
    try {
      for (let i = 0; i < 2; i++) {
        const el = await fixture<DigitCanvas>(html`<digit-canvas model-url=${url}></digit-canvas>`);
        el.strokes = [
          [
            { x: 10, y: 10 },
            { x: 90, y: 90 },
          ],
        ];
        expect(await el.predict(), 'no model: null').to.equal(null);
      }
    } finally {
      warnings.restore();
      document.removeEventListener('digit-error', listen);
    }
    expect(messages.length, 'one digit-error per element').to.equal(2);
    expect(messages[0], 'names the URL').to.include(url);
    expect(
      warnings.calls.map(([message]) => message),
      'one warning, the message',
    ).to.deep.equal([messages[0]]);
  });
});

describe('<digit-canvas> tensor lifetime', () => {
  it('keeps tf.memory().numTensors flat over 200 predictions', async function () {
    this.timeout(60_000);
    // A tiny untrained model with the real input/output shapes: tensor bookkeeping does not
    // depend on the weights, and the trained model may not exist yet.
    const tiny = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [28, 28, 1],
          filters: 4,
          kernelSize: 3,
          activation: 'relu',
        }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    await tiny.save('indexeddb://digit-canvas-tensor-test');
    tiny.dispose();
    const ready: DigitReadyEvent[] = [];
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas
        model-url="indexeddb://digit-canvas-tensor-test"
        @digit-error=${(e: DigitErrorEvent) => console.error(e.detail.message)}
        @digit-ready=${(e: DigitReadyEvent) => ready.push(e)}
      ></digit-canvas>`,
    );
    el.strokes = [
      [
        { x: 60, y: 60 },
        { x: 200, y: 60 },
        { x: 120, y: 220 },
      ],
    ];
    await el.predict(); // warm-up: loads the model
    expect(ready.length, 'digit-ready once').to.equal(1);
    expect(ready[0].detail.backend, 'backend').to.equal('cpu');
    const before = tf.memory().numTensors;
    let events = 0;
    el.addEventListener('digit-prediction', () => events++);
    for (let i = 0; i < 200; i++) {
      el.multiple = i % 2 === 1; // both paths: predict and predictNumber
      await el.predict();
    }
    expect(events, 'predictions made').to.equal(200);
    expect(tf.memory().numTensors, 'live tensors after 200 predictions').to.equal(before);
  });
});

/** Saves an untrained flatten → softmax model (the real input/output shapes) at `url`. */
async function saveLinearModel(url: string): Promise<void> {
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [28, 28, 1] }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  await model.save(url);
  model.dispose();
}

describe('<digit-canvas> model release', () => {
  it('frees the model when the element leaves the page, keeps it across a move, reloads on return', async () => {
    await saveLinearModel('indexeddb://digit-canvas-release-test');
    const before = tf.memory().numTensors;
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas model-url="indexeddb://digit-canvas-release-test"></digit-canvas>`,
    );
    el.strokes = [
      [
        { x: 10, y: 10 },
        { x: 90, y: 90 },
      ],
    ];
    await el.predict();
    const loaded = tf.memory().numTensors;
    expect(loaded, 'the model weights are live').to.be.above(before);

    const parent = el.parentElement!;
    parent.append(el); // a move in the DOM: disconnected and reconnected in one task
    await new Promise((resolve) => setTimeout(resolve));
    expect(tf.memory().numTensors, 'model kept across a move').to.equal(loaded);

    el.remove();
    await new Promise((resolve) => setTimeout(resolve));
    expect(tf.memory().numTensors, 'model freed once the element is gone').to.equal(before);

    const ready = new Promise((resolve) => el.addEventListener('digit-ready', resolve));
    parent.append(el);
    const prediction = await el.predict();
    await ready;
    expect(prediction?.probabilities.length, 'predicts again after coming back').to.equal(10);
    expect(tf.memory().numTensors, 'one copy of the model again').to.equal(loaded);
  });
});

describe('<digit-canvas> model sharing', () => {
  it('shares one loaded model between elements with the same model URL', async () => {
    await saveLinearModel('indexeddb://digit-canvas-shared-test');
    const url = 'indexeddb://digit-canvas-shared-test';
    const first = await fixture<DigitCanvas>(html`<digit-canvas model-url=${url}></digit-canvas>`);
    first.strokes = [
      [
        { x: 10, y: 10 },
        { x: 90, y: 90 },
      ],
    ];
    await first.predict();
    const tensors = tf.memory().numTensors;
    const second = await fixture<DigitCanvas>(html`<digit-canvas model-url=${url}></digit-canvas>`);
    second.strokes = first.strokes;
    const [a, b] = [await first.predict(), await second.predict()];
    expect(second.recognizer, 'second element has a recognizer').to.not.equal(null);
    expect(tf.memory().numTensors, 'no second copy of the weights').to.equal(tensors);
    expect(b!.probabilities, 'same model, same answer').to.deep.equal(a!.probabilities);

    // A different model-url loads the other model: answers change.
    await saveLinearModel('indexeddb://digit-canvas-other-test');
    second.modelUrl = 'indexeddb://digit-canvas-other-test';
    await second.updateComplete;
    const c = await second.predict();
    expect(c!.probabilities, 'the other model answers').to.not.deep.equal(a!.probabilities);
  });
});

/** Checks that a prediction is both views fused, and returns which view decided. */
function expectFused(prediction: Prediction): void {
  const { image, trajectory } = prediction.views;
  expect(image.length, 'image view: 10 probabilities').to.equal(10);
  expect(trajectory?.length, 'trajectory view: 10 probabilities').to.equal(10);
  const fused = fuseViews(image, trajectory!);
  prediction.probabilities.forEach((p, i) =>
    expect(p, `probability of ${i}: the views fused`).to.be.closeTo(fused[i], 1e-6),
  );
  expect(prediction.decidedBy, 'decidedBy').to.be.oneOf(['image', 'trajectory', 'both']);
}

describe('<digit-canvas> with the shipped models (the CNN and the trajectory model)', () => {
  afterEach(() => resetMouse());

  it('reads a drawn digit with both models on the defaults, and fuses their views', async () => {
    const ready: DigitReadyEvent[] = [];
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas
        predict-delay="0"
        @digit-ready=${(e: DigitReadyEvent) => ready.push(e)}
      ></digit-canvas>`,
    );
    const predicted = nextPrediction(el, 1);
    await drawStroke(el, SEVEN);
    const detail = await predicted;
    expect(detail.digits.length, 'one digit').to.equal(1);
    const [digit] = detail.digits;
    expectFused(digit);
    expect(detail.probabilities, 'the answer is the digit’s fused probabilities').to.deep.equal(
      digit.probabilities,
    );
    expect(ready.length, 'digit-ready').to.equal(1);
    expect(ready[0].detail.trajectoryModelUrl, 'the shipped trajectory model').to.match(
      /\/model\/trajectory\.json$/,
    );
    expect(ready[0].detail.modelUrl, 'the shipped CNN').to.match(/\/model\/model\.json$/);
  });

  it('reads with that CNN alone when model-url names another model', async () => {
    const ready: DigitReadyEvent[] = [];
    // The shipped CNN's file under a URL of the page's own: for core, any other model.
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas
        model-url=${TRAINED_MODEL}
        predict-delay="0"
        @digit-ready=${(e: DigitReadyEvent) => ready.push(e)}
      ></digit-canvas>`,
    );
    const predicted = nextPrediction(el, 1);
    await drawStroke(el, SEVEN);
    const [digit] = (await predicted).digits;
    expect(digit.views.trajectory, 'no trajectory view').to.equal(null);
    expect(digit.probabilities, 'the CNN’s own probabilities').to.deep.equal(digit.views.image);
    expect(digit.decidedBy, 'decided by the image').to.equal('image');
    expect(ready[0]?.detail.trajectoryModelUrl, 'no trajectory model loaded').to.equal(null);
  });

  it('fuses a custom CNN with the trajectory model named by trajectory-model-url', async () => {
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas
        model-url=${TRAINED_MODEL}
        trajectory-model-url=${TRAINED_TRAJECTORY}
        predict-delay="0"
      ></digit-canvas>`,
    );
    const predicted = nextPrediction(el, 1);
    await drawStroke(el, SEVEN);
    expectFused((await predicted).digits[0]);
    el.trajectoryModelUrl = '';
    await el.updateComplete;
    const alone = await el.predict();
    expect(alone?.digits[0].views.trajectory, 'attribute removed: the CNN alone').to.equal(null);
  });
});

interface UnipenSample {
  label: number;
  writer: string;
  strokes: number[][][];
  suspect?: string[];
}

/** Fits a sample into a `size`-px square (digit 70% of it, centred), as a person would draw it. */
function place(sample: UnipenSample, size: number, offsetX = 0): Stroke[] {
  const xs = sample.strokes.flat().map((p) => p[0]);
  const ys = sample.strokes.flat().map((p) => p[1]);
  const w = Math.max(...xs) - Math.min(...xs);
  const h = Math.max(...ys) - Math.min(...ys);
  const scale = (0.7 * size) / Math.max(w, h, 1);
  const dx = offsetX + (size - w * scale) / 2 - Math.min(...xs) * scale;
  const dy = (size - h * scale) / 2 - Math.min(...ys) * scale;
  return sample.strokes.map((stroke) => {
    // Points at least 3 px apart: about what a mouse reports while drawing at a moderate pace.
    const out: Stroke = [];
    for (const [x, y] of stroke) {
      const p = { x: x * scale + dx, y: y * scale + dy };
      const last = out[out.length - 1];
      if (!last || Math.hypot(p.x - last.x, p.y - last.y) >= 3) out.push(p);
    }
    const [x, y] = stroke[stroke.length - 1];
    out.push({ x: x * scale + dx, y: y * scale + dy });
    return out;
  });
}

/** A view's first choice, or '?' when the view did not run. */
const topOf = (probabilities: readonly number[] | null): string =>
  probabilities ? String(probabilities.indexOf(Math.max(...probabilities))) : '?';

const toStrokes = (s: UnipenSample): Stroke[] =>
  s.strokes.map((stroke) => stroke.map(([x, y]) => ({ x, y })));

describe('<digit-canvas> with the trained model on real handwriting (UNIPEN 1a)', function () {
  this.timeout(240_000);
  let samples: UnipenSample[] = [];
  let all: UnipenSample[] = [];
  let core: Recognizer;

  before(async function () {
    const model = await fetch(TRAINED_MODEL);
    if (!model.ok) {
      console.warn(`No trained model at ${TRAINED_MODEL} yet (the trainer writes it); skipping.`);
      this.skip();
    }
    const data = await fetch('/__unipen__/digits.json');
    if (!data.ok) {
      console.warn(await data.text());
      this.skip();
    }
    all = ((await data.json()) as { samples: UnipenSample[] }).samples.filter((s) => !s.suspect);
    // Evenly spaced over the whole file, so every contributor's tablet and writers appear.
    samples = Array.from(
      { length: SAMPLES },
      (_, k) => all[Math.floor((k * all.length) / SAMPLES)],
    );
    // The shipped pair, as the element on its defaults: both read the strokes.
    core = await Recognizer.load();
  });

  afterEach(() => resetMouse());

  it(`reads ${SAMPLES} digits drawn with the mouse as well as core reads their strokes`, async () => {
    const el = await fixture<DigitCanvas>(html`<digit-canvas predict-delay="40"></digit-canvas>`);
    const size = el.shadowRoot!.querySelector('canvas')!.clientWidth;
    let elementRight = 0;
    let coreRight = 0;
    let sent = 0;
    let recorded = 0;
    let disagree = 0;
    for (const sample of samples) {
      el.clear();
      const placed = place(sample, size);
      sent += placed.flat().length;
      const predicted = nextPrediction(el, placed.length);
      await drawPixelStrokes(el, placed);
      const detail = await predicted;
      recorded += el.strokes.flat().length;
      if (detail.digit === sample.label) elementRight++;
      const direct = await core.predict(toStrokes(sample));
      if (direct.digit === sample.label) coreRight++;
      if (direct.digit !== detail.digit) disagree++;
    }
    const elementAcc = (100 * elementRight) / samples.length;
    const coreAcc = (100 * coreRight) / samples.length;
    console.log(
      `UNIPEN ${samples.length} samples: <digit-canvas> (mouse input) ${elementAcc.toFixed(1)}%, ` +
        `core on the raw strokes ${coreAcc.toFixed(1)}%; answers differ on ${disagree}; ` +
        `${recorded}/${sent} mouse samples recorded`,
    );
    // Moves arrive faster than frames, so most come as coalesced events: all must be kept.
    expect(recorded / sent, 'share of mouse samples recorded').to.be.at.least(0.98);
    expect(Math.abs(elementAcc - coreAcc), 'accuracy gap in points').to.be.at.most(1);
    expect(elementAcc, 'element accuracy (%)').to.be.at.least(90);
  });

  it(`reads ${NUMBERS} numbers of 2–5 digits, each of one writer, drawn in multiple mode`, async () => {
    // Each number: 2 + (k mod 4) digits of one writer (writers with at least 10 digits, taken in
    // turn), chosen by a seeded generator, drawn left to right in squares of the canvas height.
    const byWriter = new Map<string, UnipenSample[]>();
    for (const s of all) byWriter.set(s.writer, [...(byWriter.get(s.writer) ?? []), s]);
    const writers = [...byWriter.values()].filter((digits) => digits.length >= 10);
    let seed = 11;
    const next = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas
        multiple
        predict-delay="40"
        style="inline-size:600px;aspect-ratio:5/1"
      ></digit-canvas>`,
    );
    const height = el.shadowRoot!.querySelector('canvas')!.clientHeight;
    let exact = 0;
    // What each view would have read on its own, from the same answers (its first choices).
    const byView = { image: 0, trajectory: 0 };
    const misread: string[] = [];
    for (let k = 0; k < NUMBERS; k++) {
      const digits = writers[k % writers.length]!;
      const number = Array.from({ length: 2 + (k % 4) }, () => digits[next(digits.length)]!);
      const expected = number.map((s) => s.label).join('');
      const strokes = number.flatMap((s, i) => place(s, height, i * height));
      el.clear();
      const predicted = nextPrediction(el, strokes.length);
      await drawPixelStrokes(el, strokes);
      const detail = await predicted;
      if (detail.value === expected) exact++;
      for (const view of ['image', 'trajectory'] as const) {
        const read = detail.digits.map((d) => topOf(d.views[view])).join('');
        if (read === expected) byView[view]++;
      }
      if (detail.value !== expected)
        misread.push(`${expected} → ${detail.value || '?'} (${detail.digits.length} digits)`);
    }
    console.log(
      `UNIPEN held-out writers, ${NUMBERS} numbers of 2–5 digits in multiple mode: ${exact} read exactly ` +
        `(the CNN's view alone ${byView.image}, the trajectory view alone ${byView.trajectory}); misread: ${misread.join(', ') || 'none'}`,
    );
    // The shipped CNN alone read 97 of these 100 exactly (its three misses are single digits read
    // wrong, not segmentation); 95% is the target the path must keep, now with the views fused.
    // The log gives each view's own count from the same answers, to tell which one fell short.
    expect(exact / NUMBERS, 'numbers read exactly').to.be.at.least(0.95);
  });

  it('reads a two-digit number drawn side by side in multiple mode', async () => {
    // The first 4 and 2 (from the evenly spaced set) that core reads right on their own.
    const pick = async (label: number) => {
      for (const s of samples.filter((x) => x.label === label)) {
        if ((await core.predict(toStrokes(s))).digit === label) return s;
      }
      throw new Error(`no correctly read ${label} among the samples`);
    };
    const [four, two] = [await pick(4), await pick(2)];
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas multiple style="inline-size:480px;aspect-ratio:2/1"></digit-canvas>`,
    );
    const height = el.shadowRoot!.querySelector('canvas')!.clientHeight;
    const strokes = [...place(four, height, 0), ...place(two, height, height)];
    const predicted = nextPrediction(el, strokes.length);
    await drawPixelStrokes(el, strokes);
    const detail = await predicted;
    expect(detail.value, 'number read').to.equal('42');
    expect(detail.digits.length, 'two digits').to.equal(2);
    expect(el.value, 'element value').to.equal('42');
  });
});
