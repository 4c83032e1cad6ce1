// The whole app: what the element README tells a bundler user to write, plus a log of the
// element's events for the test to read.
import '@digit-canvas/element/digit-canvas.js';

window.digitEvents = [];
for (const type of ['digit-ready', 'digit-error', 'digit-prediction']) {
  document.addEventListener(type, (event) => {
    const { detail } = event;
    window.digitEvents.push({
      type,
      digit: detail?.digit,
      message: detail?.message,
      backend: detail?.backend,
    });
  });
}
