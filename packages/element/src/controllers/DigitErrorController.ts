import type { ReactiveController, ReactiveControllerHost } from 'lit';

import { fireError, type DigitErrorDetail } from '../events.js';
import {
  formatValue,
  PROPERTY_RULES,
  rejectionMessage,
  type ValidatedProperty,
} from '../property-rules.js';

const controllers = new WeakMap<HTMLElement, DigitErrorController>();

/**
 * @internal `digit-error`, the one way the element reports what went wrong: a property value
 * it refuses (checked against `PROPERTY_RULES`, and quoted as written when it came from an
 * attribute) or a model failure. One raised before the host is in a document (attributes in
 * markup or a template are applied first) waits until it is, so listeners on the page, or
 * bound in the same template, hear it.
 */
export class DigitErrorController implements ReactiveController {
  /**
   * The host's controller, made on first use: a checked property's first value (its class
   * default) is set before the element's own fields exist.
   */
  static for(host: ReactiveControllerHost & HTMLElement): DigitErrorController {
    let controller = controllers.get(host);
    if (!controller) controllers.set(host, (controller = new DigitErrorController(host)));
    return controller;
  }

  #host: ReactiveControllerHost & HTMLElement;
  #pending: DigitErrorDetail[] = [];
  // The attribute Lit is converting into its property right now, so a rejected value is quoted
  // as written in the HTML rather than as the number it became.
  #converting: string | null = null;

  private constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    for (const detail of this.#pending.splice(0)) fireError(this.#host, detail);
  }

  /** Dispatches `digit-error` now, or once the host is in a document. */
  report(detail: DigitErrorDetail): void {
    if (this.#host.isConnected) fireError(this.#host, detail);
    else this.#pending.push(detail);
  }

  /** Runs `convert` (Lit's attribute-to-property step) with `attribute` as the one being set. */
  converting(attribute: string, convert: () => void): void {
    this.#converting = attribute;
    try {
      convert();
    } finally {
      this.#converting = null;
    }
  }

  /**
   * `value` if its rule accepts it (null or undefined: the attribute was removed, so the
   * default); otherwise `digit-error` says why, and `current` is kept.
   */
  checked<T>(property: ValidatedProperty, value: T | null | undefined, current: T): T {
    const rule = PROPERTY_RULES[property];
    const next = value ?? (rule.default as T);
    try {
      rule.check(next);
      return next;
    } catch (cause) {
      const { attribute } = rule;
      const setting =
        this.#converting === attribute
          ? `${attribute}="${this.#host.getAttribute(attribute)}"`
          : `${property} = ${formatValue(value)}`;
      const message = rejectionMessage(setting, cause, current);
      const error = new RangeError(message, { cause });
      this.report({ kind: 'attribute', attribute, message, error });
      return current;
    }
  }
}

/**
 * @internal Decorator for a property with a rule in `PROPERTY_RULES`, placed under `@property`
 * (which then wraps it, as Lit does custom accessors): each value is checked before it is stored.
 * A refused value is reported and never stored, so the property reads back the previous one and
 * Lit, seeing no change, requests no update. (A converter would see attributes only; hasChanged
 * and willUpdate run after the value is stored.)
 */
export function checked(proto: object, name: ValidatedProperty): void {
  type Host = ReactiveControllerHost & HTMLElement;
  const values = new WeakMap<Host, unknown>();
  const read = (el: Host) => (values.has(el) ? values.get(el) : PROPERTY_RULES[name].default);
  Object.defineProperty(proto, name, {
    get(this: Host) {
      return read(this);
    },
    set(this: Host, value: unknown) {
      values.set(this, DigitErrorController.for(this).checked(name, value, read(this)));
    },
    configurable: true,
    enumerable: true,
  });
}
