import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';

import '../digit-canvas.js';
import type { DigitCanvas } from '../src/DigitCanvas.js';
import { drawStroke, FakeRecognizer, resetMouse, SEVEN } from './helpers.js';

interface MemoryInfo {
  usedJSHeapSize: number;
}

const CYCLES = 50;

/** JS heap after a full garbage collection (Chromium with --expose-gc and precise memory info). */
async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('window.gc is missing: run the memory group (--js-flags=--expose-gc).');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return (performance as Performance & { memory: MemoryInfo }).memory.usedJSHeapSize;
}

/** Mounts `template`, draws a seven on it with the mouse, lets it predict, unmounts it. */
async function cycle(recognizer: FakeRecognizer, plain: boolean): Promise<WeakRef<HTMLElement>> {
  const el = plain
    ? await fixture<HTMLElement>(html`<div style="width:280px;height:280px"></div>`)
    : await fixture<DigitCanvas>(
        html`<digit-canvas .recognizer=${recognizer} predict-delay="0"></digit-canvas>`,
      );
  await drawStroke(el, SEVEN);
  if (!plain) await (el as DigitCanvas).predict();
  // Move the mouse off the element: the browser keeps the hovered node alive until it moves.
  await resetMouse();
  fixtureCleanup();
  return new WeakRef(el);
}

async function heapGrowth(plain: boolean): Promise<{ kb: number; alive: number }> {
  const recognizer = new FakeRecognizer(7);
  // Warm-up: first renders compile templates and fill caches; those are not leaks.
  for (let i = 0; i < 5; i++) await cycle(recognizer, plain);
  const before = await heapAfterGc();
  const refs: WeakRef<HTMLElement>[] = [];
  for (let i = 0; i < CYCLES; i++) refs.push(await cycle(recognizer, plain));
  recognizer.inputs.length = 0;
  const after = await heapAfterGc();
  return { kb: (after - before) / 1024, alive: refs.filter((r) => r.deref()).length };
}

describe('<digit-canvas> memory', () => {
  it(`frees every element after ${CYCLES} mount / draw / predict / unmount cycles`, async function () {
    this.timeout(120_000);
    // The same cycle on a plain <div>: what the test harness itself (sendMouse…) costs.
    const control = await heapGrowth(true);
    const element = await heapGrowth(false);
    console.log(
      `heap growth over ${CYCLES} cycles: <digit-canvas> ${element.kb.toFixed(1)} KB, ` +
        `plain <div> control ${control.kb.toFixed(1)} KB; elements still alive: ${element.alive}`,
    );
    expect(element.alive, 'unmounted elements still reachable after GC').to.equal(0);
    // A leaked element (shadow root, canvas, strokes, listeners) costs several KB: 50 of them
    // would exceed this margin over the harness's own growth.
    expect(element.kb - control.kb, 'heap growth beyond the control (KB)').to.be.lessThan(100);
  });
});
