import type { DigitCanvasStrings } from './strings.js';

/** What a validator sees of the element. */
export interface ValidatedControl {
  readonly required: boolean;
  readonly value: string;
  readonly strokeCount: number;
  /** The element's words (its `strings`, English where not set), for the messages. */
  readonly strings: DigitCanvasStrings;
}

export interface ValidationResult {
  readonly isValid: boolean;
  readonly message: string;
  readonly invalidKeys: readonly (keyof ValidityStateFlags)[];
}

/**
 * One check of the element's validity. The element's form controller runs every validator
 * whenever the value or the drawing changes, and again when one of `observedAttributes` changes;
 * the first that fails gives the validation message (its `invalidKeys` are all set).
 */
export interface Validator {
  /** The element's attributes whose change must re-run the check (`required`). */
  readonly observedAttributes: readonly string[];
  checkValidity(el: ValidatedControl): ValidationResult;
}

const VALID: ValidationResult = { isValid: true, message: '', invalidKeys: [] };

/**
 * `required`: something must be drawn and recognized. An empty canvas says "Draw a digit"
 * (`strings.valueMissing`); a drawing the model is not sure about says so
 * (`strings.notRecognized`), so the user knows to redraw rather than add more.
 */
export const requiredValidator: Validator = {
  observedAttributes: ['required'],
  checkValidity(el) {
    if (!el.required || el.value !== '') return VALID;
    const message = el.strokeCount === 0 ? el.strings.valueMissing : el.strings.notRecognized;
    return { isValid: false, message, invalidKeys: ['valueMissing'] };
  },
};
