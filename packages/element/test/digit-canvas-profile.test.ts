// The writer profile: correct(), accept(), the profile property, remember/forget and their
// failures, with a fake recognizer that records what it is asked.
import { elementUpdated, expect, fixture, html } from '@open-wc/testing';

import { WriterProfile, type Stroke } from '@digit-canvas/core';

import '../digit-canvas.js';
import type { DigitCanvas } from '../src/DigitCanvas.js';
import type { DigitErrorEvent, DigitPredictionEvent } from '../src/events.js';
import {
  drawPixelStrokes,
  drawStroke,
  FakeRecognizer,
  nextPrediction,
  resetMouse,
  SEVEN,
} from './helpers.js';

const STROKE: Stroke = [
  { x: 60, y: 40 },
  { x: 140, y: 40 },
  { x: 100, y: 200 },
];
/** Two digits side by side, far apart: segmentDigits splits them in two. */
const TWO_DIGITS: Stroke[] = [
  [
    { x: 20, y: 40 },
    { x: 40, y: 200 },
  ],
  [
    { x: 180, y: 40 },
    { x: 240, y: 40 },
    { x: 200, y: 200 },
  ],
];

let keys = 0;
/** A storage key of this test run's own. */
function freshKey(): string {
  return `digit-canvas-test-profile-${Date.now()}-${keys++}`;
}

async function mount(
  recognizer = new FakeRecognizer(7, 0.6),
  remember = '',
  errors: DigitErrorEvent[] = [],
): Promise<DigitCanvas> {
  return fixture<DigitCanvas>(
    html`<digit-canvas
      .recognizer=${recognizer}
      remember=${remember}
      predict-delay="0"
      @digit-error=${(e: DigitErrorEvent) => {
        e.preventDefault(); // expected in these tests: handled, not logged
        errors.push(e);
      }}
    ></digit-canvas>`,
  );
}

/** Every localStorage key and value. */
function storageSnapshot(): Record<string, string | null> {
  const all: Record<string, string | null> = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!;
    all[key] = localStorage.getItem(key);
  }
  return all;
}

describe('<digit-canvas> profile property', () => {
  afterEach(() => resetMouse());

  it('starts with its own empty WriterProfile and gives it to recognize()', async () => {
    const fake = new FakeRecognizer(7);
    const el = await mount(fake);
    const other = await mount();
    expect(el.profile, 'a core WriterProfile').to.be.instanceOf(WriterProfile);
    expect(el.profile!.size, 'empty').to.equal(0);
    expect(other.profile, 'one per element').not.to.equal(el.profile);
    await drawStroke(el, SEVEN);
    await el.predict();
    expect(fake.options.length, 'recognize called').to.be.above(0);
    for (const options of fake.options) {
      expect(options.profile, 'the element’s profile').to.equal(el.profile);
    }
  });

  it('can be shared, or set to null to read without one; anything else throws', async () => {
    const fake = new FakeRecognizer(7);
    const el = await mount(fake);
    const shared = new WriterProfile();
    el.profile = shared;
    el.strokes = [STROKE];
    await el.predict();
    expect(fake.options.at(-1)!.profile, 'the assigned profile').to.equal(shared);
    el.profile = null;
    await el.predict();
    expect(fake.options.at(-1)!.profile, 'no profile').to.equal(undefined);
    const detail = el.correct(3);
    expect(detail.value, 'a correction still shows without a profile').to.equal('3');
    expect(() => {
      el.profile = { size: 0 } as unknown as WriterProfile;
    }, 'not a profile').to.throw(TypeError, /WriterProfile/);
    expect(el.profile, 'kept').to.equal(null);
  });
});

describe('<digit-canvas> correct()', () => {
  it('teaches the profile the drawing and dispatches the corrected answer', async () => {
    const el = await mount(new FakeRecognizer(7, 0.95));
    el.strokes = [STROKE];
    const read = await el.predict();
    expect(read!.value, 'the models read 7').to.equal('7');
    const events: DigitPredictionEvent[] = [];
    el.addEventListener('digit-prediction', (e) => events.push(e));
    const changes: Event[] = [];
    el.addEventListener('change', (e) => changes.push(e));

    const answer = el.correct('1');

    expect(events.length, 'digit-prediction again').to.equal(1);
    const { detail } = events[0];
    expect(detail, 'returned').to.equal(answer);
    expect(detail.corrected, 'marked as corrected').to.equal(true);
    expect(detail.value, 'value').to.equal('1');
    expect(detail.digit, 'digit').to.equal(1);
    expect(detail.confidence, 'confidence').to.equal(1);
    expect(detail.probabilities[1], 'probability of 1').to.equal(1);
    expect(detail.digits[0].decidedBy, 'decided by the profile').to.equal('profile');
    expect(detail.digits[0].views, 'what the models read is kept').to.deep.equal(
      read!.digits[0].views,
    );
    expect(detail.groups, 'the strokes').to.deep.equal([[STROKE]]);
    expect(el.value, 'form value').to.equal('1');
    expect(changes.length, 'change fired').to.equal(1);
    await elementUpdated(el);
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent, 'announced').to.include(
      'Recognized 1',
    );
    const json = el.profile!.toJSON();
    expect(json.examples, 'one example: the drawing, as 1').to.deep.equal([
      { digit: 1, strokes: [STROKE] },
    ]);
  });

  it('refuses what is not one digit, and an empty drawing', async () => {
    const el = await mount();
    expect(() => el.correct(1), 'nothing drawn').to.throw(DOMException, /nothing is drawn/);
    el.strokes = [STROKE];
    for (const bad of ['12', 'x', '', 10, -1, '٣']) {
      expect(() => el.correct(bad), JSON.stringify(bad)).to.throw(RangeError, /one digit 0–9/);
    }
    expect(el.profile!.size, 'nothing learned').to.equal(0);
  });

  it('in multiple mode pairs each digit with its strokes, and refuses another count', async () => {
    const el = await mount(new FakeRecognizer(0, 0.95, [1, 7]));
    el.multiple = true;
    await elementUpdated(el);
    el.strokes = TWO_DIGITS;
    expect((await el.predict())!.value, 'the models read 17').to.equal('17');
    expect(() => el.correct('123'), 'three for two').to.throw(
      RangeError,
      /holds 2 digits .* "123" has 3/,
    );
    expect(() => el.correct('1x'), 'not digits').to.throw(RangeError, /digits of a number/);
    const answer = el.correct('14');
    expect(answer.value, 'value').to.equal('14');
    expect(answer.digit, 'no single digit').to.equal(null);
    expect(answer.corrected, 'corrected').to.equal(true);
    expect(el.value, 'form value').to.equal('14');
    expect(el.profile!.toJSON().examples, 'each digit with its own strokes').to.deep.equal([
      { digit: 1, strokes: [TWO_DIGITS[0]] },
      { digit: 4, strokes: [TWO_DIGITS[1]] },
    ]);
  });

  it('is not overwritten by a prediction still pending for the same drawing', async () => {
    const el = await mount(new FakeRecognizer(7, 0.95));
    el.predictDelay = 30;
    el.strokes = [STROKE]; // schedules a prediction in 30 ms
    el.correct(2);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(el.value, 'the correction stands').to.equal('2');
  });
});

describe('<digit-canvas> accept()', () => {
  it('teaches an unsure answer once, and not a sure one', async () => {
    const unsure = new FakeRecognizer(4, 0.6);
    const el = await mount(unsure);
    expect(el.accept(), 'no answer yet').to.equal(false);
    el.strokes = [STROKE];
    await el.predict();
    expect(el.accept(), 'an unsure answer is learned').to.equal(true);
    expect(el.profile!.toJSON().examples, 'as 4').to.deep.equal([{ digit: 4, strokes: [STROKE] }]);
    expect(el.accept(), 'the same answer again').to.equal(false);
    expect(el.profile!.size, 'once').to.equal(1);

    unsure.confidence = 0.95;
    await el.predict();
    expect(el.accept(), 'a sure answer teaches nothing').to.equal(false);
    expect(el.profile!.size, 'still one').to.equal(1);
  });

  it('has nothing to accept when "not sure", after a change, or after a correction', async () => {
    const el = await mount(new FakeRecognizer(4, 0.6));
    el.minConfidence = 0.8;
    el.strokes = [STROKE];
    expect((await el.predict())!.value, 'not sure').to.equal('');
    expect(el.accept(), 'not sure: nothing to accept').to.equal(false);
    el.minConfidence = 0;
    await el.predict();
    el.undo(); // the drawing changed: the answer no longer describes it
    expect(el.accept(), 'stale').to.equal(false);
    el.strokes = [STROKE];
    await el.predict();
    el.correct(9);
    expect(el.accept(), 'a correction is already learned').to.equal(false);
    expect(el.profile!.size, 'only the correction').to.equal(1);
  });

  it('teaches every digit of an unsure number', async () => {
    const el = await mount(new FakeRecognizer(0, 0.6, [3, 8]));
    el.multiple = true;
    await elementUpdated(el);
    el.strokes = TWO_DIGITS;
    await el.predict();
    expect(el.accept(), 'learned').to.equal(true);
    expect(
      el.profile!.toJSON().examples.map((e) => e.digit),
      'both digits',
    ).to.deep.equal([3, 8]);
  });
});

describe('<digit-canvas remember>', () => {
  it('stores nothing without remember', async () => {
    const before = storageSnapshot();
    const el = await mount(new FakeRecognizer(4, 0.6));
    el.strokes = [STROKE];
    await el.predict();
    el.accept();
    el.correct(5);
    el.forget();
    expect(storageSnapshot(), 'localStorage untouched').to.deep.equal(before);
  });

  it('restores the profile in a new element with the same key; forget() removes it', async () => {
    const key = freshKey();
    const first = await mount(new FakeRecognizer(7, 0.95), key);
    first.strokes = [STROKE];
    first.correct(1);
    const stored = JSON.parse(localStorage.getItem(key)!) as unknown;
    expect(stored, 'saved after the lesson').to.deep.equal(first.profile!.toJSON());
    first.remove();

    const fake = new FakeRecognizer(7, 0.95);
    const second = await mount(fake, key);
    expect(second.profile!.toJSON().examples, 'restored on connect').to.deep.equal([
      { digit: 1, strokes: [STROKE] },
    ]);
    second.strokes = [STROKE];
    await second.predict();
    expect(fake.options.at(-1)!.profile!.size, 'the restored profile is used').to.equal(1);

    second.forget();
    expect(second.profile!.size, 'empty').to.equal(0);
    expect(localStorage.getItem(key), 'stored copy removed').to.equal(null);
    const third = await mount(new FakeRecognizer(7), key);
    expect(third.profile!.size, 'nothing to restore').to.equal(0);
  });

  it('restores when remember is set later, into a shared profile', async () => {
    const key = freshKey();
    const source = new WriterProfile();
    source.learn([STROKE], 2);
    localStorage.setItem(key, JSON.stringify(source));
    const el = await mount();
    const shared = new WriterProfile();
    el.profile = shared;
    el.remember = key;
    await elementUpdated(el);
    expect(el.profile, 'the same object').to.equal(shared);
    expect(shared.size, 'restored into it').to.equal(1);
    localStorage.removeItem(key);
  });

  const corrupt: [string, string, RegExp][] = [
    ['not JSON', '{"format": ', /JSON|Unexpected|unterminated|end/i],
    ['another format', '{"format":"something-else","version":1,"examples":[]}', /format/],
    [
      'another version',
      '{"format":"digit-canvas-writer-profile","version":2,"examples":[]}',
      /version/,
    ],
    [
      'bad strokes',
      '{"format":"digit-canvas-writer-profile","version":1,"examples":[{"digit":3,"strokes":[[{"x":"a","y":1}]]}]}',
      /examples\[0\]\.strokes/,
    ],
    [
      'a digit out of range',
      '{"format":"digit-canvas-writer-profile","version":1,"examples":[{"digit":12,"strokes":[[{"x":1,"y":1}]]}]}',
      /examples\[0\]\.digit/,
    ],
  ];
  for (const [what, text, reason] of corrupt) {
    it(`reports stored data that is ${what} with digit-error and starts empty`, async () => {
      const key = freshKey();
      localStorage.setItem(key, text);
      const errors: DigitErrorEvent[] = [];
      const el = await mount(new FakeRecognizer(6, 0.95), key, errors);
      expect(errors.length, 'one digit-error').to.equal(1);
      const { detail } = errors[0];
      expect(detail.kind, 'kind').to.equal('profile');
      expect(detail.message, 'names the key').to.include(`"${key}"`);
      expect(detail.message, 'says what was wrong').to.match(/not a valid writer profile/);
      expect(detail.message, 'and why').to.match(reason);
      expect(detail.error, 'an Error').to.be.instanceOf(Error);
      expect(el.profile!.size, 'an empty profile').to.equal(0);
      el.strokes = [STROKE];
      expect((await el.predict())!.value, 'still reads').to.equal('6');
      el.correct(5);
      expect(
        JSON.parse(localStorage.getItem(key)!),
        'the next lesson replaces the bad copy',
      ).to.deep.equal(el.profile!.toJSON());
      localStorage.removeItem(key);
    });
  }

  it('reports a storage that refuses (quota, disabled) and keeps working', async () => {
    const key = freshKey();
    const proto = Storage.prototype;
    const { getItem, setItem, removeItem } = proto;
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    proto.getItem = proto.setItem = proto.removeItem = refuse;
    const errors: DigitErrorEvent[] = [];
    try {
      const el = await mount(new FakeRecognizer(6, 0.95), key, errors);
      expect(errors.length, 'reading refused').to.equal(1);
      expect(errors[0].detail.message, 'read').to.match(/could not be read from localStorage/);
      el.strokes = [STROKE];
      expect((await el.predict())!.value, 'still reads').to.equal('6');
      expect(el.correct(5).value, 'corrected').to.equal('5');
      expect(el.profile!.size, 'learned in memory').to.equal(1);
      expect(errors.length, 'saving refused').to.equal(2);
      expect(errors[1].detail.kind, 'kind').to.equal('profile');
      expect(errors[1].detail.message, 'names the key and the reason').to.match(
        new RegExp(`"${key}" could not be saved to localStorage: The quota has been exceeded`),
      );
      el.forget();
      expect(el.profile!.size, 'forgotten in memory').to.equal(0);
      expect(errors[2].detail.message, 'removal refused').to.match(/could not be removed/);
    } finally {
      Object.assign(proto, { getItem, setItem, removeItem });
    }
  });
});

describe('<digit-canvas> learning a writer’s 7 with the shipped models', () => {
  afterEach(() => resetMouse());

  /** A 7 with a short bar, as some write it: the shipped pair reads it as 1 (about 81%). */
  const SHORT_BAR_SEVEN: Stroke[] = [
    [
      { x: 100, y: 60 },
      { x: 150, y: 60 },
      { x: 133, y: 230 },
    ],
  ];
  /** A 5, unlike it: the profile must leave it alone. */
  const FIVE: Stroke[] = [
    [
      { x: 190, y: 50 },
      { x: 110, y: 50 },
      { x: 100, y: 130 },
      { x: 170, y: 130 },
      { x: 180, y: 200 },
      { x: 100, y: 230 },
    ],
  ];

  async function draw(el: DigitCanvas, strokes: Stroke[]) {
    el.clear();
    const predicted = nextPrediction(el, strokes.length);
    await drawPixelStrokes(el, strokes); // real mouse input: points sampled by the engine
    return predicted;
  }

  it('misreads the 7, is corrected, and reads the next one drawn alike as 7', async () => {
    const el = await fixture<DigitCanvas>(html`<digit-canvas predict-delay="0"></digit-canvas>`);
    const before = await draw(el, SHORT_BAR_SEVEN);
    expect(before.value, 'the models alone read a 1').to.equal('1');
    expect(before.digits[0].decidedBy, 'no profile at work yet').not.to.equal('profile');

    const corrected = nextPrediction(el, 1);
    el.correct(7);
    expect((await corrected).corrected, 'the correction dispatched').to.equal(true);
    expect(el.profile!.size, 'learned').to.equal(1);

    const after = await draw(el, SHORT_BAR_SEVEN);
    expect(after.corrected, 'a reading, not the correction').to.equal(undefined);
    expect(after.value, 'drawn again: read as the writer’s 7').to.equal('7');
    expect(after.digits[0].decidedBy, 'the profile changed the answer').to.equal('profile');

    const five = await draw(el, FIVE);
    expect(five.value, 'another digit is read as before').to.equal('5');
    expect(five.digits[0].decidedBy, 'not by the profile').not.to.equal('profile');

    const control = await fixture<DigitCanvas>(
      html`<digit-canvas predict-delay="0"></digit-canvas>`,
    );
    expect((await draw(control, SHORT_BAR_SEVEN)).value, 'another element, no lesson: 1').to.equal(
      '1',
    );
  });
});
