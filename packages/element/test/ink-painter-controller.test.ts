// InkPainterController on its own, in a tiny host with a canvas, a drawing and a pen width.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { css, LitElement } from 'lit';

import type { Stroke } from '@digit-canvas/core';

import { InkPainterController } from '../src/controllers/InkPainterController.js';

class InkPainterHost extends LitElement {
  static override properties = { strokeWidth: { type: Number } };
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
      color: rgb(255, 0, 0);
    }
  `;

  declare strokeWidth: number;
  strokes: Stroke[] = [];

  readonly painter = new InkPainterController(this, {
    canvas: () => this.canvas,
    strokes: () => this.strokes,
    strokeWidth: () => this.strokeWidth,
  });

  constructor() {
    super();
    this.strokeWidth = 0;
  }

  get canvas(): HTMLCanvasElement {
    return this.renderRoot.querySelector('canvas')!;
  }

  override render() {
    return html`<canvas></canvas>`;
  }
}
customElements.define('ink-painter-host', InkPainterHost);

async function mount(style = ''): Promise<InkPainterHost> {
  const el = await fixture<InkPainterHost>(
    html`<ink-painter-host style=${style}></ink-painter-host>`,
  );
  await waitUntil(() => el.canvas.width !== 300, 'backing store sized (300 is the default)');
  return el;
}

/** Pixels with ink (alpha > 0) in the backing store. */
function inked(el: InkPainterHost): number {
  const { canvas } = el;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  return n;
}

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** A horizontal line 100 CSS px long, optionally with a pen pressure on both ends. */
function line(pressure?: number): Stroke {
  const at = (x: number) => (pressure === undefined ? { x, y: 100 } : { x, y: 100, pressure });
  return [at(50), at(150)];
}

describe('InkPainterController', () => {
  it('keeps the backing store at device pixels of the canvas box', async () => {
    const el = await mount();
    expect(el.canvas.width, 'width').to.equal(Math.round(200 * devicePixelRatio));
    expect(el.canvas.height, 'height').to.equal(Math.round(200 * devicePixelRatio));
  });

  it('redraw() paints every stroke, in CSS px and in the canvas colour; an empty drawing clears it', async () => {
    const el = await mount();
    el.strokes = [line(), [{ x: 100, y: 20 }]];
    el.painter.redraw();
    const scale = devicePixelRatio ** 2;
    // 100 × 18 px of line with round caps, and an 18 px dot.
    expect(inked(el) / scale, 'ink (CSS px²)').to.be.within(1800, 2900);
    const ctx = el.canvas.getContext('2d')!;
    const d = devicePixelRatio;
    const [r, g, b, a] = ctx.getImageData(100 * d, 100 * d, 1, 1).data;
    expect([r, g, b, a], 'red ink at the middle of the line').to.deep.equal([255, 0, 0, 255]);
    el.strokes = [];
    el.painter.redraw();
    expect(inked(el), 'cleared').to.equal(0);
  });

  it('paint() adds only the points from `from` on', async () => {
    const el = await mount();
    const stroke: Stroke = [
      { x: 20, y: 20 },
      { x: 40, y: 20 },
      { x: 180, y: 20 },
    ];
    el.painter.paint(stroke, 2);
    const ctx = el.canvas.getContext('2d')!;
    const d = devicePixelRatio;
    expect(ctx.getImageData(30 * d, 20 * d, 1, 1).data[3], 'segment 0–1 not painted').to.equal(0);
    expect(ctx.getImageData(110 * d, 20 * d, 1, 1).data[3], 'segment 1–2 painted').to.equal(255);
  });

  it('uses stroke-width, else --digit-canvas-pen-width, else 18 px, and repaints when it changes', async () => {
    const el = await mount('--digit-canvas-pen-width: 6px');
    el.strokes = [line()];
    el.painter.redraw();
    const thin = inked(el);
    el.style.removeProperty('--digit-canvas-pen-width');
    el.painter.redraw();
    const normal = inked(el);
    el.strokeWidth = 30;
    await el.updateComplete; // no redraw() call: a new pen width repaints by itself
    const wide = inked(el);
    expect(normal / thin, '18 px against 6 px').to.be.within(2.3, 3.6);
    expect(wide / normal, '30 px against 18 px').to.be.within(1.4, 1.9);
  });

  it('widens the line with pen pressure', async () => {
    const el = await mount();
    el.strokes = [line(0)];
    el.painter.redraw();
    const light = inked(el);
    el.strokes = [line(1)];
    el.painter.redraw();
    const hard = inked(el);
    // 0.4× and 1.6× the pen width.
    expect(hard / light, 'hard against light').to.be.within(3, 4.5);
  });

  it('repaints the strokes at a new size, and observes the canvas again once reattached', async () => {
    const el = await mount();
    el.strokes = [line()];
    el.painter.redraw();
    el.style.inlineSize = '100px';
    await frames();
    await aTimeout(20);
    expect(el.canvas.width, 'resized').to.equal(Math.round(100 * devicePixelRatio));
    expect(inked(el), 'repainted after the resize').to.be.greaterThan(0);

    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    el.style.inlineSize = '160px';
    await frames();
    await aTimeout(20);
    expect(el.canvas.width, 'observed again after reattaching').to.equal(
      Math.round(160 * devicePixelRatio),
    );
  });
});
