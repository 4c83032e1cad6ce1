import { html, LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';

import {
  MNIST_SIZE,
  parseStrokes,
  preprocessStrokes,
  Recognizer,
  type Backend,
  type NumberPrediction,
  type Point,
  type Prediction,
  type Stroke,
} from '@digit-canvas/core';

import { fire, fireError, type DigitErrorDetail, type DigitPredictionDetail } from './events.js';
import {
  formatValue,
  PROPERTY_RULES,
  rejectionMessage,
  type ValidatedProperty,
} from './property-rules.js';
import { requiredValidator } from './validators.js';

import { styles } from './digit-canvas.css.js';

/** What the element needs from a recognizer: core's `Recognizer`, or any object shaped like it. */
export interface DigitRecognizer {
  predict(input: Float32Array): Prediction | Promise<Prediction>;
  predictNumber(strokes: Stroke[]): NumberPrediction | Promise<NumberPrediction>;
}

/** Backends `backend` accepts: core's. */
export type DigitCanvasBackend = Backend;

const DEFAULT_PEN_WIDTH = 18;

/**
 * A drawing surface that reads the handwritten digit (or number) drawn on it.
 *
 * An invalid `model-url`, `backend`, `min-confidence`, `predict-delay` or `stroke-width` (as an
 * attribute or a property) is not applied: the previous value is kept and `digit-error` says why.
 *
 * @fires digit-prediction - After each stroke (debounced by `predict-delay`): the recognized digit.
 * @fires digit-clear - The drawing was cleared (`clear()`, Escape/Delete/Backspace, form reset).
 * @fires digit-ready - The model is loaded; predictions follow.
 * @fires digit-error - The model could not be loaded or run, or an attribute got a value it does not accept (the previous value is kept); drawing keeps working. Cancelable: unless a listener calls `preventDefault()`, the message is also logged with `console.warn` (once per distinct message).
 * @fires input - The drawing changed (stroke added, undone or cleared).
 * @fires change - The recognized value changed.
 *
 * @csspart canvas - The drawing surface.
 * @csspart status - The visually hidden live region announcing each result.
 *
 * @cssproperty --digit-canvas-ink - Pen colour (default #111).
 * @cssproperty --digit-canvas-paper - Background colour (default #fff).
 * @cssproperty --digit-canvas-pen-width - Pen width in CSS px when `stroke-width` is not set (default 18px).
 * @cssproperty --digit-canvas-focus-ring - Focus outline (default 3px solid #1a73e8).
 * @cssproperty --digit-canvas-focus-ring-offset - Focus outline offset (default 2px).
 * @cssproperty --digit-canvas-border - Border (default 1px solid #8a8a8a).
 * @cssproperty --digit-canvas-radius - Corner radius (default 8px).
 *
 * @cssstate user-invalid - Invalid (`required` and nothing recognized) once the user has drawn, cleared or tried to submit.
 * @cssstate disabled - Disabled, by `disabled` or by a surrounding `<fieldset disabled>`.
 */
export class DigitCanvas extends LitElement {
  static override styles = styles;
  static formAssociated = true;

  /**
   * Model URL used when `model-url` is not set; undefined means core's shipped model. The
   * self-contained bundle points it at the model.json next to itself.
   */
  static defaultModelUrl: string | undefined = undefined;

  // The five properties below check each value in their own setter, before it is stored (Lit's
  // documented custom accessors): a wrong value is reported and never stored, so the property
  // reads back the previous value, and Lit, seeing no change, requests no update. A converter
  // would see attributes only; hasChanged and willUpdate run after the value is stored.

  /**
   * URL of a TensorFlow.js layers model.json; empty means the model shipped with the package.
   * @default ''
   */
  @property({ attribute: 'model-url' })
  get modelUrl(): string {
    return this.#modelUrl;
  }
  set modelUrl(value: string) {
    this.#modelUrl = this.#checked('modelUrl', value, this.#modelUrl);
  }

  /**
   * TensorFlow.js backend: `cpu`, `wasm` or `webgl`. A page has one active tfjs backend: each
   * element switches it to its own before predicting.
   * @default 'cpu'
   */
  @property()
  get backend(): DigitCanvasBackend {
    return this.#backend;
  }
  set backend(value: DigitCanvasBackend) {
    this.#backend = this.#checked('backend', value, this.#backend);
  }

  /**
   * Pen width in CSS px (≥ 0); 0 uses `--digit-canvas-pen-width` (default 18). Pens vary it by
   * pressure.
   * @default 0
   */
  @property({ type: Number, attribute: 'stroke-width' })
  get strokeWidth(): number {
    return this.#strokeWidth;
  }
  set strokeWidth(value: number) {
    this.#strokeWidth = this.#checked('strokeWidth', value, this.#strokeWidth);
  }

  /**
   * Milliseconds (≥ 0) of stillness after a stroke before predicting, so multi-stroke digits are
   * read once.
   * @default 150
   */
  @property({ type: Number, attribute: 'predict-delay' })
  get predictDelay(): number {
    return this.#predictDelay;
  }
  set predictDelay(value: number) {
    this.#predictDelay = this.#checked('predictDelay', value, this.#predictDelay);
  }

  /**
   * Answers below this confidence (0–1) become "not sure" (`digit: null`). 0 always answers.
   * @default 0
   */
  @property({ type: Number, attribute: 'min-confidence' })
  get minConfidence(): number {
    return this.#minConfidence;
  }
  set minConfidence(value: number) {
    this.#minConfidence = this.#checked('minConfidence', value, this.#minConfidence);
  }

  /** Read a whole number (several digits, left to right) instead of one digit. */
  @property({ type: Boolean, reflect: true }) multiple = false;

  /** Ignore input and leave the form value out of submission. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** A drawing that is recognized is needed for the form to be valid. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Form field name; the recognized value is submitted under it. */
  @property({ reflect: true }) name = '';

  /** Accessible name. Defaults to "Draw a digit" ("Draw a number" in `multiple` mode). */
  @property() label = '';

  @state() private announcement = '';
  @query('canvas') private canvas!: HTMLCanvasElement;

  // The validated properties' values; their defaults are PROPERTY_RULES' too.
  #modelUrl = '';
  #backend: DigitCanvasBackend = 'cpu';
  #strokeWidth = 0;
  #predictDelay = 150;
  #minConfidence = 0;
  #internals = this.attachInternals();
  #strokes: Stroke[] = [];
  #active: { pointerId: number; stroke: Stroke; rect: DOMRect } | null = null;
  #value = '';
  #userInteracted = false;
  #formDisabled = false;
  #ownTabindex = false;
  #injected: DigitRecognizer | null = null;
  #loaded: Recognizer | null = null;
  #loading: Promise<DigitRecognizer | null> | null = null;
  #loadError: Error | null = null;
  #loadGeneration = 0;
  // Bumped by every prediction request and every change of the drawing: a reply whose number is
  // no longer current describes an older drawing and is dropped rather than shown.
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #resumePrediction = false;
  #idle: number | undefined;
  #resizeObserver = new ResizeObserver((entries) => this.#handleResize(entries));
  // The attribute Lit is converting into its property right now, so a rejected value is quoted
  // as written in the HTML rather than as the number it became.
  #changingAttribute: string | null = null;
  #pendingErrors: DigitErrorDetail[] = [];

  /** The recognizer in use: the one assigned, else the shared model once loaded. */
  get recognizer(): DigitRecognizer | null {
    return this.#injected ?? this.#loaded;
  }

  /** Use this recognizer instead of loading a model (tests, custom models, a shared instance). */
  set recognizer(value: DigitRecognizer | null) {
    this.#injected = value;
  }

  /** The last recognized string ('' when empty or not sure); this is the submitted form value. */
  get value(): string {
    return this.#value;
  }

  /** The drawing as strokes of points in CSS px (a JSON-serialisable copy). Set to redraw. */
  get strokes(): Stroke[] {
    return this.#strokes.map((stroke) => stroke.map((p) => ({ ...p })));
  }

  set strokes(value: Stroke[] | string) {
    this.#strokes = parseStrokes(typeof value === 'string' ? parseJson(value) : value);
    this.#active = null;
    this.#drawingChanged();
    this.#schedulePrediction();
  }

  /** The form this element belongs to. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.#internals.willValidate;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) {
      this.#ownTabindex = true;
      this.tabIndex = this.#isDisabled ? -1 : 0;
    }
    this.#internals.role = 'application';
    this.#internals.ariaRoleDescription = 'drawing pad';
    this.addEventListener('keydown', this.handleKeyDown);
    this.addEventListener('focus', this.handleFocus);
    this.addEventListener('invalid', this.handleInvalid);
    // The model is loaded when the page is idle, or on first interaction, whichever comes first.
    this.#idle = requestIdleCallback(() => void this.#ensureRecognizer(), { timeout: 2000 });
    if (this.hasUpdated) this.#observeSize();
    this.#updateFormState();
    if (this.#resumePrediction) this.#schedulePrediction();
    this.#resumePrediction = false;
    for (const detail of this.#pendingErrors.splice(0)) fireError(this, detail);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.handleKeyDown);
    this.removeEventListener('focus', this.handleFocus);
    this.removeEventListener('invalid', this.handleInvalid);
    if (this.#idle !== undefined) cancelIdleCallback(this.#idle);
    this.#idle = undefined;
    // A prediction still waiting for its delay runs when the element comes back (a move in
    // the DOM detaches and reattaches it).
    this.#resumePrediction = this.#timer !== undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#resizeObserver.disconnect();
    // A stroke in progress when the element leaves the page is kept as drawn so far.
    this.#active = null;
    // Let go of the model once the element has really left: a move in the DOM reconnects it
    // before this microtask runs. The model's tensors are freed with its last user.
    queueMicrotask(() => {
      if (!this.isConnected) this.#releaseModel();
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    this.#changingAttribute = name;
    try {
      super.attributeChangedCallback(name, old, value);
    } finally {
      this.#changingAttribute = null;
    }
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('modelUrl') || changed.has('backend')) && this.hasUpdated) {
      // A new model source: the next use loads it (and retries after a failure).
      this.#releaseModel();
    }
  }

  override firstUpdated(): void {
    this.#observeSize();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('disabled')) this.#syncDisabled();
    if (changed.has('label') || changed.has('multiple')) {
      this.#internals.ariaLabel = this.label || (this.multiple ? 'Draw a number' : 'Draw a digit');
    }
    if (changed.has('required')) this.#updateFormState();
    if (changed.has('strokeWidth')) this.#redraw();
    if (changed.has('multiple') && changed.get('multiple') !== undefined && this.#strokes.length) {
      this.#schedulePrediction();
    }
  }

  /**
   * Recognizes the current drawing now (skipping the debounce), dispatches `digit-prediction` and
   * resolves to its detail. Resolves to null when no model is available (`digit-error` says why)
   * or when the drawing changed meanwhile (the newer drawing gets its own prediction).
   */
  async predict(): Promise<DigitPredictionDetail | null> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const seq = ++this.#seq;
    const strokes = this.strokes;
    let detail: DigitPredictionDetail;
    if (strokes.length === 0) {
      detail = emptyDetail();
    } else {
      const recognizer = await this.#ensureRecognizer();
      if (!recognizer || seq !== this.#seq) return null;
      try {
        detail = await this.#recognize(recognizer, strokes);
      } catch (cause) {
        this.#fail('The digit model failed to predict', cause);
        return null;
      }
      if (seq !== this.#seq) return null;
    }
    this.#setValue(detail.value);
    this.announcement =
      strokes.length === 0 ? 'Empty' : detail.value ? `Recognized ${detail.value}` : 'Not sure';
    fire(this, 'digit-prediction', detail);
    return detail;
  }

  /** Erases the drawing and the value; dispatches `digit-clear`. */
  clear(): void {
    this.#strokes = [];
    this.#active = null;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#drawingChanged();
    this.#setValue('');
    this.announcement = 'Cleared';
    fire(this, 'digit-clear', undefined);
  }

  /** Removes the last stroke and predicts again. */
  undo(): void {
    if (this.#strokes.length === 0) return;
    this.#strokes = this.#strokes.slice(0, -1);
    this.#active = null;
    this.#drawingChanged();
    this.#schedulePrediction();
  }

  formResetCallback(): void {
    if (this.#strokes.length > 0 || this.#value) this.clear();
    this.#userInteracted = false;
    this.#updateFormState();
  }

  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.#syncDisabled();
  }

  formStateRestoreCallback(restored: string | File | FormData | null): void {
    if (typeof restored === 'string' && restored) this.strokes = restored;
  }

  private handlePointerDown(e: PointerEvent): void {
    if (this.#isDisabled || this.#active || !e.isPrimary) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault(); // no text selection or focus theft by the canvas; focus the host instead
    this.focus({ preventScroll: true });
    void this.#ensureRecognizer();
    clearTimeout(this.#timer);
    // Pointer capture, so a drag that leaves the canvas still ends the stroke here.
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture; the stroke still works without.
    }
    const rect = this.canvas.getBoundingClientRect();
    const stroke: Stroke = [toPoint(e, rect)];
    this.#active = { pointerId: e.pointerId, stroke, rect };
    this.#strokes = [...this.#strokes, stroke];
    this.#seq++;
    this.#paintSegment(stroke, 0);
  }

  private handlePointerMove(e: PointerEvent): void {
    const active = this.#active;
    if (!active || e.pointerId !== active.pointerId) return;
    // Coalesced events carry the samples the browser merged into this one frame: smooth curves.
    const events = e.getCoalescedEvents?.() ?? [];
    const from = active.stroke.length - 1;
    for (const sample of events.length ? events : [e])
      active.stroke.push(toPoint(sample, active.rect));
    this.#paintSegment(active.stroke, from);
  }

  private handlePointerUp(e: PointerEvent): void {
    const active = this.#active;
    if (!active || e.pointerId !== active.pointerId) return;
    if (e.type === 'pointerup') active.stroke.push(toPoint(e, active.rect));
    // pointercancel (or lost capture) ends the stroke as drawn so far, so nothing stays "pen down".
    this.#active = null;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    this.#userInteracted = true;
    this.#drawingChanged(false);
    this.#schedulePrediction();
  }

  private handleKeyDown = (e: KeyboardEvent): void => {
    if (this.#isDisabled) return;
    if (e.key === 'Escape' || e.key === 'Delete' || e.key === 'Backspace') {
      if (this.#strokes.length === 0) return;
      e.preventDefault();
      this.#userInteracted = true;
      this.clear();
    } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      this.#userInteracted = true;
      this.undo();
    }
  };

  private handleFocus = (): void => {
    void this.#ensureRecognizer();
  };

  private handleInvalid = (): void => {
    // A submit attempt counts as interaction: show the invalid state from now on.
    this.#userInteracted = true;
    this.#updateFormState();
  };

  override render() {
    return html`<canvas
        part="canvas"
        aria-hidden="true"
        @pointerdown=${this.handlePointerDown}
        @pointermove=${this.handlePointerMove}
        @pointerup=${this.handlePointerUp}
        @pointercancel=${this.handlePointerUp}
        @lostpointercapture=${this.handlePointerUp}
      ></canvas>
      <div part="status" class="status" role="status" aria-live="polite">
        ${this.announcement}
      </div>`;
  }

  get #isDisabled(): boolean {
    return this.disabled || this.#formDisabled;
  }

  get #penWidth(): number {
    if (this.strokeWidth > 0) return this.strokeWidth;
    const css = parseFloat(getComputedStyle(this).getPropertyValue('--digit-canvas-pen-width'));
    return css > 0 ? css : DEFAULT_PEN_WIDTH;
  }

  #syncDisabled(): void {
    const disabled = this.#isDisabled;
    if (this.#ownTabindex) this.tabIndex = disabled ? -1 : 0;
    this.#internals.ariaDisabled = disabled ? 'true' : null;
    setState(this.#internals, 'disabled', disabled);
    if (disabled && this.#active) this.#active = null;
  }

  #schedulePrediction(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.predict();
    }, this.predictDelay);
  }

  /** The drawing changed: repaint (unless already painted live), drop stale answers, tell the page. */
  #drawingChanged(repaint = true): void {
    this.#seq++;
    if (repaint) this.#redraw();
    this.#updateFormState();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  #setValue(value: string): void {
    const changed = value !== this.#value;
    this.#value = value;
    this.#updateFormState();
    if (changed) this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #updateFormState(): void {
    // The strokes are the restorable state, so a restored page redraws (and re-reads) the digit.
    const restore = this.#strokes.length ? JSON.stringify(this.#strokes) : null;
    this.#internals.setFormValue(this.#value || null, restore);
    const result = requiredValidator.checkValidity({
      required: this.required,
      value: this.#value,
      strokeCount: this.#strokes.length,
    });
    if (result.isValid) {
      this.#internals.setValidity({});
    } else {
      const flags = Object.fromEntries(result.invalidKeys.map((k) => [k, true]));
      this.#internals.setValidity(flags, result.message, this.canvas ?? undefined);
    }
    setState(this.#internals, 'user-invalid', !result.isValid && this.#userInteracted);
  }

  async #recognize(recognizer: DigitRecognizer, strokes: Stroke[]): Promise<DigitPredictionDetail> {
    const start = performance.now();
    if (!this.multiple) {
      const prediction = this.#judge(await recognizer.predict(preprocessStrokes(strokes)));
      const ms = performance.now() - start;
      return { ...prediction, value: digitString(prediction), ms, digits: [prediction] };
    }
    const number = await recognizer.predictNumber(strokes);
    const digits = number.digits.map((p) => this.#judge(p));
    const sure = digits.length > 0 && digits.every((p) => p.digit !== null);
    const only = digits.length === 1 ? digits[0] : undefined;
    return {
      value: sure ? digits.map(digitString).join('') : '',
      digit: only ? only.digit : null,
      confidence: digits.length ? Math.min(...digits.map((p) => p.confidence)) : 0,
      probabilities: only ? only.probabilities : [],
      input: only ? only.input : new Float32Array(0),
      ms: performance.now() - start,
      digits,
    };
  }

  /** Applies `min-confidence`: a weak answer becomes "not sure". */
  #judge(p: Prediction): Prediction {
    return p.digit !== null && p.confidence < this.minConfidence ? { ...p, digit: null } : p;
  }

  #ensureRecognizer(): Promise<DigitRecognizer | null> {
    if (this.#idle !== undefined) cancelIdleCallback(this.#idle);
    this.#idle = undefined;
    const ready = this.recognizer;
    if (ready) return Promise.resolve(ready);
    if (this.#loadError) return Promise.resolve(null);
    if (!this.#loading) this.#loading = this.#load();
    return this.#loading;
  }

  /** Drops this element's hold on its loaded model, and makes a load under way stale. */
  #releaseModel(): void {
    this.#loaded?.dispose();
    this.#loaded = null;
    this.#loading = null;
    this.#loadError = null;
    this.#loadGeneration++;
  }

  async #load(): Promise<DigitRecognizer | null> {
    const modelUrl = this.modelUrl || DigitCanvas.defaultModelUrl;
    const backend = this.backend;
    const generation = this.#loadGeneration;
    try {
      // Elements with the same URL and backend share one loaded model (Recognizer.load's cache).
      const recognizer = await Recognizer.load({ modelUrl, backend });
      if (generation !== this.#loadGeneration) {
        recognizer.dispose(); // the source changed or the element left meanwhile
        return null;
      }
      this.#loaded = recognizer;
      fire(this, 'digit-ready', { modelUrl: recognizer.modelUrl, backend: recognizer.backend });
      return recognizer;
    } catch (cause) {
      if (generation !== this.#loadGeneration) return null;
      // Core's message names the URL and the reason (404, not a model, wrong shapes…).
      this.#loadError = this.#fail('Digit recognition is unavailable', cause);
      return null;
    }
  }

  #fail(what: string, cause: unknown): Error {
    // Core's messages end in a full stop; ours adds its own sentence after the reason.
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
    const message = `${what}: ${reason}. Drawing still works, but digits are not recognized.`;
    const error = new Error(message, { cause });
    this.announcement = 'Digit recognition is unavailable';
    this.#reportError({ kind: 'model', message, error });
    return error;
  }

  /** `value` if its rule accepts it; otherwise `digit-error` says why, and `current` is kept. */
  #checked<T>(property: ValidatedProperty, value: T | null | undefined, current: T): T {
    const rule = PROPERTY_RULES[property];
    const next = value ?? (rule.default as T); // null: the attribute was removed
    try {
      rule.check(next);
      return next;
    } catch (cause) {
      const { attribute } = rule;
      const setting =
        this.#changingAttribute === attribute
          ? `${attribute}="${this.getAttribute(attribute)}"`
          : `${property} = ${formatValue(value)}`;
      const message = rejectionMessage(setting, cause, current);
      this.#reportError({
        kind: 'attribute',
        attribute,
        message,
        error: new RangeError(message, { cause }),
      });
      return current;
    }
  }

  /**
   * Dispatches `digit-error`. One raised before the element is in a document (attributes in
   * markup or a template are applied first) waits until it is, so listeners on the page, or
   * bound in the same template, hear it.
   */
  #reportError(detail: DigitErrorDetail): void {
    if (this.isConnected) fireError(this, detail);
    else this.#pendingErrors.push(detail);
  }

  #observeSize(): void {
    try {
      // Device pixels: also reports zoom and devicePixelRatio changes, for a sharp backing store.
      this.#resizeObserver.observe(this.canvas, { box: 'device-pixel-content-box' });
    } catch {
      this.#resizeObserver.observe(this.canvas); // browsers without device-pixel-content-box
    }
  }

  #handleResize(entries: ResizeObserverEntry[]): void {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const canvas = this.canvas;
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
    this.#redraw();
  }

  /** Repaints every stroke: the strokes, not the pixels, are the drawing. */
  #redraw(): void {
    const ctx = this.#context();
    if (!ctx) return;
    ctx.clearRect(0, 0, this.canvas.clientWidth, this.canvas.clientHeight);
    for (const stroke of this.#strokes) this.#paintSegment(stroke, 0, ctx);
  }

  /** Paints `stroke` from point index `from` on: live while drawing, or all of it on redraw. */
  #paintSegment(stroke: Stroke, from: number, ctx = this.#context()): void {
    if (!ctx || stroke.length === 0) return;
    const base = this.#penWidth;
    ctx.fillStyle = ctx.strokeStyle = getComputedStyle(this.canvas).color;
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

  #context(): CanvasRenderingContext2D | null {
    const canvas = this.canvas;
    const ctx = canvas?.getContext('2d');
    if (!ctx || canvas.clientWidth === 0) return null;
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

function widthAt(p: Point, base: number): number {
  return p.pressure === undefined ? base : base * (0.4 + 1.2 * p.pressure);
}

function digitString(p: Prediction): string {
  return p.digit === null ? '' : String(p.digit);
}

function emptyDetail(): DigitPredictionDetail {
  return {
    value: '',
    digit: null,
    confidence: 0,
    probabilities: [],
    input: new Float32Array(MNIST_SIZE * MNIST_SIZE),
    ms: 0,
    digits: [],
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SyntaxError(
      `strokes: expected JSON like [[{"x":1,"y":2}]], got invalid JSON (${reason}).`,
    );
  }
}

function setState(internals: ElementInternals, name: string, on: boolean): void {
  // CustomStateSet is missing in older browsers; the state is then just not styleable.
  const states = internals.states as Set<string> | undefined;
  if (!states) return;
  if (on) states.add(name);
  else states.delete(name);
}
