// With Vite, webpack, Rollup or esbuild: import the registration module once, anywhere.
import '@digit-canvas/element/digit-canvas.js';

const pad = document.querySelector('digit-canvas');
const answer = document.querySelector('output');

// event.detail is typed (DigitPredictionDetail) in TypeScript, with no cast.
pad.addEventListener('digit-prediction', (event) => {
  const { value, confidence, probabilities } = event.detail;
  answer.textContent = value ? `${value} (${(confidence * 100).toFixed(0)}%)` : '?';
  console.table(probabilities); // ten numbers, one per digit
});

// Clear from your own UI; undo() removes the last stroke.
document.querySelector('#clear').addEventListener('click', () => pad.clear());
