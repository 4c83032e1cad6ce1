import type { ReactiveController, ReactiveControllerHost } from 'lit';

import type { Stroke } from '@digit-canvas/core';

import type { DigitCanvasStrings } from '../strings.js';
import { requiredValidator, type ValidatedControl, type Validator } from '../validators.js';

/** @internal The element, as the form side sees it: a form control's `required` and `disabled`. */
export interface FormControlHost extends ReactiveControllerHost, HTMLElement {
  readonly required: boolean;
  /** The host's own `disabled` (a surrounding `<fieldset disabled>` comes through the callback). */
  readonly disabled: boolean;
}

/** @internal What the form side needs from its element. */
export interface FormOptions {
  /** The host's `ElementInternals` (one per element, attached by the element). */
  readonly internals: ElementInternals;
  /** The drawing: the restorable form state, and what the validators count. */
  readonly strokes: () => readonly Stroke[];
  /** The element's words, for the validation messages. */
  readonly strings: () => DigitCanvasStrings;
  /** Where the browser points when it reports the element invalid. */
  readonly anchor: () => HTMLElement | null;
  /** The disabled state changed (by `disabled` or by a surrounding `<fieldset disabled>`). */
  readonly onDisabledChange?: (disabled: boolean) => void;
  /** The checks, in order; the first that fails gives the message. Default: `required`. */
  readonly validators?: readonly Validator[];
}

/**
 * @internal The element as a form control, through `ElementInternals`: the submitted value (the
 * recognized string) and the restorable state (the strokes), validity from the validator
 * objects, `:state(user-invalid)` once the user has interacted, and disabled state (own or from
 * a fieldset), which takes the element out of the tab order.
 */
export class FormController implements ReactiveController {
  #host: FormControlHost;
  #options: FormOptions;
  #internals: ElementInternals;
  #validators: readonly Validator[];
  #value = '';
  #userInteracted = false;
  #formDisabled = false;
  #ownTabindex = false;
  #appliedDisabled: boolean | undefined;

  constructor(host: FormControlHost, options: FormOptions) {
    this.#host = host;
    this.#options = options;
    this.#internals = options.internals;
    this.#validators = options.validators ?? [requiredValidator];
    host.addController(this);
  }

  /** The submitted value: the recognized string, '' when empty or not sure. */
  get value(): string {
    return this.#value;
  }

  /** Disabled by the host's own `disabled` or by a surrounding `<fieldset disabled>`. */
  get disabled(): boolean {
    return this.#host.disabled || this.#formDisabled;
  }

  hostConnected(): void {
    // The host is focusable unless the page gave it a tabindex of its own.
    if (!this.#host.hasAttribute('tabindex')) {
      this.#ownTabindex = true;
      this.#host.tabIndex = this.disabled ? -1 : 0;
    }
    this.#host.addEventListener('invalid', this.#handleInvalid);
    this.update();
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('invalid', this.#handleInvalid);
  }

  hostUpdated(): void {
    this.#syncDisabled(); // the host's `disabled` may have changed
  }

  /** Publishes a new value; dispatches `change` when it differs from the last one. */
  setValue(value: string): void {
    const changed = value !== this.#value;
    this.#value = value;
    this.update();
    if (changed) this.#host.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** The user drew, cleared or undid: from now on an invalid value shows as user-invalid. */
  noteInteraction(): void {
    this.#userInteracted = true;
  }

  /** Form reset: back to "not interacted" (the element has cleared the drawing). */
  reset(): void {
    this.#userInteracted = false;
    this.update();
  }

  /** `formDisabledCallback`: a surrounding fieldset (or the `disabled` attribute) changed. */
  setFormDisabled(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.#syncDisabled();
  }

  /** Re-validates when a validator watches the attribute that changed. */
  attributeChanged(name: string): void {
    if (this.#validators.some((v) => v.observedAttributes.includes(name))) this.update();
  }

  /** Publishes the value, the restorable state and the validity. */
  update(): void {
    const strokes = this.#options.strokes();
    // The strokes are the restorable state, so a restored page redraws (and re-reads) the digit.
    const restore = strokes.length ? JSON.stringify(strokes) : null;
    this.#internals.setFormValue(this.#value || null, restore);
    const control: ValidatedControl = {
      required: this.#host.required,
      value: this.#value,
      strokeCount: strokes.length,
      strings: this.#options.strings(),
    };
    const failed = this.#validators
      .map((v) => v.checkValidity(control))
      .filter((result) => !result.isValid);
    if (failed.length === 0) {
      this.#internals.setValidity({});
    } else {
      const flags = Object.fromEntries(failed.flatMap((r) => r.invalidKeys).map((k) => [k, true]));
      const anchor = this.#options.anchor() ?? undefined;
      this.#internals.setValidity(flags, failed[0].message, anchor);
    }
    setState(this.#internals, 'user-invalid', failed.length > 0 && this.#userInteracted);
  }

  // Applied only when it changed: tab order, aria-disabled, :state(disabled), then the host.
  #syncDisabled(): void {
    const disabled = this.disabled;
    if (disabled === this.#appliedDisabled) return;
    this.#appliedDisabled = disabled;
    if (this.#ownTabindex) this.#host.tabIndex = disabled ? -1 : 0;
    this.#internals.ariaDisabled = disabled ? 'true' : null;
    setState(this.#internals, 'disabled', disabled);
    this.#options.onDisabledChange?.(disabled);
  }

  #handleInvalid = (): void => {
    // A submit attempt counts as interaction: show the invalid state from now on.
    this.#userInteracted = true;
    this.update();
  };
}

function setState(internals: ElementInternals, name: string, on: boolean): void {
  // CustomStateSet is missing in older browsers; the state is then just not styleable.
  const states = internals.states as Set<string> | undefined;
  if (!states) return;
  if (on) states.add(name);
  else states.delete(name);
}
