import type { ReactiveController, ReactiveControllerHost } from 'lit';

import type { Point, Stroke } from '@digit-canvas/core';

/** @internal What the stroke input tells its element, and asks of it. */
export interface StrokeInputOptions {
  /** The drawing surface: points are relative to its box, and it holds the pointer capture. */
  readonly canvas: () => HTMLCanvasElement | null;
  /** False while disabled: no stroke starts. */
  readonly enabled: () => boolean;
  /** Paints the stroke in progress from point index `from` on, as its points come. */
  readonly ink: { paint(stroke: Stroke, from: number): void };
  /** A stroke began with one point (already painted, and the last of `strokes`). */
  readonly onStrokeStart: (stroke: Stroke) => void;
  /** The stroke in progress ended (pointerup, pointercancel or lost capture). */
  readonly onStrokeEnd: (stroke: Stroke) => void;
  /** The stroke in progress was withdrawn (a second finger came down): it is no longer drawn. */
  readonly onStrokeWithdrawn: (stroke: Stroke) => void;
}

interface ActiveStroke {
  readonly pointerId: number;
  readonly stroke: Stroke;
  // Read once per stroke: layout does not move under a pen that is down.
  readonly rect: DOMRect;
}

/**
 * @internal Turns pointer events on the canvas into strokes, and holds the drawing: one stroke
 * per pen-down…pen-up, in CSS px, with every coalesced sample and pen pressure. The element
 * binds `handlePointerDown`, `handlePointerMove` and `handlePointerUp` in its template.
 */
export class StrokeInputController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: StrokeInputOptions;
  #strokes: Stroke[] = [];
  #active: ActiveStroke | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: StrokeInputOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The drawing, as held (not a copy): the finished strokes and the one in progress. */
  get strokes(): readonly Stroke[] {
    return this.#strokes;
  }

  /** True while a stroke is being drawn. */
  get drawing(): boolean {
    return this.#active !== null;
  }

  /** Replaces the drawing (strokes already valid); a stroke in progress ends where it is. */
  replace(strokes: Stroke[]): void {
    this.#strokes = strokes;
    this.#active = null;
  }

  /** Removes the last stroke; false when there was none. */
  removeLast(): boolean {
    if (this.#strokes.length === 0) return false;
    this.#strokes = this.#strokes.slice(0, -1);
    this.#active = null;
    return true;
  }

  /** Stops following the pointer: the stroke in progress is kept as drawn so far. */
  release(): void {
    this.#active = null;
  }

  hostDisconnected(): void {
    // A stroke in progress when the element leaves the page is kept as drawn so far.
    this.release();
  }

  handlePointerDown = (e: PointerEvent): void => {
    if (!e.isPrimary && e.pointerType === 'touch') {
      // A second finger: a pinch or a two-finger gesture, not writing. The first finger's line
      // is withdrawn rather than left as a stray stroke, and nothing draws until all are lifted
      // (a new stroke needs a primary pointer, i.e. no other finger down).
      this.#withdrawActive();
      return;
    }
    const canvas = this.#options.canvas();
    if (!canvas || this.#active || !e.isPrimary || !this.#options.enabled()) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault(); // no text selection or focus theft by the canvas; focus the host instead
    this.#host.focus({ preventScroll: true });
    // Pointer capture, so a drag that leaves the canvas still ends the stroke here.
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture; the stroke still works without.
    }
    const rect = canvas.getBoundingClientRect();
    const stroke: Stroke = [toPoint(e, rect)];
    this.#active = { pointerId: e.pointerId, stroke, rect };
    // A new array: a copy handed out earlier (a prediction under way) stays as it was.
    this.#strokes = [...this.#strokes, stroke];
    this.#options.ink.paint(stroke, 0);
    this.#options.onStrokeStart(stroke);
  };

  handlePointerMove = (e: PointerEvent): void => {
    const active = this.#active;
    if (!active || e.pointerId !== active.pointerId) return;
    // Coalesced events carry the samples the browser merged into this one frame: smooth curves.
    const events = e.getCoalescedEvents?.() ?? [];
    const from = active.stroke.length - 1;
    for (const sample of events.length ? events : [e]) {
      active.stroke.push(toPoint(sample, active.rect));
    }
    this.#options.ink.paint(active.stroke, from);
  };

  #withdrawActive(): void {
    const active = this.#active;
    if (!active || active.stroke !== this.#strokes.at(-1)) return;
    this.#active = null;
    this.#strokes = this.#strokes.slice(0, -1);
    const canvas = this.#options.canvas();
    if (canvas?.hasPointerCapture(active.pointerId)) canvas.releasePointerCapture(active.pointerId);
    this.#options.onStrokeWithdrawn(active.stroke);
  }

  /** pointerup, pointercancel and lostpointercapture. */
  handlePointerUp = (e: PointerEvent): void => {
    const active = this.#active;
    if (!active || e.pointerId !== active.pointerId) return;
    if (e.type === 'pointerup') active.stroke.push(toPoint(e, active.rect));
    // pointercancel (or lost capture) ends the stroke as drawn so far, so nothing stays "pen down".
    this.#active = null;
    const canvas = this.#options.canvas();
    if (canvas?.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    this.#options.onStrokeEnd(active.stroke);
  };
}

function toPoint(e: PointerEvent, rect: DOMRect): Point {
  const point: Point = {
    x: e.clientX - rect.left,
    y: e.clientY - rect.top,
    t: Math.round(e.timeStamp),
  };
  // Only pens report a meaningful pressure (mice say 0.5 while pressed, touch often 0 or 1).
  if (e.pointerType === 'pen') point.pressure = e.pressure;
  return point;
}
