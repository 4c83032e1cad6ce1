// A worksheet: 24 <digit-canvas> on one page that scrolls, each answered with real input (a
// finger where the engine's automation sends touch, else the mouse). Every box must answer, the
// models must be fetched once for the whole page (the elements share them), and the JS heap must
// stay bounded where it can be measured. benchmark/worksheet.mjs times the same answers on an
// emulated phone.
import { expect, fixture, html } from '@open-wc/testing';

import '../digit-canvas.js';
import type { DigitCanvas } from '../src/DigitCanvas.js';
import type { DigitPredictionDetail } from '../src/events.js';
import { drawPixelStrokes, inputSupport, nextPrediction, resetMouse } from './helpers.js';
import {
  pickDigits,
  placeDigit,
  SYNTHETIC_DIGITS,
  WORKSHEET_BOXES,
  type WorksheetDigit,
} from './worksheet-digits.mjs';

const MODEL_FILES = ['model.json', 'weights.bin', 'trajectory.json', 'trajectory.bin'];
/** How long one box may take to answer once drawn (predict-delay is 40 ms). */
const ANSWER_TIMEOUT = 5_000;
/**
 * Of the 24 UNIPEN digits, how many must be read right: 23 are, in each of Chromium, Firefox and
 * WebKit. Far fewer would mean the input reached the boxes misplaced or cut short.
 */
const MIN_RIGHT = 20;
/**
 * JS heap growth allowed over the 24 answers, in MB. What they keep is small: about +0.2 MB
 * after a forced collection in benchmark/worksheet.mjs, and the heap shrank by 3–4 MB when this
 * test ran in Chromium with --expose-gc. Without a forced collection (the default group) the
 * readings also hold garbage V8 has not collected yet: the growth read +0.3 to +10 MB in 10 runs
 * on a 2-core VM, and could read a young generation's worth (16 MB) more. 32 MB fails on a leak
 * of about 1 MB a box or more, not on the collector's timing.
 */
const HEAP_GROWTH_LIMIT_MB = 32;

interface MemoryInfo {
  usedJSHeapSize: number;
}

/** The UNIPEN held-out digits for the boxes, or the synthetic ones when the data is missing. */
async function worksheetDigits(): Promise<{ digits: readonly WorksheetDigit[]; real: boolean }> {
  const response = await fetch('/__unipen__/digits.json');
  if (!response.ok) {
    console.warn(`${await response.text()} The worksheet draws a one and a seven instead.`);
    return { digits: SYNTHETIC_DIGITS, real: false };
  }
  const { samples } = (await response.json()) as { samples: WorksheetDigit[] };
  return { digits: pickDigits(samples), real: true };
}

/** How many times the page fetched the shipped model file `name` (from core's model/ folder). */
function fetchesOf(name: string): number {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith(`/model/${name}`)).length;
}

/**
 * The JS heap, or null where the engine does not tell (only Chromium has performance.memory).
 * Garbage is collected first where it can be (Chromium with --expose-gc, as the memory group
 * launches it); elsewhere the figure holds what the collector has not yet freed.
 */
async function jsHeap(): Promise<number | null> {
  const memory = (performance as Performance & { memory?: MemoryInfo }).memory;
  if (!memory) return null;
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    // Chromium refreshes the figure at most every 50 ms.
    await new Promise((r) => setTimeout(r, 20));
  }
  return memory.usedJSHeapSize;
}

/** Resolves to what `promise` gives, or null once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([promise, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
}

/** The next frame: a box scrolled into view is where the engine hit-tests input. */
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));

describe('<digit-canvas> worksheet of 24 boxes', () => {
  afterEach(() => resetMouse());

  it('answers every box drawn by hand, fetching each model file once, in a bounded heap', async function () {
    this.timeout(60_000);
    // Past the default 250 resource entries new ones are dropped; the page's modules take ~90.
    performance.setResourceTimingBufferSize(10_000);
    const { digits, real } = await worksheetDigits();
    const pointerType = (await inputSupport()).touch ? 'touch' : 'mouse';
    const pointerTypes = new Set<string>();
    let modelReady!: () => void;
    const ready = new Promise<void>((r) => (modelReady = r));
    const sheet = await fixture<HTMLElement>(html`
      <div
        style="display:grid;grid-template-columns:repeat(4,120px);gap:24px;padding:24px"
        @digit-ready=${() => modelReady()}
        @pointerdown=${(e: PointerEvent) => pointerTypes.add(e.pointerType)}
      >
        ${digits.map(
          () => html`<digit-canvas predict-delay="40" style="inline-size:120px"></digit-canvas>`,
        )}
      </div>
    `);
    const boxes = [...sheet.querySelectorAll<DigitCanvas>('digit-canvas')];
    // The models load when the page is idle: the baseline heap holds them, and no answer yet.
    await ready;
    const heapBefore = await jsHeap();

    const answers: (DigitPredictionDetail | null)[] = [];
    for (const [k, el] of boxes.entries()) {
      el.scrollIntoView({ block: 'center' });
      await nextFrame();
      const size = el.shadowRoot!.querySelector('canvas')!.clientWidth;
      const strokes = placeDigit(digits[k].strokes, size);
      const predicted = nextPrediction(el, strokes.length);
      await drawPixelStrokes(el, strokes, pointerType);
      answers.push(await within(predicted, ANSWER_TIMEOUT));
    }
    const heapAfter = await jsHeap();

    const answered = answers.filter((answer) => answer !== null).length;
    const right = answers.filter((answer, k) => answer?.digit === digits[k].label).length;
    const growthMb =
      heapBefore === null || heapAfter === null ? null : (heapAfter - heapBefore) / 2 ** 20;
    console.log(
      `worksheet (${pointerType}, ${real ? 'UNIPEN held-out digits' : 'synthetic 1 and 7'}): ` +
        `${answered} of ${boxes.length} answered, ${right} right; heap growth ` +
        `${growthMb === null ? 'not measurable here' : `${growthMb.toFixed(2)} MB`}`,
    );
    expect(boxes.length, 'boxes on the page').to.equal(WORKSHEET_BOXES);
    expect([...pointerTypes], 'pointer types the boxes saw').to.deep.equal([pointerType]);
    expect(answered, 'boxes that got a digit-prediction').to.equal(WORKSHEET_BOXES);
    for (const name of MODEL_FILES) expect(fetchesOf(name), `fetches of ${name}`).to.equal(1);
    if (real) expect(right, 'answers right').to.be.at.least(MIN_RIGHT);
    // Only Chromium tells the heap's size (performance.memory).
    if (growthMb !== null) {
      expect(growthMb, 'JS heap growth over 24 answers (MB)').to.be.below(HEAP_GROWTH_LIMIT_MB);
    }
  });
});
