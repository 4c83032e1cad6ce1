import { html, LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';

import {
  preprocessStrokes,
  PROFILE_ACCEPT_BELOW,
  segmentDigits,
  toRecognition,
  type Backend,
  type DigitRecognizer,
  type Prediction,
  type Stroke,
  type WriterProfile,
} from '@digit-canvas/core';

import { checked, DigitErrorController } from './controllers/DigitErrorController.js';
import { FormController } from './controllers/FormController.js';
import { InkPainterController } from './controllers/InkPainterController.js';
import { KeyboardShortcutsController } from './controllers/KeyboardShortcutsController.js';
import { RecognitionController } from './controllers/RecognitionController.js';
import { StrokeInputController } from './controllers/StrokeInputController.js';
import { WriterProfileController } from './controllers/WriterProfileController.js';
import { fire, type DigitPredictionDetail } from './events.js';
import { parseStrokesProperty } from './property-rules.js';
import { fill, stringsAttribute, withDefaults, type DigitCanvasStrings } from './strings.js';

import { styles } from './digit-canvas.css.js';

/** Backends `backend` accepts: core's. */
export type DigitCanvasBackend = Backend;

/**
 * A drawing surface that reads the handwritten digit (or number) drawn on it.
 *
 * An invalid `model-url`, `trajectory-model-url`, `backend`, `min-confidence`, `predict-delay`,
 * `stroke-width` or `strings` (as an attribute or a property) is not applied: the previous value
 * is kept and `digit-error` says why.
 *
 * @fires digit-prediction - After each stroke (debounced by `predict-delay`): the recognized digit; and after `correct(value)`, the corrected answer (`corrected: true`).
 * @fires digit-clear - The drawing was cleared (`clear()`, Escape/Delete/Backspace, form reset).
 * @fires digit-ready - The model is loaded; predictions follow.
 * @fires digit-error - The model could not be loaded or run, an attribute got a value it does not accept (the previous value is kept), or the profile kept under `remember` could not be restored or saved; drawing keeps working. Cancelable: unless a listener calls `preventDefault()`, the message is also logged with `console.warn` (once per distinct message).
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

  /**
   * Trajectory model URL used with `defaultModelUrl` when neither `model-url` nor
   * `trajectory-model-url` is set; undefined means core's shipped trajectory model. The
   * self-contained bundle points it at the trajectory.json next to itself.
   */
  static defaultTrajectoryModelUrl: string | undefined = undefined;

  // `@checked`: each value is checked against its rule in PROPERTY_RULES before it is stored; a
  // wrong one is reported with digit-error and the previous value kept.

  /**
   * URL of a TensorFlow.js layers model.json (the CNN, on the 28×28 image); empty means the
   * model shipped with the package. A custom model reads alone unless `trajectory-model-url`
   * is set too.
   */
  @property({ attribute: 'model-url' }) @checked modelUrl = '';

  /**
   * URL of a trajectory model (pen path in, 10 probabilities out) whose answer is fused with the
   * CNN's on drawn input. Empty means the shipped one when `model-url` is empty, and none (the
   * CNN alone) when `model-url` names another model.
   */
  @property({ attribute: 'trajectory-model-url' }) @checked trajectoryModelUrl = '';

  /**
   * Where the model runs: `cpu` (core's own kernels, no TensorFlow.js downloaded; TensorFlow.js's
   * cpu backend for a model of other layers), `wasm` or `webgl` (TensorFlow.js, loaded on demand).
   * A page has one active tfjs backend: each element switches it to its own before predicting.
   */
  @property() @checked backend: DigitCanvasBackend = 'cpu';

  /** Pen width in CSS px (≥ 0); 0 uses `--digit-canvas-pen-width` (18). Pens vary it by pressure. */
  @property({ type: Number, attribute: 'stroke-width' }) @checked strokeWidth = 0;

  /** Milliseconds (≥ 0) of stillness after a stroke before predicting: a two-stroke 4 is read once. */
  @property({ type: Number, attribute: 'predict-delay' }) @checked predictDelay = 150;

  /** Answers below this confidence (0–1) become "not sure" (`digit: null`). 0 always answers. */
  @property({ type: Number, attribute: 'min-confidence' }) @checked minConfidence = 0;

  /** Read a whole number (several digits, left to right) instead of one digit. */
  @property({ type: Boolean, reflect: true }) multiple = false;

  /** Ignore input and leave the form value out of submission. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** A drawing that is recognized is needed for the form to be valid. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Form field name; the recognized value is submitted under it. */
  @property({ reflect: true }) name = '';

  /**
   * Keep the writer profile (what `correct()` and `accept()` taught) in this browser's
   * `localStorage` under this key: restored when the element connects, saved after each lesson,
   * removed by `forget()`. Empty (the default) stores nothing. The profile never leaves the device.
   */
  @property() remember = '';

  /** Accessible name. Defaults to `strings.drawDigit` ("Draw a digit"; `strings.drawNumber`, "Draw a number", in `multiple` mode). */
  @property() label = '';

  /**
   * The words the element shows and announces, for a page in another language: any of
   * `drawDigit`, `drawNumber`, `recognized` (`{value}` is the answer), `notSure`, `empty`,
   * `cleared`, `unavailable`, `valueMissing`, `notRecognized`. Unset ones stay English. As an
   * attribute, JSON: `strings='{"recognized": "Erkannt: {value}"}'`.
   */
  @property({ converter: stringsAttribute }) @checked strings: Partial<DigitCanvasStrings> = {};

  @state() private announcement = '';
  @query('canvas') private canvas!: HTMLCanvasElement | null;

  #internals = Object.assign(this.attachInternals(), {
    role: 'application',
    ariaRoleDescription: 'drawing pad',
  });
  // Each job is a controller; the element wires them together (see README, "How it is built").
  #errors = DigitErrorController.for(this);
  #painter: InkPainterController = new InkPainterController(this, {
    canvas: () => this.canvas,
    strokes: () => this.#input.strokes,
    strokeWidth: () => this.strokeWidth,
  });
  #input: StrokeInputController = new StrokeInputController(this, {
    canvas: () => this.canvas,
    enabled: () => !this.#form.disabled,
    ink: this.#painter,
    onStrokeStart: () => this.#recognition.hold(),
    onStrokeEnd: () => {
      this.#form.noteInteraction();
      this.#drawingChanged(false);
      this.#recognition.schedule();
    },
    // The drawing is as it was before the stroke began: repaint it, and read it again (the
    // stroke's start put a pending or running prediction on hold).
    onStrokeWithdrawn: () => {
      this.#painter.redraw();
      if (this.#input.strokes.length) this.#recognition.schedule();
    },
  });
  #recognition = new RecognitionController(this, {
    modelUrl: () => this.modelUrl || DigitCanvas.defaultModelUrl,
    // Undefined leaves it to core: the shipped trajectory model goes with the shipped CNN only.
    trajectoryModelUrl: () =>
      this.trajectoryModelUrl ||
      (this.modelUrl ? undefined : DigitCanvas.defaultTrajectoryModelUrl),
    backend: () => this.backend,
    delay: () => this.predictDelay,
    strokes: () => this.strokes,
    recognizeOptions: () => ({
      multiple: this.multiple,
      minConfidence: this.minConfidence,
      profile: this.#profiles.profile ?? undefined,
    }),
    onValue: (value) => this.#form.setValue(value),
    announce: (what, value = '') => (this.announcement = fill(this.#strings()[what], value)),
    reportError: (detail) => this.#errors.report(detail),
  });
  #profiles = new WriterProfileController(this, {
    key: () => this.remember,
    reportError: (detail) => this.#errors.report(detail),
  });
  // The answer `accept()` last taught: accepting it again teaches nothing more.
  #accepted: unknown = null;
  #form = new FormController(this, {
    internals: this.#internals,
    strokes: () => this.#input.strokes,
    strings: () => this.#strings(),
    anchor: () => this.canvas,
    onDisabledChange: (disabled) => disabled && this.#input.release(),
  });

  constructor() {
    super();
    new KeyboardShortcutsController(this, {
      enabled: () => !this.#form.disabled,
      empty: () => this.#input.strokes.length === 0,
      onShortcut: (action) => {
        this.#form.noteInteraction(); // a user's edit: user-invalid may show from now on
        this[action]();
      },
    });
  }

  /** The recognizer in use: the one assigned, else the shared model once loaded. */
  get recognizer(): DigitRecognizer | null {
    return this.#recognition.recognizer;
  }

  /** Use this recognizer (any `{ recognize(input, options) }`) instead of loading a model. */
  set recognizer(value: DigitRecognizer | null) {
    this.#recognition.recognizer = value;
  }

  /**
   * The writer profile the recognizer is given with each drawing (`recognize(…, { profile })`):
   * what `correct()` and `accept()` taught. Each element starts with its own empty core
   * `WriterProfile`; assign one to share it between elements, or null to read without one (then
   * `correct()` still shows the corrected answer but teaches nothing).
   */
  get profile(): WriterProfile | null {
    return this.#profiles.profile;
  }

  set profile(value: WriterProfile | null) {
    this.#profiles.profile = value;
  }

  /** The last recognized string ('' when empty or not sure); this is the submitted form value. */
  get value(): string {
    return this.#form.value;
  }

  /** The drawing as strokes of points in CSS px (a JSON-serialisable copy). Set to redraw. */
  get strokes(): Stroke[] {
    return this.#input.strokes.map((stroke) => stroke.map((p) => ({ ...p })));
  }

  set strokes(value: Stroke[] | string) {
    // The one place strokes from outside are checked; recognition hands them to core as they are.
    this.#input.replace(parseStrokesProperty(value));
    this.#drawingChanged();
    this.#recognition.schedule();
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

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    this.#errors.converting(name, () => super.attributeChangedCallback(name, old, value));
    this.#form.attributeChanged(name);
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('label') || changed.has('multiple') || changed.has('strings')) {
      const strings = this.#strings();
      this.#internals.ariaLabel =
        this.label || (this.multiple ? strings.drawNumber : strings.drawDigit);
    }
    if (changed.has('strings')) this.#form.update(); // the validation message, in the new words
  }

  /**
   * Recognizes the current drawing now (skipping the debounce), dispatches `digit-prediction` and
   * resolves to its detail. Resolves to null when no model is available (`digit-error` says why)
   * or when the drawing changed meanwhile (the newer drawing gets its own prediction).
   */
  predict(): Promise<DigitPredictionDetail | null> {
    return this.#recognition.predict();
  }

  /** Erases the drawing and the value; dispatches `digit-clear`. */
  clear(): void {
    this.#input.replace([]);
    this.#recognition.cancel();
    this.#drawingChanged();
    this.#form.setValue('');
    this.announcement = this.#strings().cleared;
    fire(this, 'digit-clear', undefined);
  }

  /**
   * "What I drew is really `value`": a digit 0–9, or with `multiple` the digits of the number,
   * one per digit that core's `segmentDigits` finds in the drawing (as `recognize` splits it).
   * Teaches the profile each digit's strokes (saved under `remember`), then makes the corrected
   * answer the current one: the value, the announcement, and `digit-prediction` with
   * `corrected: true`. Returns that answer. Throws a RangeError when `value` is not a digit (or
   * number) or has another number of digits than the drawing, and an `InvalidStateError` when
   * nothing is drawn.
   */
  correct(value: string | number): DigitPredictionDetail {
    const text = String(value);
    const wanted = this.multiple ? 'the digits of a number' : 'one digit 0–9';
    if (!(this.multiple ? /^[0-9]+$/ : /^[0-9]$/).test(text)) {
      throw new RangeError(`correct() takes ${wanted}, got ${JSON.stringify(value)}.`);
    }
    const strokes = this.strokes;
    if (!strokes.some((stroke) => stroke.length > 0)) {
      throw new DOMException(
        'correct(): nothing is drawn, so there is nothing to correct.',
        'InvalidStateError',
      );
    }
    const groups = this.multiple ? segmentDigits(strokes) : [strokes];
    if (groups.length !== text.length) {
      throw new RangeError(
        `correct(${JSON.stringify(text)}): the drawing holds ${groups.length} digit${groups.length === 1 ? '' : 's'} (split as recognize splits them), but ${JSON.stringify(text)} has ${text.length}.`,
      );
    }
    const digits = [...text].map(Number);
    this.#profiles.learn(groups.map((group, i) => ({ strokes: group, digit: digits[i] })));
    // What the models read stays in `views` (when the answer on show describes these digits).
    const shown = this.#recognition.current;
    const before = shown?.digits.length === groups.length ? shown.digits : [];
    const predictions = groups.map((group, i): Prediction => {
      const probabilities = Array.from({ length: 10 }, (_, d) => (d === digits[i] ? 1 : 0));
      return {
        digit: digits[i],
        confidence: 1,
        probabilities,
        views: before[i]?.views ?? { image: new Array<number>(10).fill(0), trajectory: null },
        decidedBy: 'profile',
        input: before[i]?.input ?? preprocessStrokes(group),
        ms: 0,
      };
    });
    const answer: DigitPredictionDetail = {
      ...toRecognition(predictions, groups, 0),
      corrected: true,
    };
    this.#recognition.publish(answer);
    return answer;
  }

  /**
   * The page's word that the answer on show is right (the writer confirmed it, or the form was
   * sent with it). When the models were unsure of it (confidence below 0.9) the profile learns
   * it, as `correct()` would; a sure answer teaches nothing new and is not kept, so the profile
   * holds the writer's hard cases. Returns whether the profile learned it: false when there is no
   * answer (nothing drawn, "not sure", the drawing changed since), the answer was sure, already
   * accepted or a correction, or there is no profile.
   */
  accept(): boolean {
    const answer = this.#recognition.current;
    if (!answer?.value || answer.corrected || answer === this.#accepted) return false;
    if (answer.confidence >= PROFILE_ACCEPT_BELOW) return false;
    this.#accepted = answer;
    return this.#profiles.learn(
      answer.groups.map((group, i) => ({ strokes: group, digit: Number(answer.value[i]) })),
    );
  }

  /** Empties the profile and removes its stored copy (`remember`). The drawing stays. */
  forget(): void {
    this.#profiles.forget();
  }

  /** Removes the last stroke and predicts again. */
  undo(): void {
    if (!this.#input.removeLast()) return;
    this.#drawingChanged();
    this.#recognition.schedule();
  }

  formResetCallback(): void {
    if (this.#input.strokes.length > 0 || this.value) this.clear();
    this.#form.reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this.#form.setFormDisabled(disabled);
  }

  formStateRestoreCallback(restored: string | File | FormData | null): void {
    if (typeof restored === 'string' && restored) this.strokes = restored;
  }

  override render() {
    const input = this.#input;
    return html`<canvas
        part="canvas"
        aria-hidden="true"
        @pointerdown=${input.handlePointerDown}
        @pointermove=${input.handlePointerMove}
        @pointerup=${input.handlePointerUp}
        @pointercancel=${input.handlePointerUp}
        @lostpointercapture=${input.handlePointerUp}
      ></canvas>
      <div part="status" class="status" role="status" aria-live="polite">
        ${this.announcement}
      </div>`;
  }

  #strings(): DigitCanvasStrings {
    return withDefaults(this.strings);
  }

  /** The drawing changed: repaint (unless already painted live), drop stale answers, tell the page. */
  #drawingChanged(repaint = true): void {
    this.#recognition.invalidate();
    if (repaint) this.#painter.redraw();
    this.#form.update();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
}
