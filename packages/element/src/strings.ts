/**
 * Every word the element shows or announces. Set any of them per element with the `strings`
 * property (or its JSON attribute); the rest stay English. `{value}` in `recognized` stands for
 * the recognized digit or number.
 */
export interface DigitCanvasStrings {
  /** Accessible name when `label` is not set. */
  drawDigit: string;
  /** Accessible name when `label` is not set, in `multiple` mode. */
  drawNumber: string;
  /** Announced with each answer; `{value}` is the digit or number. */
  recognized: string;
  /** Announced when the drawing was read but the answer is below `min-confidence`. */
  notSure: string;
  /** Announced when the last stroke was undone and nothing is left. */
  empty: string;
  /** Announced when the drawing is cleared. */
  cleared: string;
  /** Announced when no model could be loaded or run. */
  unavailable: string;
  /** Validation message of a `required` element with nothing drawn. */
  valueMissing: string;
  /** Validation message of a `required` element whose drawing was not recognized. */
  notRecognized: string;
}

/** @internal The defaults. */
export const ENGLISH: Readonly<DigitCanvasStrings> = Object.freeze({
  drawDigit: 'Draw a digit',
  drawNumber: 'Draw a number',
  recognized: 'Recognized {value}',
  notSure: 'Not sure',
  empty: 'Empty',
  cleared: 'Cleared',
  unavailable: 'Digit recognition is unavailable',
  valueMissing: 'Draw a digit',
  notRecognized: 'The drawing was not recognized: clear and redraw it',
});

/** @internal What the element says something about; the words come from its strings. */
export type Announcement = 'recognized' | 'notSure' | 'empty' | 'cleared' | 'unavailable';

/**
 * @internal The `strings` attribute's converter: its JSON, or the text itself when it is not
 * JSON, so that the property's check refuses it by name (Lit's own Object converter would turn
 * bad JSON into null, i.e. quietly back to English).
 */
export const stringsAttribute = {
  fromAttribute(text: string | null): unknown {
    if (text === null) return null;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  },
};

/** @internal The defaults, with `overrides` in place. */
export function withDefaults(overrides: Partial<DigitCanvasStrings>): DigitCanvasStrings {
  return { ...ENGLISH, ...overrides };
}

/** @internal `template` with `{value}` replaced. */
export function fill(template: string, value: string): string {
  return template.replaceAll('{value}', value);
}

/**
 * @internal Checks a `strings` value: an object whose keys are strings the element knows and
 * whose values are strings. Throws a `TypeError` or `RangeError` naming what is wrong.
 */
export function checkStrings(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(
      `strings must be an object (as an attribute, its JSON) such as {"recognized": "Erkannt: {value}"}, got ${describe(value)}.`,
    );
  }
  for (const [key, text] of Object.entries(value)) {
    if (!Object.hasOwn(ENGLISH, key)) {
      throw new RangeError(
        `strings has an unknown key ${JSON.stringify(key)}; known keys: ${Object.keys(ENGLISH).join(', ')}.`,
      );
    }
    if (typeof text !== 'string') {
      throw new TypeError(`strings.${key} must be a string, got ${describe(text)}.`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${String(value)}`;
}
