// Phones, tablets and pens: real touch and pen input through the engine's own automation
// (test/input-commands.mjs), on an emulated phone (390×844 CSS px, devicePixelRatio 3, touch).
// Only Chromium's automation sends real touch and pen input: Firefox's headless automation
// refuses it, and WebKitGTK's WebDriver turns touch into mouse events and drops pen pressure,
// so these tests skip there (their mouse input is covered by every other drawing test, and
// the pointer handling by stroke-input-controller.test.ts in every engine).
import { aTimeout, elementUpdated, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

import type { Stroke } from '@digit-canvas/core';

import '../digit-canvas.js';
import type { DigitCanvas } from '../src/DigitCanvas.js';
import {
  drawPixelStrokes,
  FakeRecognizer,
  inkedPixels,
  inputSupport,
  nextPrediction,
} from './helpers.js';

const PHONE = { width: 390, height: 844, scale: 3, touch: true };
const PHONE_TURNED = { width: 844, height: 390, scale: 3, touch: true };

/** A 7 in CSS px inside a box of `size` px: a top bar, then down to the bottom middle. */
function seven(size: number): Stroke[] {
  const at = (fx: number, fy: number) => ({ x: fx * size, y: fy * size });
  const points = [at(0.25, 0.2), at(0.45, 0.2), at(0.75, 0.2), at(0.62, 0.45), at(0.5, 0.85)];
  // Touch screens report every few px: add the samples in between, as a finger would.
  return [points.flatMap((p, i) => (i === 0 ? [p] : interpolate(points[i - 1], p, 6)))];
}

function interpolate(a: { x: number; y: number }, b: { x: number; y: number }, steps: number) {
  return Array.from({ length: steps }, (_, k) => ({
    x: a.x + ((b.x - a.x) * (k + 1)) / steps,
    y: a.y + ((b.y - a.y) * (k + 1)) / steps,
  }));
}

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/**
 * A page taller than the screen with the element in the middle of it, scrolled to the element,
 * beside a plain block of the same size (the control: the same finger drag scrolls over it).
 */
async function scrolledPage(): Promise<{ el: DigitCanvas; plain: HTMLElement }> {
  const page = await fixture<HTMLElement>(html`
    <main>
      <div style="block-size: 1500px"></div>
      <digit-canvas
        .recognizer=${new FakeRecognizer(7)}
        predict-delay="20"
        style="inline-size: min(90vw, 400px)"
      ></digit-canvas>
      <div class="plain" style="inline-size: 200px; block-size: 200px; background: #eee"></div>
      <div style="block-size: 1500px"></div>
    </main>
  `);
  const el = page.querySelector('digit-canvas')!;
  await elementUpdated(el);
  el.scrollIntoView({ block: 'center' });
  await frames();
  return { el, plain: page.querySelector<HTMLElement>('.plain')! };
}

describe('<digit-canvas> on a phone', () => {
  let emulated = false;
  // A phone page's viewport: without it, a phone lays the page out 980 px wide, zoomed out.
  const meta = Object.assign(document.createElement('meta'), {
    name: 'viewport',
    content: 'width=device-width, initial-scale=1',
  });

  beforeEach(async function () {
    const support = await inputSupport();
    if (!support.touch) this.skip(); // Firefox: its headless automation refuses synthesized touch
    document.head.append(meta);
    emulated = support.viewport;
    if (emulated) await executeServerCommand('viewport', PHONE);
  });

  afterEach(async () => {
    meta.remove();
    if (emulated) await executeServerCommand('viewport', null);
  });

  it('draws with a finger without scrolling or zooming the page, in a scrolled page', async () => {
    const { el, plain } = await scrolledPage();
    const scrollY = window.scrollY;
    expect(scrollY, 'the page is scrolled').to.be.greaterThan(500);
    const size = el.getBoundingClientRect().width;
    const predicted = nextPrediction(el, 1);
    await drawPixelStrokes(el, seven(size), 'touch');
    const answer = await predicted;
    expect(answer.digit, 'the drawn digit is read').to.equal(7);
    expect(el.strokes.length, 'one stroke').to.equal(1);
    expect(el.strokes[0].length, 'with the finger samples').to.be.at.least(10);
    await frames();
    expect(window.scrollY, 'the page did not scroll').to.equal(scrollY);
    expect(window.visualViewport?.scale ?? 1, 'nor zoom').to.equal(1);

    // The control: the same drag over a plain block does scroll, so the check above can fail.
    const box = plain.getBoundingClientRect();
    const drag = [[{ x: 100, y: 180 }, ...interpolate({ x: 100, y: 180 }, { x: 100, y: 20 }, 16)]];
    await drawPixelStrokes(plain, drag, 'touch');
    await waitUntil(() => window.scrollY !== scrollY, 'a finger drag scrolls a plain page', {
      timeout: 2000,
    });
    expect(box.height, 'control box').to.equal(200);
  });

  it('inks at the device pixel ratio, and keeps the drawing and its answer when turned', async function () {
    // WebKitGTK's WebDriver cannot emulate a phone's pixel ratio or turn the screen.
    if (!emulated) this.skip();
    const { el } = await scrolledPage();
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    expect(devicePixelRatio, 'emulated pixel ratio').to.equal(3);
    await waitUntil(
      () => canvas.width === Math.round(canvas.clientWidth * 3),
      'sharp backing store',
    );
    const predicted = nextPrediction(el, 1);
    await drawPixelStrokes(el, seven(el.getBoundingClientRect().width), 'touch');
    await predicted;
    const portrait = { width: canvas.width, ink: inkedPixels(el), strokes: el.strokes };
    // An 18 px pen over ~400 CSS px of path is ~7,000 CSS px², ~60,000 device px at 3×.
    expect(portrait.ink, 'inked at 3× (device px)').to.be.greaterThan(30_000);

    let predictions = 0;
    el.addEventListener('digit-prediction', () => predictions++);
    await executeServerCommand('viewport', PHONE_TURNED);
    await waitUntil(() => canvas.width !== portrait.width, 'the element resized with the screen');
    await frames();
    expect(canvas.width, 'still sharp once turned').to.equal(Math.round(canvas.clientWidth * 3));
    expect(el.strokes, 'the drawing is kept').to.deep.equal(portrait.strokes);
    expect(el.value, 'and its answer').to.equal('7');
    expect(inkedPixels(el), 'repainted at the new size').to.be.greaterThan(portrait.ink * 0.8);
    await aTimeout(60);
    expect(predictions, 'turning is not a new drawing').to.equal(0);
  });

  it('draws nothing with two fingers (a pinch), and draws again once they are lifted', async () => {
    const { el } = await scrolledPage();
    const r = el.getBoundingClientRect();
    let inputs = 0;
    el.addEventListener('input', () => inputs++);
    const mid = [r.left + r.width / 2, r.top + r.height / 2];
    await executeServerCommand('pinch', {
      from: [
        [mid[0] - 20, mid[1] - 20],
        [mid[0] + 20, mid[1] + 20],
      ],
      to: [
        [mid[0] - 90, mid[1] - 90],
        [mid[0] + 90, mid[1] + 90],
      ],
    });
    await aTimeout(60);
    expect(el.strokes.length, 'no stroke from the pinch').to.equal(0);
    expect(inkedPixels(el), 'no ink left').to.equal(0);
    expect(inputs, 'no input event').to.equal(0);
    expect(window.visualViewport?.scale ?? 1, 'the page did not zoom').to.equal(1);
    const predicted = nextPrediction(el, 1);
    await drawPixelStrokes(el, seven(r.width), 'touch');
    expect((await predicted).digit, 'one finger draws again').to.equal(7);
  });
});

describe('<digit-canvas> with a pen', () => {
  it('draws with a pen, its width following the pressure', async function () {
    if (!(await inputSupport()).pen) this.skip(); // Firefox: no synthesized pen input headless
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas .recognizer=${new FakeRecognizer(1)} predict-delay="20"></digit-canvas>`,
    );
    const line = (x: number, pressure: number): Stroke => [
      { x, y: 40, pressure },
      ...interpolate({ x, y: 40 }, { x, y: 240 }, 20).map((p) => ({ ...p, pressure })),
    ];
    const predicted = nextPrediction(el, 2);
    await drawPixelStrokes(el, [line(70, 0.15), line(200, 0.95)], 'pen');
    await predicted;
    const [light, firm] = el.strokes;
    expect(light.length, 'pen samples recorded').to.be.at.least(10);
    const mean = (s: Stroke) => s.reduce((sum, p) => sum + (p.pressure ?? NaN), 0) / s.length;
    expect(mean(light), 'light pressure recorded').to.be.within(0.05, 0.4);
    expect(mean(firm), 'firm pressure recorded').to.be.within(0.7, 1);

    // Ink width across each line, in CSS px, at its middle.
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    const scale = canvas.width / canvas.clientWidth;
    const { data } = canvas
      .getContext('2d')!
      .getImageData(0, Math.round(140 * scale), canvas.width, 1);
    const widthAround = (x: number) => {
      let n = 0;
      for (let px = Math.round((x - 40) * scale); px < Math.round((x + 40) * scale); px++) {
        if (data[px * 4 + 3] > 127) n++;
      }
      return n / scale;
    };
    const thin = widthAround(70);
    const thick = widthAround(200);
    expect(thin, 'a light pen draws a line').to.be.greaterThan(2);
    expect(thick / thin, 'a firm pen draws a wider one').to.be.greaterThan(2);
  });
});
