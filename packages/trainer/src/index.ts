export { parseIdx, readIdx, type IdxArray, type IdxDataType } from './data/idx.js';
export { defaultMnistDir, loadMnist, type Mnist, type MnistSplit } from './data/mnist.js';
export {
  defaultUnipenPath,
  HELD_OUT_UNIPEN,
  isHeldOutWriter,
  loadHeldOutUnipen,
  loadUnipen,
  splitByWriter,
  type UnipenSplit,
  type UnipenPoint,
  type UnipenSample,
} from './data/unipen.js';
export {
  augmentBatch,
  DEFAULT_AUGMENT,
  NO_AUGMENT,
  toFloatBatch,
  type AugmentOptions,
} from './data/augment.js';
export { BACKENDS, useBackend, type TrainerBackend } from './backend.js';
export {
  conv2DBackpropFilterWasm,
  conv2DBackpropInputWasm,
  registerWasmTrainingKernels,
} from './kernels/wasm-conv-grads.js';
export { createNetwork, forward, parameterCount, type Network } from './model/network.js';
export {
  loadLayersModelFromDir,
  saveLayersModel,
  toLayersModel,
  WEIGHT_FORMATS,
  type SavedModel,
  type WeightFormat,
} from './model/export.js';
export { train, type BatchProgress, type TrainHooks } from './train/train.js';
export type { TrainResult } from './train/types.js';
export {
  DEFAULT_TRAIN_CONFIG,
  validateTrainConfig,
  type ResolvedTrainConfig,
  type TrainConfig,
} from './train/config.js';
export { Random } from './random.js';
export { heldOutSet, heldOutSets, registerHeldOutSet } from './held-out/registry.js';
export {
  loadHeldOut,
  type HeldOutLoadOptions,
  type HeldOutSample,
  type HeldOutSet,
  type HeldOutSplit,
  type HeldOutView,
} from './held-out/set.js';
export { upgradeCnnEvaluation } from './reports/cnn-evaluation.js';

// The JSON the commands write under reports/, for readers such as the docs site.
export type { ClassMetrics, Metrics } from './evaluation/metrics.js';
export type {
  HeldOutEvaluation,
  HeldOutViews,
  Misclassified,
  UnipenEvaluation,
  WriterAccuracy,
} from './evaluation/cnn.js';
export type { HeldOutResult } from './evaluation/held-out.js';
export type { AdaptSetting, AdaptSummary, WriterAdaptResult } from './evaluation/adapt.js';
export type { AdaptReport } from './reports/adapt-report.js';
export type { ClassifierReport, HyperParameter, SetResult } from './reports/classifier-report.js';
export type { ComparedClassifier, Comparison } from './reports/comparison.js';
export type { ExportReport } from './reports/export-report.js';
export type {
  BaselineEvaluation,
  CnnEvaluation,
  LegacyCnnEvaluation,
} from './reports/cnn-evaluation.js';
export type { TrainingReport } from './train/history.js';
export type { EpochRecord } from './train/types.js';
export type {
  TrajectoryEpoch,
  TrajectoryRefit,
  TrajectoryTrainingReport,
} from './train/trajectory.js';
export type { Provenance } from './provenance.js';
