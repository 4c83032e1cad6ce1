// RecognitionController on its own, in a tiny host, with fake recognizers and a fake loader:
// scheduling, stale answers, loading, sharing and releasing, without tfjs.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';

import {
  emptyRecognition,
  type Backend,
  type DigitRecognizer,
  type Recognition,
  type RecognizeOptions,
  type RecognizerInput,
  type Stroke,
} from '@digit-canvas/core';

import {
  RecognitionController,
  type LoadedRecognizer,
  type ModelSource,
} from '../src/controllers/RecognitionController.js';
import type { DigitErrorDetail, DigitPredictionEvent, DigitReadyEvent } from '../src/events.js';
import { FakeRecognizer } from './helpers.js';

/** A FakeRecognizer as the loader gives it: with a source, and a count of dispose() calls. */
class LoadedFake extends FakeRecognizer implements LoadedRecognizer {
  disposed = 0;
  constructor(
    readonly modelUrl: string,
    readonly backend: Backend,
    readonly trajectoryModelUrl: string | null = null,
  ) {
    super(3);
  }
  dispose(): void {
    this.disposed++;
  }
}

/** Resolves when told to: a recognizer or a load still under way. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(e: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

const STROKES: Stroke[] = [
  [
    { x: 10, y: 10 },
    { x: 90, y: 90 },
  ],
];

class RecognitionHost extends LitElement {
  static override properties = {
    multiple: { type: Boolean },
    modelUrl: {},
    trajectoryModelUrl: {},
  };
  declare multiple: boolean;
  declare modelUrl: string;
  declare trajectoryModelUrl: string | undefined;
  drawing: Stroke[] = [];
  delay = 10;
  readonly values: string[] = [];
  readonly announcements: string[] = [];
  readonly errors: DigitErrorDetail[] = [];
  readonly loads: ModelSource[] = [];
  readonly loaded: LoadedFake[] = [];
  loader = (source: ModelSource): Promise<LoadedRecognizer> => {
    const recognizer = new LoadedFake(
      source.modelUrl ?? '',
      source.backend,
      source.trajectoryModelUrl ?? null,
    );
    this.loaded.push(recognizer);
    return Promise.resolve(recognizer);
  };

  readonly recognition = new RecognitionController(this, {
    modelUrl: () => this.modelUrl,
    trajectoryModelUrl: () => this.trajectoryModelUrl,
    backend: () => 'cpu',
    delay: () => this.delay,
    strokes: () => this.drawing.map((stroke) => [...stroke]),
    recognizeOptions: () => ({ multiple: this.multiple, minConfidence: 0.5 }),
    onValue: (value) => this.values.push(value),
    announce: (what, value) => this.announcements.push(value ? `${what} ${value}` : what),
    reportError: (detail) => this.errors.push(detail),
    load: (source) => {
      this.loads.push(source);
      return this.loader(source);
    },
  });

  constructor() {
    super();
    this.multiple = false;
    this.modelUrl = '/a/model.json';
    this.trajectoryModelUrl = '/a/trajectory.json';
  }
}
customElements.define('recognition-host', RecognitionHost);

/** A host holding STROKES, set up by `setup` before it is connected (and may load at idle). */
async function mount(setup: (el: RecognitionHost) => void = () => {}): Promise<RecognitionHost> {
  const el = document.createElement('recognition-host') as RecognitionHost;
  el.drawing = STROKES;
  setup(el);
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.append(el);
  await el.updateComplete;
  return el;
}

const withRecognizer = (recognizer: DigitRecognizer) => (el: RecognitionHost) => {
  el.recognition.recognizer = recognizer;
};

/** A recognizer whose answers wait until `answer()` is called. */
class SlowRecognizer {
  readonly calls: { input: RecognizerInput; options?: RecognizeOptions }[] = [];
  #pending = deferred<Recognition>();
  recognize(input: RecognizerInput, options?: RecognizeOptions): Promise<Recognition> {
    this.calls.push({ input, options });
    return this.#pending.promise;
  }
  answer(recognition: Recognition): void {
    this.#pending.resolve(recognition);
  }
}

describe('RecognitionController', () => {
  it('loads the model ahead of the first stroke once the page is idle, in every engine', async () => {
    // Safari has no requestIdleCallback: there the load waits for the page's load event instead.
    const el = await mount();
    await waitUntil(() => el.loads.length === 1, 'model loaded with no interaction', {
      timeout: 3000,
    });
    expect(el.recognition.recognizer, 'the loaded recognizer').to.equal(el.loaded[0]);
  });

  it('debounces: several schedule() calls within the delay make one prediction', async () => {
    const fake = new FakeRecognizer(7);
    const el = await mount(withRecognizer(fake));
    const events: DigitPredictionEvent[] = [];
    el.addEventListener('digit-prediction', (e) => events.push(e));
    el.recognition.schedule();
    await aTimeout(5);
    el.recognition.schedule();
    el.recognition.schedule();
    await waitUntil(() => events.length > 0, 'a prediction');
    await aTimeout(30);
    expect(fake.inputs.length, 'one recognizer call').to.equal(1);
    expect(events.length, 'one digit-prediction').to.equal(1);
    expect(events[0].composed && events[0].bubbles, 'bubbles, composed').to.equal(true);
    expect(el.values, 'value published').to.deep.equal(['7']);
    expect(el.announcements, 'announced').to.deep.equal(['recognized 7']);
  });

  it("passes the drawing and its options to the recognizer, and publishes core's answer as it is", async () => {
    const slow = new SlowRecognizer();
    const el = await mount((host) => {
      host.multiple = true;
      host.recognition.recognizer = slow;
    });
    const predicted = el.recognition.predict();
    await waitUntil(() => slow.calls.length > 0, 'recognize called');
    const answer = { ...emptyRecognition(), value: '42', digits: [] };
    slow.answer(answer);
    expect(await predicted, 'the same object').to.equal(answer);
    expect(slow.calls[0].input, 'the drawing').to.deep.equal(STROKES);
    expect(slow.calls[0].options, 'options').to.deep.equal({ multiple: true, minConfidence: 0.5 });
    expect(el.values, 'its value').to.deep.equal(['42']);
  });

  it("answers an empty drawing with core's emptyRecognition, without asking the recognizer", async () => {
    const slow = new SlowRecognizer();
    const el = await mount(withRecognizer(slow));
    el.drawing = [];
    const seen = oneEvent(el, 'digit-prediction') as Promise<DigitPredictionEvent>;
    const answer = await el.recognition.predict();
    const empty = emptyRecognition();
    expect((await seen).detail, 'dispatched').to.equal(answer);
    expect(
      [answer!.value, answer!.digit, answer!.confidence, answer!.digits, answer!.groups],
      'empty',
    ).to.deep.equal([empty.value, empty.digit, empty.confidence, empty.digits, empty.groups]);
    expect(answer!.input.length, '28×28 zeros').to.equal(784);
    expect(el.announcements, 'announced').to.deep.equal(['empty']);
    expect(slow.calls.length, 'recognizer not asked').to.equal(0);
  });

  it('drops an answer that arrives after the drawing changed', async () => {
    const slow = new SlowRecognizer();
    const el = await mount(withRecognizer(slow));
    let events = 0;
    el.addEventListener('digit-prediction', () => events++);
    const predicted = el.recognition.predict();
    await waitUntil(() => slow.calls.length > 0, 'recognize called');
    el.recognition.invalidate(); // a new stroke, undo, clear…
    slow.answer({ ...emptyRecognition(), value: '1' });
    expect(await predicted, 'null: stale').to.equal(null);
    expect(events, 'no event').to.equal(0);
    expect(el.values, 'no value').to.deep.equal([]);
  });

  it('hold() cancels a scheduled prediction and starts loading the model', async () => {
    const el = await mount();
    let events = 0;
    el.addEventListener('digit-prediction', () => events++);
    el.recognition.schedule();
    el.recognition.hold();
    await aTimeout(40);
    expect(events, 'no prediction').to.equal(0);
    expect(el.loads.length, 'loading started (once)').to.equal(1);
  });

  it('loads once for every caller, dispatches digit-ready, and prefers an assigned recognizer', async () => {
    const ready: DigitReadyEvent[] = [];
    const el = await mount((host) => host.addEventListener('digit-ready', (e) => ready.push(e)));
    const [a, b] = await Promise.all([el.recognition.load(), el.recognition.load()]);
    expect(a, 'same recognizer').to.equal(b);
    expect(el.loads, 'one load, of the source').to.deep.equal([
      { modelUrl: '/a/model.json', trajectoryModelUrl: '/a/trajectory.json', backend: 'cpu' },
    ]);
    expect(
      ready.map((e) => e.detail),
      'one digit-ready',
    ).to.deep.equal([
      { modelUrl: '/a/model.json', trajectoryModelUrl: '/a/trajectory.json', backend: 'cpu' },
    ]);
    const assigned = new FakeRecognizer(1);
    el.recognition.recognizer = assigned;
    expect(await el.recognition.load(), 'the assigned one').to.equal(assigned);
    el.recognition.recognizer = null;
    expect(await el.recognition.load(), 'the loaded one again').to.equal(a);
  });

  it('reports a model that cannot load once, as kind "model", and then answers null without retrying', async () => {
    const el = await mount((host) => {
      host.loader = () => Promise.reject(new Error('Could not load the digit model from /a: 404.'));
    });
    expect(await el.recognition.predict(), 'no model: null').to.equal(null);
    expect(await el.recognition.predict(), 'still null').to.equal(null);
    expect(el.loads.length, 'one attempt').to.equal(1);
    expect(el.errors.length, 'one error').to.equal(1);
    expect(el.errors[0].kind, 'kind').to.equal('model');
    expect(el.errors[0].message, 'message').to.equal(
      'Digit recognition is unavailable: Could not load the digit model from /a: 404. Drawing still works, but digits are not recognized.',
    );
    expect((el.errors[0].error.cause as Error).message, 'cause').to.match(/404/);
    expect(el.announcements, 'announced').to.deep.equal(['unavailable']);
  });

  it('reports a recognizer that throws, and answers null', async () => {
    const el = await mount(
      withRecognizer({ recognize: () => Promise.reject(new RangeError('Too many strokes.')) }),
    );
    expect(await el.recognition.predict(), 'null').to.equal(null);
    expect(el.errors.map((e) => e.message)).to.deep.equal([
      'The digit model failed to predict: Too many strokes. Drawing still works, but digits are not recognized.',
    ]);
  });

  it('lets go of the model when the host leaves the page, not when it moves', async () => {
    const el = await mount();
    await el.recognition.load();
    const [model] = el.loaded;
    const parent = el.parentElement!;
    parent.append(el); // a move: disconnected and reconnected in one task
    await aTimeout(0);
    expect(model.disposed, 'kept across a move').to.equal(0);
    el.remove();
    await aTimeout(0);
    expect(model.disposed, 'released once gone').to.equal(1);
    expect(el.recognition.recognizer, 'none').to.equal(null);
    parent.append(el);
    expect(await el.recognition.load(), 'loads again on return').to.equal(el.loaded[1]);
  });

  it('releases the model when its source changes, and disposes a load that finishes too late', async () => {
    const el = await mount();
    await el.recognition.load();
    el.modelUrl = '/b/model.json';
    await el.updateComplete;
    expect(el.loaded[0].disposed, 'old model released').to.equal(1);
    await el.recognition.load();
    expect(el.loads.at(-1)?.modelUrl, 'the new source loaded').to.equal('/b/model.json');

    const late = deferred<LoadedRecognizer>();
    el.loader = () => late.promise;
    el.modelUrl = '/c/model.json';
    await el.updateComplete;
    const loading = el.recognition.load();
    el.modelUrl = '/d/model.json'; // changed again while /c loads
    await el.updateComplete;
    const stale = new LoadedFake('/c/model.json', 'cpu');
    late.resolve(stale);
    expect(await loading, 'the late load gives nothing').to.equal(null);
    expect(stale.disposed, 'and is disposed').to.equal(1);
  });

  it('loads the pair again when only the trajectory model changes', async () => {
    const el = await mount();
    await el.recognition.load();
    el.trajectoryModelUrl = '/b/trajectory.json';
    await el.updateComplete;
    expect(el.loaded[0].disposed, 'the old pair released').to.equal(1);
    await el.recognition.load();
    expect(el.loads.at(-1), 'the new pair loaded').to.deep.equal({
      modelUrl: '/a/model.json',
      trajectoryModelUrl: '/b/trajectory.json',
      backend: 'cpu',
    });
    el.trajectoryModelUrl = undefined; // core's default for this CNN
    await el.updateComplete;
    await el.recognition.load();
    expect(el.loads.length, 'and again without one').to.equal(3);
    expect(el.loaded[2].trajectoryModelUrl, 'the CNN alone').to.equal(null);
  });

  it('makes a prediction that was waiting for its delay once the host is back', async () => {
    const fake = new FakeRecognizer(8);
    const el = await mount(withRecognizer(fake));
    el.delay = 50;
    el.recognition.schedule();
    const parent = el.parentElement!;
    el.remove();
    await aTimeout(100);
    expect(fake.inputs.length, 'none while detached').to.equal(0);
    const predicted = oneEvent(el, 'digit-prediction');
    parent.append(el);
    await predicted;
    expect(fake.inputs.length, 'made once back').to.equal(1);
  });

  it('reads the drawing again when multiple is switched', async () => {
    const fake = new FakeRecognizer(5, 0.9, [1, 2]);
    const el = await mount(withRecognizer(fake));
    const predicted = oneEvent(el, 'digit-prediction') as Promise<DigitPredictionEvent>;
    el.multiple = true;
    expect((await predicted).detail.value, 'read as a number').to.equal('12');
    expect(fake.numbers.length, 'multiple: true').to.equal(1);
  });
});
