import {
  aTimeout,
  elementUpdated,
  expect,
  fixture,
  html,
  oneEvent,
  waitUntil,
} from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';

import '../digit-canvas.js';
import type { DigitCanvas } from '../src/DigitCanvas.js';
import type { DigitPredictionEvent } from '../src/events.js';
import { runFormControlTests } from './form-control-tests.js';
import {
  accessibilityOf,
  drawStroke,
  FakeRecognizer,
  inkedPixels,
  inputSupport,
  nextPrediction,
  pressChord,
  resetMouse,
  SEVEN,
} from './helpers.js';

async function mount(recognizer = new FakeRecognizer(7), attrs = ''): Promise<DigitCanvas> {
  const el = await fixture<DigitCanvas>(
    html`<digit-canvas .recognizer=${recognizer} predict-delay="20"></digit-canvas>`,
  );
  if (attrs) {
    for (const [k, v] of new URLSearchParams(attrs)) el.setAttribute(k, v);
    await elementUpdated(el);
  }
  return el;
}

describe('<digit-canvas> drawing and prediction', () => {
  afterEach(() => resetMouse());

  it('dispatches digit-prediction (bubbling, composed) after a stroke drawn with the mouse', async () => {
    const fake = new FakeRecognizer(7, 0.93);
    const el = await mount(fake);
    const seen = oneEvent(document, 'digit-prediction') as Promise<DigitPredictionEvent>;
    await drawStroke(el, SEVEN);
    const event = await seen;
    expect(event.composed, 'composed').to.equal(true);
    expect(event.target, 'target').to.equal(el);
    expect(event.detail.digit, 'digit').to.equal(7);
    expect(event.detail.value, 'value').to.equal('7');
    expect(event.detail.confidence, 'confidence').to.be.closeTo(0.93, 1e-9);
    expect(el.value, 'element value').to.equal('7');
    expect(fake.inputs.length, 'one model call').to.equal(1);
    expect(fake.inputs[0].length, 'MNIST input size').to.equal(784);
    const ink = fake.inputs[0].reduce((a, b) => a + b, 0);
    expect(ink, 'the drawn stroke reached the model as ink').to.be.greaterThan(10);
    expect(el.strokes.length, 'one stroke').to.equal(1);
    expect(el.strokes[0].length, 'points sampled along the stroke').to.be.at.least(SEVEN.length);
    expect(inkedPixels(el), 'ink painted on the canvas').to.be.greaterThan(500);
  });

  it('waits for predict-delay after the last stroke, so a two-stroke digit is read once', async () => {
    const fake = new FakeRecognizer(4);
    const el = await mount(fake);
    el.predictDelay = 400;
    const events: DigitPredictionEvent[] = [];
    el.addEventListener('digit-prediction', (e) => events.push(e));
    await drawStroke(el, [
      [0.3, 0.2],
      [0.25, 0.55],
      [0.7, 0.55],
    ]);
    await drawStroke(el, [
      [0.6, 0.3],
      [0.6, 0.9],
    ]);
    expect(events.length, 'nothing before the delay').to.equal(0);
    await waitUntil(() => events.length > 0, 'a prediction after the delay');
    await aTimeout(50);
    expect(events.length, 'exactly one prediction').to.equal(1);
    expect(fake.inputs.length, 'one model call for both strokes').to.equal(1);
    expect(el.strokes.length, 'two strokes').to.equal(2);
  });

  it('turns an answer below min-confidence into "not sure" (digit null, empty value)', async () => {
    const el = await mount(new FakeRecognizer(3, 0.55), 'min-confidence=0.8');
    const seen = oneEvent(el, 'digit-prediction') as Promise<DigitPredictionEvent>;
    await drawStroke(el, SEVEN);
    const { detail } = await seen;
    expect(detail.digit, 'digit').to.equal(null);
    expect(detail.value, 'value').to.equal('');
    expect(detail.confidence, 'confidence still reported').to.be.closeTo(0.55, 1e-9);
    expect(
      el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim(),
      'announced',
    ).to.equal('Not sure');
  });

  it('reads a whole number in multiple mode, with one prediction per digit', async () => {
    const fake = new FakeRecognizer(0, 0.9, [4, 2]);
    const el = await mount(fake, 'multiple=');
    const seen = oneEvent(el, 'digit-prediction') as Promise<DigitPredictionEvent>;
    await drawStroke(el, [
      [0.1, 0.2],
      [0.1, 0.8],
    ]);
    const { detail } = await seen;
    expect(detail.value, 'value').to.equal('42');
    expect(
      detail.digits.map((d) => d.digit),
      'digits',
    ).to.deep.equal([4, 2]);
    expect(detail.digit, 'no single digit').to.equal(null);
    expect(fake.numbers.length, 'predictNumber called').to.equal(1);
    expect(fake.inputs.length, 'predict not called').to.equal(0);
    expect(el.value, 'value').to.equal('42');
  });

  it('undo() removes the last stroke and predicts again; clear() empties it and fires digit-clear', async () => {
    const fake = new FakeRecognizer(1);
    const el = await mount(fake);
    const first = nextPrediction(el, 1);
    await drawStroke(el, SEVEN);
    await first;
    const second = nextPrediction(el, 2);
    await drawStroke(el, [
      [0.5, 0.1],
      [0.5, 0.9],
    ]);
    await second;
    const before = inkedPixels(el);
    const again = oneEvent(el, 'digit-prediction');
    el.undo();
    expect(el.strokes.length, 'one stroke left').to.equal(1);
    expect(inkedPixels(el), 'canvas repainted without the stroke').to.be.lessThan(before);
    await again;
    expect(fake.inputs.length, 'predicted again after undo').to.equal(3);

    const cleared = oneEvent(el, 'digit-clear');
    el.clear();
    await cleared;
    expect(el.strokes, 'no strokes').to.deep.equal([]);
    expect(el.value, 'no value').to.equal('');
    expect(inkedPixels(el), 'blank canvas').to.equal(0);
  });

  it('clears with Escape or Delete and undoes with Ctrl+Z from the keyboard', async () => {
    const el = await mount();
    await drawStroke(el, SEVEN);
    await drawStroke(el, [
      [0.2, 0.6],
      [0.8, 0.6],
    ]);
    el.focus();
    await pressChord('Control', 'z');
    expect(el.strokes.length, 'Ctrl+Z undid one stroke').to.equal(1);
    const cleared = oneEvent(el, 'digit-clear');
    await sendKeys({ press: 'Escape' });
    await cleared;
    expect(el.strokes.length, 'Escape cleared').to.equal(0);
    await drawStroke(el, SEVEN);
    await sendKeys({ press: 'Delete' });
    expect(el.strokes.length, 'Delete cleared').to.equal(0);
  });

  it('round-trips strokes as JSON and rejects malformed strokes with a clear error', async () => {
    const el = await mount(new FakeRecognizer(2));
    const strokes = [
      [
        { x: 40, y: 50 },
        { x: 200, y: 60 },
        { x: 80, y: 230 },
      ],
    ];
    const seen = oneEvent(el, 'digit-prediction') as Promise<DigitPredictionEvent>;
    el.strokes = JSON.stringify(strokes);
    expect((await seen).detail.digit, 'predicted from assigned strokes').to.equal(2);
    expect(JSON.parse(JSON.stringify(el.strokes)), 'same strokes back').to.deep.equal(strokes);
    expect(inkedPixels(el), 'assigned strokes painted').to.be.greaterThan(500);
    expect(() => {
      el.strokes = [[{ x: 1, y: Number.NaN }]];
    }, 'NaN coordinate').to.throw(/Stroke 0, point 0: y must be a finite number/);
    expect(() => {
      el.strokes = '{oops';
    }, 'bad JSON').to.throw(/strokes: expected JSON/);
  });

  it('ignores input while disabled', async () => {
    const fake = new FakeRecognizer(5);
    const el = await mount(fake, 'disabled=');
    await drawStroke(el, SEVEN);
    await aTimeout(60);
    expect(el.strokes.length, 'no stroke recorded').to.equal(0);
    expect(el.tabIndex, 'not focusable').to.equal(-1);
    expect(fake.inputs.length, 'no prediction').to.equal(0);
  });

  it('ends the stroke on pointercancel, so the next stroke draws normally', async () => {
    const el = await mount();
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const r = canvas.getBoundingClientRect();
    const init = { pointerId: 7, isPrimary: true, pointerType: 'touch', bubbles: true };
    canvas.dispatchEvent(
      new PointerEvent('pointerdown', { ...init, clientX: r.left + 30, clientY: r.top + 30 }),
    );
    canvas.dispatchEvent(
      new PointerEvent('pointermove', { ...init, clientX: r.left + 60, clientY: r.top + 60 }),
    );
    canvas.dispatchEvent(new PointerEvent('pointercancel', init));
    expect(el.strokes.length, 'cancelled stroke kept as drawn').to.equal(1);
    await drawStroke(el, SEVEN);
    expect(el.strokes.length, 'next stroke recorded').to.equal(2);
    expect(el.strokes[1].length, 'with its own points').to.be.at.least(SEVEN.length);
  });

  it('keeps the backing store at device pixels and redraws the strokes on resize', async () => {
    const el = await mount();
    await drawStroke(el, SEVEN);
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    expect(canvas.width, 'device px width').to.equal(
      Math.round(canvas.clientWidth * devicePixelRatio),
    );
    el.style.inlineSize = '140px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await aTimeout(20);
    expect(canvas.clientWidth, 'canvas fills the 140px box inside its border').to.equal(138);
    expect(canvas.width, 'resized backing store').to.equal(Math.round(138 * devicePixelRatio));
    expect(inkedPixels(el), 'strokes repainted after resize').to.be.greaterThan(100);
  });

  it('draws at device resolution on a high-DPI screen (devicePixelRatio 2)', async function () {
    if (!(await inputSupport()).viewport) this.skip(); // WebKitGTK's WebDriver cannot emulate it
    await executeServerCommand('viewport', { width: 800, height: 600, scale: 2 });
    try {
      const el = await mount();
      const canvas = el.shadowRoot!.querySelector('canvas')!;
      await waitUntil(() => canvas.width !== 300, 'backing store sized (300 is the HTML default)');
      expect(devicePixelRatio, 'emulated DPR').to.equal(2);
      expect(canvas.width, 'width in device px').to.equal(canvas.clientWidth * 2);
      expect(canvas.height, 'height in device px').to.equal(canvas.clientHeight * 2);
      await drawStroke(el, SEVEN);
      // An 18 px pen over ~500 CSS px of path covers ~9,000 CSS px², i.e. ~36,000 device px.
      expect(inkedPixels(el), 'strokes painted at 2×').to.be.greaterThan(20_000);
    } finally {
      await executeServerCommand('viewport', null);
    }
  });

  it('records pen pressure and keeps it in the strokes', async () => {
    const el = await mount();
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const r = canvas.getBoundingClientRect();
    const pen = { pointerId: 3, isPrimary: true, pointerType: 'pen', bubbles: true };
    const at = (x: number, y: number, pressure: number) => ({
      ...pen,
      clientX: r.left + x,
      clientY: r.top + y,
      pressure,
    });
    canvas.dispatchEvent(new PointerEvent('pointerdown', at(40, 40, 0.2)));
    canvas.dispatchEvent(new PointerEvent('pointermove', at(120, 120, 0.9)));
    canvas.dispatchEvent(new PointerEvent('pointerup', at(200, 200, 0)));
    const [stroke] = el.strokes;
    expect(
      stroke.map((p) => p.pressure),
      'pressures',
    ).to.deep.equal([Math.fround(0.2), Math.fround(0.9), 0]);
  });

  it('pauses a pending prediction while detached and makes it once reattached', async () => {
    const fake = new FakeRecognizer(8);
    const el = await mount(fake);
    el.predictDelay = 200;
    const parent = el.parentElement!;
    let events = 0;
    el.addEventListener('digit-prediction', () => events++);
    await drawStroke(el, SEVEN);
    el.remove();
    await aTimeout(300);
    expect(events, 'no prediction while detached').to.equal(0);
    expect(fake.inputs.length, 'no model call while detached').to.equal(0);
    const resumed = nextPrediction(el, 1);
    parent.append(el);
    await resumed;
    expect(events, 'the pending prediction, once').to.equal(1);
    expect(el.value, 'value').to.equal('8');
    expect(inkedPixels(el), 'drawing still painted').to.be.greaterThan(100);
    const predicted = nextPrediction(el, 2);
    await drawStroke(el, SEVEN);
    await predicted;
    expect(events, 'and draws and predicts as before').to.equal(2);
  });
});

describe('<digit-canvas> layout and theming', () => {
  afterEach(() => resetMouse());

  it('is a 280px square by default, shrinks to a narrow container, and never scrolls on touch', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="inline-size:150px">
        <digit-canvas .recognizer=${new FakeRecognizer(1)}></digit-canvas>
      </div>`,
    );
    const el = wrap.querySelector('digit-canvas')!;
    expect(el.getBoundingClientRect().width, 'shrunk to the container').to.equal(150);
    expect(el.getBoundingClientRect().height, 'still square').to.equal(150);
    wrap.style.inlineSize = '600px';
    expect(el.getBoundingClientRect().width, 'default size').to.equal(280);
    expect(getComputedStyle(el).touchAction, 'touch-action').to.equal('none');
  });

  /** The first fully opaque pixel's colour, read back from the backing store. */
  function inkAt(el: DigitCanvas): number[] | null {
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < data.length; i += 4)
      if (data[i + 3] === 255) return [...data.slice(i, i + 3)];
    return null;
  }

  it('paints with --digit-canvas-ink', async () => {
    const el = await mount();
    el.style.setProperty('--digit-canvas-ink', 'rgb(255, 0, 0)');
    await drawStroke(el, SEVEN);
    expect(inkAt(el), 'custom ink colour').to.deep.equal([255, 0, 0]);
  });

  it('paints with the system text colour in forced-colors mode', async function () {
    // Only Chromium's automation emulates forced colours (Firefox's BiDi and WebKit's WebDriver do not).
    if (!(await inputSupport()).forcedColors) this.skip();
    const el = await mount();
    el.style.setProperty('--digit-canvas-ink', 'rgb(255, 0, 0)');
    await executeServerCommand('forced-colors', { active: true });
    try {
      const probe = document.createElement('span');
      probe.style.color = 'CanvasText';
      document.body.append(probe);
      const system = getComputedStyle(probe).color;
      probe.remove();
      await drawStroke(el, SEVEN);
      const canvas = el.shadowRoot!.querySelector('canvas')!;
      expect(getComputedStyle(canvas).color, 'ink follows CanvasText').to.equal(system);
      expect(`rgb(${inkAt(el)!.join(', ')})`, 'painted in CanvasText').to.equal(system);
    } finally {
      await executeServerCommand('forced-colors', { active: false });
    }
  });
});

describe('<digit-canvas> in a form', () => {
  afterEach(() => resetMouse());
  runFormControlTests(async (el) => {
    const predicted = nextPrediction(el, el.strokes.length + 1);
    await drawStroke(el, SEVEN);
    await predicted;
  });
});

describe('<digit-canvas> accessibility', () => {
  it('passes the axe accessibility audit', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });

  it('is exposed to assistive technology with a role and a name', async function () {
    // Firefox's BiDi automation has no accessibility tree to read.
    if (!(await inputSupport()).accessibility) this.skip();
    const el = await mount(new FakeRecognizer(7), 'label=Your PIN digit');
    el.id = 'pin';
    el.focus();
    const node = await accessibilityOf('#pin');
    expect(node.name, 'accessible name').to.equal('Your PIN digit');
    expect(node.role, 'role').to.equal('application');
  });

  it('announces the result in a polite live region', async () => {
    const el = await mount(new FakeRecognizer(6));
    const predicted = nextPrediction(el, 1);
    await drawStroke(el, SEVEN);
    await predicted;
    await elementUpdated(el);
    const status = el.shadowRoot!.querySelector('[role=status]')!;
    expect(status.getAttribute('aria-live'), 'polite').to.equal('polite');
    expect(status.textContent!.trim(), 'announcement').to.equal('Recognized 6');
  });

  it('renders without Lit dev-mode warnings', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await mount(new FakeRecognizer(1), 'multiple=&stroke-width=12&label=x');
      el.disabled = true;
      await elementUpdated(el);
      el.disabled = false;
      await elementUpdated(el);
    } finally {
      console.warn = warn;
    }
    expect(warnings, 'console.warn calls').to.deep.equal([]);
  });
});
