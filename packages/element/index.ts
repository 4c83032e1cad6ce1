// The class and its types, without registering the tag: import './digit-canvas.js' for that.
export { DigitCanvas } from './src/DigitCanvas.js';
export type { DigitCanvasBackend, DigitRecognizer } from './src/DigitCanvas.js';
export type {
  DigitClearEvent,
  DigitErrorDetail,
  DigitErrorEvent,
  DigitPredictionDetail,
  DigitPredictionEvent,
  DigitReadyDetail,
  DigitReadyEvent,
} from './src/events.js';
export type { ValidationResult, Validator } from './src/validators.js';
export { requiredValidator } from './src/validators.js';
