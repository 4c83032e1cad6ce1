import type { ReactiveController, ReactiveControllerHost } from 'lit';

import type { Point, Stroke } from '@digit-canvas/core';

/** @internal Pen width when neither `stroke-width` nor `--digit-canvas-pen-width` is set. */
export const DEFAULT_PEN_WIDTH = 18;

/** @internal What the painter paints, and on what. */
export interface InkPainterOptions {
  /** The rendered canvas; null before the first render. */
  readonly canvas: () => HTMLCanvasElement | null;
  /** The drawing: the strokes, not the pixels, are what a redraw paints. */
  readonly strokes: () => readonly Stroke[];
  /** Pen width in CSS px; 0 uses `--digit-canvas-pen-width` (then 18). */
  readonly strokeWidth: () => number;
}

/**
 * @internal Paints strokes on the canvas, sharp at any devicePixelRatio: it keeps the backing
 * store at device pixels (a ResizeObserver, while the host is connected) and repaints every
 * stroke when the size changes. Ink is the canvas's CSS `color`, so forced colours apply.
 */
export class InkPainterController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: InkPainterOptions;
  // Made when the canvas is first observed, in the browser: a server rendering the element
  // (Lit SSR) constructs it where ResizeObserver does not exist.
  #resizeObserver: ResizeObserver | undefined;
  #observing = false;
  #strokeWidth: number | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: InkPainterOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Reattached: the canvas exists already, and no update may come to start observing. (On
    // the first connection it does not yet; the first hostUpdated starts.)
    this.#observe();
  }

  hostUpdated(): void {
    if (!this.#observing) this.#observe(); // after the first render, the canvas exists
    const width = this.#options.strokeWidth();
    if (width !== this.#strokeWidth) this.redraw(); // a new pen width: every stroke changes
    this.#strokeWidth = width;
  }

  hostDisconnected(): void {
    this.#resizeObserver?.disconnect();
    this.#observing = false;
  }

  /** Repaints every stroke. */
  redraw(): void {
    const ctx = this.#context();
    if (!ctx) return;
    ctx.clearRect(0, 0, ctx.canvas.clientWidth, ctx.canvas.clientHeight);
    for (const stroke of this.#options.strokes()) this.paint(stroke, 0, ctx);
  }

  /** Paints `stroke` from point index `from` on: live while drawing, or all of it on redraw. */
  paint(stroke: Stroke, from: number, ctx = this.#context()): void {
    if (!ctx || stroke.length === 0) return;
    const base = this.#penWidth();
    ctx.fillStyle = ctx.strokeStyle = getComputedStyle(ctx.canvas).color;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    if (stroke.length === 1) {
      const p = stroke[0];
      ctx.beginPath();
      ctx.arc(p.x, p.y, widthAt(p, base) / 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    for (let i = Math.max(1, from); i < stroke.length; i++) {
      const a = stroke[i - 1];
      const b = stroke[i];
      ctx.lineWidth = (widthAt(a, base) + widthAt(b, base)) / 2;
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
  }

  #penWidth(): number {
    const width = this.#options.strokeWidth();
    if (width > 0) return width;
    const css = parseFloat(
      getComputedStyle(this.#host).getPropertyValue('--digit-canvas-pen-width'),
    );
    return css > 0 ? css : DEFAULT_PEN_WIDTH;
  }

  #observe(): void {
    const canvas = this.#options.canvas();
    if (!canvas) return;
    this.#observing = true;
    this.#resizeObserver ??= new ResizeObserver((entries) => this.#handleResize(entries));
    try {
      // Device pixels: also reports zoom and devicePixelRatio changes, for a sharp backing store.
      this.#resizeObserver.observe(canvas, { box: 'device-pixel-content-box' });
    } catch {
      this.#resizeObserver.observe(canvas); // browsers without device-pixel-content-box
    }
  }

  #handleResize(entries: ResizeObserverEntry[]): void {
    const entry = entries[entries.length - 1];
    const canvas = this.#options.canvas();
    if (!entry || !canvas) return;
    const box = entry.contentBoxSize?.[0];
    const cssWidth = box?.inlineSize ?? entry.contentRect.width;
    const cssHeight = box?.blockSize ?? entry.contentRect.height;
    // CSS px × devicePixelRatio rather than devicePixelContentBoxSize: the latter ignores
    // emulated ratios (DevTools device mode), and the difference is below a pixel otherwise.
    const width = Math.round(cssWidth * devicePixelRatio);
    const height = Math.round(cssHeight * devicePixelRatio);
    if (canvas.width === width && canvas.height === height) return;
    canvas.width = width;
    canvas.height = height;
    this.redraw();
  }

  #context(): CanvasRenderingContext2D | null {
    const canvas = this.#options.canvas();
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.clientWidth === 0) return null;
    // Draw in CSS px; the backing store is in device px, so lines stay sharp on high-DPI screens.
    ctx.setTransform(
      canvas.width / canvas.clientWidth,
      0,
      0,
      canvas.height / canvas.clientHeight,
      0,
      0,
    );
    return ctx;
  }
}

function widthAt(p: Point, base: number): number {
  return p.pressure === undefined ? base : base * (0.4 + 1.2 * p.pressure);
}
