import type { Recognition } from '@digit-canvas/core';

/**
 * What `digit-prediction` carries: core's `Recognition`, the same answer `recognize()` gives.
 * `value` is the digit (or, with `multiple`, the number) when every digit is sure, else `''`;
 * `digit` is set when exactly one digit was read; `digits` and `groups` hold each digit's
 * prediction and strokes, left to right. The element decides nothing: the one thing it adds is
 * `corrected: true` on the answer `correct(value)` dispatches (the writer's, not the models').
 */
export type DigitPredictionDetail = Recognition & {
  /**
   * Present (true) only on the answer dispatched by `correct(value)`: `value` and each digit are
   * the writer's correction (confidence 1); `views` still hold what the models had read.
   */
  readonly corrected?: true;
};

/** What went wrong; the element keeps drawing either way. */
export interface DigitErrorDetail {
  /**
   * `'model'`: the model could not be loaded or run; digits are not recognized.
   * `'attribute'`: an attribute or its property was given a value it does not accept (see
   * `attribute`); the previous value is kept.
   * `'profile'`: the writer profile kept under `remember` could not be restored (not valid) or
   * the storage refused to read, save or remove it; the message names the key. The element goes
   * on with an empty profile (or the one in memory, unsaved).
   */
  readonly kind: 'model' | 'attribute' | 'profile';
  /** With `kind: 'attribute'`: the attribute's name (`'min-confidence'`), also when the property was set. */
  readonly attribute?: string;
  /** What happened, what is accepted or expected, and what the element does instead. */
  readonly message: string;
  /** An `Error` with `message`; its `cause` is the underlying error. */
  readonly error: Error;
}

/** The model is loaded and the element predicts. */
export interface DigitReadyDetail {
  readonly modelUrl: string;
  /** The trajectory model fused with the CNN on drawn input; null when the CNN reads alone. */
  readonly trajectoryModelUrl: string | null;
  readonly backend: string;
}

export type DigitPredictionEvent = CustomEvent<DigitPredictionDetail>;
/**
 * `digit-error` is cancelable. Unless a listener calls `preventDefault()` (it has handled the
 * error), the element also logs the message with `console.warn`, once per distinct message per
 * page, so a broken model URL or a bad attribute is never silent.
 */
export type DigitErrorEvent = CustomEvent<DigitErrorDetail>;
export type DigitReadyEvent = CustomEvent<DigitReadyDetail>;
export type DigitClearEvent = CustomEvent<void>;

declare global {
  interface GlobalEventHandlersEventMap {
    'digit-prediction': DigitPredictionEvent;
    'digit-error': DigitErrorEvent;
    'digit-ready': DigitReadyEvent;
    'digit-clear': DigitClearEvent;
  }
}

/** @internal Dispatches from the host so the event crosses shadow roots. */
export function fire<K extends 'digit-prediction' | 'digit-ready' | 'digit-clear'>(
  target: EventTarget,
  type: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

// Messages already logged: a page with twenty elements on one broken model URL, or a failing
// model asked on every stroke, logs each problem once.
const warned = new Set<string>();

/**
 * @internal What went wrong, as a clause for a `digit-error` message: the thrown value's message
 * without its final full stop (core's messages end in one; ours go on after it).
 */
export function reasonOf(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
}

/**
 * @internal Dispatches `digit-error`, cancelable: its default action is the console warning,
 * which a listener that handles the error turns off with `preventDefault()`, as with the
 * window's `error` and `unhandledrejection` events. (No DOM API tells whether anyone listens.)
 */
export function fireError(target: EventTarget, detail: DigitErrorDetail): void {
  const event = new CustomEvent('digit-error', {
    detail,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  const unhandled = target.dispatchEvent(event);
  if (unhandled && !warned.has(detail.message)) {
    warned.add(detail.message);
    console.warn(detail.message, target);
  }
}
