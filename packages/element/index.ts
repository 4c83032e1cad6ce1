// The class and its types, without registering the tag: import './digit-canvas.js' for that.
export { DigitCanvas } from './src/DigitCanvas.js';
export type { DigitCanvasBackend } from './src/DigitCanvas.js';
// What `recognizer` accepts and what `digit-prediction` carries: core's contract, re-exported so
// `import type { DigitRecognizer } from '@digit-canvas/element'` keeps working.
export type {
  DigitRecognizer,
  Recognition,
  RecognizeOptions,
  RecognizerInput,
} from '@digit-canvas/core';
export type {
  DigitClearEvent,
  DigitErrorDetail,
  DigitErrorEvent,
  DigitPredictionDetail,
  DigitPredictionEvent,
  DigitReadyDetail,
  DigitReadyEvent,
} from './src/events.js';
export type { DigitCanvasStrings } from './src/strings.js';
export type { ValidatedControl, ValidationResult, Validator } from './src/validators.js';
export { requiredValidator } from './src/validators.js';
