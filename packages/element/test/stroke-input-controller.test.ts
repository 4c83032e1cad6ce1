// StrokeInputController on its own, in a tiny host that renders a canvas and records what the
// controller tells it.
import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';

import type { Stroke } from '@digit-canvas/core';

import { StrokeInputController } from '../src/controllers/StrokeInputController.js';
import { drawStroke, resetMouse, SEVEN } from './helpers.js';

class StrokeInputHost extends LitElement {
  static override styles = css`
    :host {
      display: block;
      inline-size: 200px;
      block-size: 200px;
    }
    canvas {
      display: block;
      inline-size: 100%;
      block-size: 100%;
      touch-action: none;
    }
  `;

  enabled = true;
  /** What the controller reported, in order: `start <points>` / `end <points>`. */
  readonly events: string[] = [];
  /** Each `ink.paint` call: [points in the stroke, from]. */
  readonly painted: [number, number][] = [];

  readonly input = new StrokeInputController(this, {
    canvas: () => this.canvas,
    enabled: () => this.enabled,
    ink: { paint: (stroke, from) => this.painted.push([stroke.length, from]) },
    onStrokeStart: (stroke) => this.events.push(`start ${stroke.length}`),
    onStrokeEnd: (stroke) => this.events.push(`end ${stroke.length}`),
    onStrokeWithdrawn: (stroke) => this.events.push(`withdrawn ${stroke.length}`),
  });

  get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  override render() {
    const { input } = this;
    return html`<canvas
      @pointerdown=${input.handlePointerDown}
      @pointermove=${input.handlePointerMove}
      @pointerup=${input.handlePointerUp}
      @pointercancel=${input.handlePointerUp}
      @lostpointercapture=${input.handlePointerUp}
    ></canvas>`;
  }
}
customElements.define('stroke-input-host', StrokeInputHost);

const mount = () => fixture<StrokeInputHost>(html`<stroke-input-host></stroke-input-host>`);

/** A pointer event at (x, y) CSS px inside the host's canvas. */
function pointer(
  el: StrokeInputHost,
  type: string,
  x: number,
  y: number,
  init: PointerEventInit = {},
): PointerEvent {
  const r = el.canvas!.getBoundingClientRect();
  return new PointerEvent(type, {
    pointerId: 5,
    isPrimary: true,
    pointerType: 'touch',
    bubbles: true,
    cancelable: true,
    clientX: r.left + x,
    clientY: r.top + y,
    ...init,
  });
}

const xy = (stroke: Stroke) => stroke.map((p) => [p.x, p.y]);

describe('StrokeInputController', () => {
  afterEach(() => resetMouse());

  it('builds one stroke per press from real mouse input, painting each new point as it comes', async () => {
    const el = await mount();
    await drawStroke(el, SEVEN);
    const [stroke] = el.input.strokes;
    expect(el.input.strokes.length, 'one stroke').to.equal(1);
    expect(stroke.length, 'points sampled along it').to.be.at.least(SEVEN.length);
    expect(el.events, 'start with one point, end with all').to.deep.equal([
      'start 1',
      `end ${stroke.length}`,
    ]);
    expect(el.painted[0], 'the first point painted at once').to.deep.equal([1, 0]);
    for (let i = 1; i < el.painted.length; i++) {
      const [length, from] = el.painted[i];
      expect(from, `paint ${i} starts at the last point already painted`).to.equal(
        el.painted[i - 1][0] - 1,
      );
      expect(length, `paint ${i} adds points`).to.be.greaterThan(from);
    }
    for (const p of stroke) {
      expect(p.x, 'x in CSS px of the canvas').to.be.within(0, 200);
      expect(p.y, 'y in CSS px of the canvas').to.be.within(0, 200);
      expect(p.t, 'time stamp').to.be.a('number');
      expect(p, 'a mouse has no pressure').not.to.have.property('pressure');
    }
    expect(el.input.drawing, 'pen up').to.equal(false);
  });

  it('holds the pointer capture, so a drag that leaves the canvas still ends the stroke there', async () => {
    const el = await mount();
    const r = el.canvas!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(r.left + 50), Math.round(r.top + 50)] });
    await sendMouse({ type: 'down' });
    expect(el.input.drawing, 'pen down').to.equal(true);
    await sendMouse({ type: 'move', position: [Math.round(r.right + 60), Math.round(r.top + 50)] });
    await sendMouse({ type: 'up' });
    const [stroke] = el.input.strokes;
    expect(stroke[stroke.length - 1].x, 'the last point is outside the canvas').to.be.above(200);
    expect(el.events.at(-1), 'the stroke ended').to.equal(`end ${stroke.length}`);
    expect(el.canvas!.hasPointerCapture(1), 'capture released').to.equal(false);
  });

  it('records pen pressure on each point', async () => {
    const el = await mount();
    const pen = { pointerType: 'pen', pointerId: 3 };
    el.canvas!.dispatchEvent(pointer(el, 'pointerdown', 40, 40, { ...pen, pressure: 0.2 }));
    el.canvas!.dispatchEvent(pointer(el, 'pointermove', 120, 120, { ...pen, pressure: 0.9 }));
    el.canvas!.dispatchEvent(pointer(el, 'pointerup', 160, 160, { ...pen, pressure: 0 }));
    expect(
      el.input.strokes[0].map((p) => p.pressure),
      'pressures',
    ).to.deep.equal([Math.fround(0.2), Math.fround(0.9), 0]);
  });

  it('keeps every coalesced sample of a pointermove, in order', async () => {
    const el = await mount();
    el.canvas!.dispatchEvent(pointer(el, 'pointerdown', 10, 10));
    const samples = [20, 30, 40].map((v) => pointer(el, 'pointermove', v, v));
    el.canvas!.dispatchEvent(pointer(el, 'pointermove', 40, 40, { coalescedEvents: samples }));
    expect(xy(el.input.strokes[0]), 'the down point and the three samples').to.deep.equal([
      [10, 10],
      [20, 20],
      [30, 30],
      [40, 40],
    ]);
    expect(el.painted.at(-1), 'painted from the last point before the move').to.deep.equal([4, 0]);
  });

  it('ends a stroke on pointercancel as drawn so far, with no extra point', async () => {
    const el = await mount();
    el.canvas!.dispatchEvent(pointer(el, 'pointerdown', 10, 10));
    el.canvas!.dispatchEvent(pointer(el, 'pointermove', 50, 50));
    el.canvas!.dispatchEvent(pointer(el, 'pointercancel', 90, 90));
    expect(xy(el.input.strokes[0]), 'points').to.deep.equal([
      [10, 10],
      [50, 50],
    ]);
    expect(el.events, 'ended').to.deep.equal(['start 1', 'end 2']);
    el.canvas!.dispatchEvent(pointer(el, 'pointermove', 70, 70));
    expect(el.input.strokes[0].length, 'nothing added after the end').to.equal(2);
  });

  it('withdraws the stroke in progress when a second finger comes down (a pinch draws nothing)', async () => {
    const el = await mount();
    el.input.replace([[{ x: 1, y: 1 }]]);
    el.canvas!.dispatchEvent(pointer(el, 'pointerdown', 10, 10));
    el.canvas!.dispatchEvent(pointer(el, 'pointermove', 20, 20));
    el.canvas!.dispatchEvent(
      pointer(el, 'pointerdown', 80, 80, { pointerId: 6, isPrimary: false }),
    );
    expect(el.events, 'started, then withdrawn').to.deep.equal(['start 1', 'withdrawn 2']);
    expect(el.input.drawing, 'no longer drawing').to.equal(false);
    expect(xy(el.input.strokes.flat()), 'the earlier stroke is kept').to.deep.equal([[1, 1]]);
    for (const id of [5, 6]) {
      el.canvas!.dispatchEvent(pointer(el, 'pointermove', 40, 40, { pointerId: id }));
      el.canvas!.dispatchEvent(pointer(el, 'pointerup', 40, 40, { pointerId: id }));
    }
    expect(el.input.strokes.length, 'neither finger draws until lifted').to.equal(1);
    expect(el.events.length, 'and nothing ends').to.equal(2);
  });

  it('ignores other pointers, other mouse buttons, and every press while not enabled', async () => {
    const el = await mount();
    el.canvas!.dispatchEvent(
      pointer(el, 'pointerdown', 10, 10, { pointerType: 'pen', isPrimary: false }),
    );
    el.canvas!.dispatchEvent(
      pointer(el, 'pointerdown', 10, 10, { pointerType: 'mouse', button: 2, pointerId: 1 }),
    );
    el.enabled = false;
    el.canvas!.dispatchEvent(pointer(el, 'pointerdown', 10, 10));
    expect(el.input.strokes.length, 'no stroke').to.equal(0);
    el.enabled = true;
    el.canvas!.dispatchEvent(pointer(el, 'pointerdown', 10, 10));
    el.canvas!.dispatchEvent(pointer(el, 'pointermove', 20, 20, { pointerId: 9 }));
    el.canvas!.dispatchEvent(pointer(el, 'pointerup', 30, 30, { pointerId: 9 }));
    expect(el.input.drawing, 'another pointer does not end the stroke').to.equal(true);
    expect(el.input.strokes[0].length, 'nor adds to it').to.equal(1);
  });

  it('replace() and removeLast() edit the drawing; leaving the page ends a stroke in progress', async () => {
    const el = await mount();
    el.input.replace([[{ x: 1, y: 1 }], [{ x: 2, y: 2 }]]);
    expect(el.input.removeLast(), 'removed one').to.equal(true);
    expect(xy(el.input.strokes.flat()), 'the first is left').to.deep.equal([[1, 1]]);
    el.input.replace([]);
    expect(el.input.removeLast(), 'nothing to remove').to.equal(false);

    el.canvas!.dispatchEvent(pointer(el, 'pointerdown', 10, 10));
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    el.canvas!.dispatchEvent(pointer(el, 'pointermove', 50, 50));
    expect(el.input.drawing, 'no longer drawing').to.equal(false);
    expect(xy(el.input.strokes[0]), 'the stroke is kept as drawn').to.deep.equal([[10, 10]]);
  });
});
