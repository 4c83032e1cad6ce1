// Entry of dist/digit-canvas.bundle.js, the one-file build for pages without a bundler: it
// registers <digit-canvas> and finds the models (the CNN, the trajectory model, and the wasm
// binaries) next to itself.
import { DigitCanvas } from './src/DigitCanvas.js';

DigitCanvas.defaultModelUrl = new URL('./model.json', import.meta.url).href;
DigitCanvas.defaultTrajectoryModelUrl = new URL('./trajectory.json', import.meta.url).href;

export * from './digit-canvas.js';
