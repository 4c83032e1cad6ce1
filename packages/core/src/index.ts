// The public API: exactly what README.md documents. Everything else stays inside the package.
export type {
  DecidedBy,
  ImageInput,
  Point,
  Prediction,
  PredictionViews,
  Recognition,
  RecognizerInput,
  Stroke,
} from './types.js';
export type { DigitRecognizer, PredictOptions, RecognizeOptions } from './recognize-options.js';
export { parseStrokes, STROKE_LIMITS } from './strokes.js';
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
export { preprocessStrokes, type StrokePreprocessOptions } from './preprocess-strokes.js';
export { preprocessImage, type ImagePreprocessOptions } from './preprocess-image.js';
export { segmentDigits, type SegmentOptions } from './segment.js';
export {
  trajectoryFeatures,
  TRAJECTORY_CHANNELS,
  TRAJECTORY_POINTS,
  TRAJECTORY_SIZE,
} from './trajectory.js';
export {
  BACKENDS,
  DEFAULT_RECOGNIZER_CONFIG,
  validateRecognizerConfig,
  type Backend,
  type RecognizerConfig,
} from './config.js';
export {
  DEFAULT_MODEL_URL,
  DEFAULT_TRAJECTORY_MODEL_URL,
  defaultModelUrl,
  defaultTrajectoryModelUrl,
} from './model-url.js';
export {
  emptyRecognition,
  fuseViews,
  NUM_CLASSES,
  toPrediction,
  toRecognition,
} from './postprocess.js';
export { Recognizer } from './Recognizer.js';
export {
  DEFAULT_PROFILE_EXAMPLES,
  MAX_PROFILE_EXAMPLES,
  PROFILE_ACCEPT_BELOW,
  PROFILE_TUNING,
  WriterProfile,
  type ProfileTuning,
  type WriterProfileJSON,
  type WriterProfileOptions,
} from './writer-profile.js';
