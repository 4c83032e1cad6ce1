// Runs in the benchmark's Chromium page (plain JS, served as is): times the built preprocessing
// on the inputs the Node side serves. Only the pure preprocessing modules load: no tfjs.
import { preprocessImage } from '/dist/preprocess-image.js';
import { preprocessStrokes } from '/dist/preprocess-strokes.js';

/** Best of 5 rounds, in ms per item. */
function best(run, items) {
  let result = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    run();
    result = Math.min(result, (performance.now() - start) / items);
  }
  return result;
}

export async function run() {
  const inputs = await (await fetch('/inputs.json')).json();
  const image = { ...inputs.image, data: Uint8ClampedArray.from(inputs.image.data) };
  for (const d of inputs.digits) preprocessStrokes(d); // warm-up (JIT)
  const strokes = best(
    () => inputs.digits.forEach((d) => preprocessStrokes(d)),
    inputs.digits.length,
  );
  for (let i = 0; i < 20; i++) preprocessImage(image);
  const imageMs = best(() => {
    for (let i = 0; i < 50; i++) preprocessImage(image);
  }, 50);
  return { strokes, image: imageMs, userAgent: navigator.userAgent };
}
