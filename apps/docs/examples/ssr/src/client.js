// Hydration support first: the element then takes over the shadow root the server rendered
// instead of rendering a new one.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import '@digit-canvas/element/digit-canvas.js';

const answer = document.querySelector('output');

document.querySelector('digit-canvas').addEventListener('digit-prediction', (event) => {
  const { value, confidence } = event.detail;
  answer.textContent = value ? `${value} (${(confidence * 100).toFixed(0)}%)` : '?';
});
