import {
  parseStrokes,
  validateRecognizerConfig,
  type Backend,
  type Stroke,
} from '@digit-canvas/core';

import { reasonOf } from './events.js';
import { checkStrings } from './strings.js';

/**
 * @internal What a property accepts. `check` throws a `RangeError` saying what is accepted and
 * what it got; the element then keeps the previous value and reports the error.
 */
export interface PropertyRule {
  /** The attribute that sets the property. */
  readonly attribute: string;
  /** The property's default, restored when the attribute is removed (Lit then sets null). */
  readonly default: unknown;
  check(value: unknown): void;
}

/**
 * @internal The properties whose wrong values would break the element quietly (every answer
 * "not sure", predictions on every pointer move, an unknown backend), by property name. Core's
 * rules where core has one, so the element accepts exactly what `Recognizer.load` does.
 */
export const PROPERTY_RULES = {
  modelUrl: {
    attribute: 'model-url',
    default: '',
    check(value) {
      // Empty is the element's way of saying "the shipped model"; core has no such value.
      if (value !== '') validateRecognizerConfig({ modelUrl: value as string });
    },
  },
  trajectoryModelUrl: {
    attribute: 'trajectory-model-url',
    default: '',
    check(value) {
      // Empty: core's choice (the shipped trajectory model with the shipped CNN, else none).
      if (value !== '') validateRecognizerConfig({ trajectoryModelUrl: value as string });
    },
  },
  backend: {
    attribute: 'backend',
    default: 'cpu',
    check: (value) => validateRecognizerConfig({ backend: value as Backend }),
  },
  minConfidence: {
    attribute: 'min-confidence',
    default: 0,
    check: (value) => validateRecognizerConfig({ minConfidence: value as number }),
  },
  predictDelay: {
    attribute: 'predict-delay',
    default: 150,
    check: finiteAtLeastZero('predictDelay', 'milliseconds'),
  },
  strokeWidth: {
    attribute: 'stroke-width',
    default: 0,
    check: finiteAtLeastZero('strokeWidth', 'CSS px; 0 = --digit-canvas-pen-width'),
  },
  strings: {
    attribute: 'strings',
    default: Object.freeze({}),
    check: checkStrings,
  },
} as const satisfies Record<string, PropertyRule>;

/** @internal The properties with a rule. */
export type ValidatedProperty = keyof typeof PROPERTY_RULES;

/**
 * @internal The `digit-error` message for a rejected value: what was set (as written), why it
 * is wrong (the rule's message) and what the element keeps.
 */
export function rejectionMessage(setting: string, cause: unknown, kept: unknown): string {
  return `${setting} is not valid: ${reasonOf(cause)}; keeping ${formatValue(kept)}.`;
}

/** @internal A value as it would be written in JavaScript: strings and objects as JSON. */
export function formatValue(value: unknown): string {
  return typeof value === 'string' || (typeof value === 'object' && value !== null)
    ? JSON.stringify(value)
    : String(value);
}

function finiteAtLeastZero(property: string, unit: string): (value: unknown) => void {
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `${property} must be a finite number ≥ 0 (${unit}), got ${formatValue(value)}.`,
      );
    }
  };
}

/**
 * @internal What `strokes` accepts: an array of strokes, or their JSON. Unlike the rules above,
 * a wrong value throws (a drawing is data, with no previous value worth keeping): a `TypeError`
 * naming the stroke and point, a `RangeError` for absurd sizes, a `SyntaxError` for bad JSON.
 */
export function parseStrokesProperty(value: Stroke[] | string): Stroke[] {
  return parseStrokes(typeof value === 'string' ? parseJson(value) : value);
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
