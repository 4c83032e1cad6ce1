export type {
  DigitRecognizer,
  ImageInput,
  NumberPrediction,
  Point,
  Prediction,
  Recognition,
  RecognizeOptions,
  RecognizerInput,
  Stroke,
} from './types.js';
export { parseStrokes, strokeBounds, STROKE_LIMITS, type Bounds } from './strokes.js';
export {
  centerOfMass,
  inkBoundingBox,
  inkMass,
  MNIST_BOX,
  MNIST_CENTER,
  MNIST_SIZE,
  type PixelBox,
  type PixelPoint,
} from './layout.js';
export {
  DEFAULT_STROKE_PREPROCESS_OPTIONS,
  preprocessStrokes,
  type StrokePreprocessOptions,
} from './preprocess-strokes.js';
export {
  DEFAULT_IMAGE_PREPROCESS_OPTIONS,
  MAX_IMAGE_PIXELS,
  preprocessImage,
  type ImagePreprocessOptions,
} from './preprocess-image.js';
export { DEFAULT_SEGMENT_OPTIONS, segmentDigits, type SegmentOptions } from './segment.js';
export {
  BACKENDS,
  DEFAULT_RECOGNIZER_CONFIG,
  validateRecognizerConfig,
  type Backend,
  type RecognizerConfig,
  type ResolvedRecognizerConfig,
} from './config.js';
export { DEFAULT_MODEL_URL, defaultModelUrl } from './model-url.js';
export { emptyRecognition, NUM_CLASSES, toPrediction, toRecognition } from './postprocess.js';
export { Recognizer } from './Recognizer.js';
