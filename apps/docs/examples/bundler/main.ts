// With Vite, webpack, esbuild or Rollup: import the registration module once, anywhere.
import '@digit-canvas/element/digit-canvas.js';
import type { DigitPredictionEvent } from '@digit-canvas/element';

const pad = document.querySelector('digit-canvas');
const answer = document.querySelector('output');

pad?.addEventListener('digit-prediction', (event: DigitPredictionEvent) => {
  const { value, confidence, probabilities } = event.detail;
  if (answer) answer.textContent = value ? `${value} (${(confidence * 100).toFixed(0)}%)` : '?';
  console.table(probabilities); // ten numbers, one per digit
});

// Clear from your own UI; undo() removes the last stroke.
document.querySelector('#clear')?.addEventListener('click', () => pad?.clear());
