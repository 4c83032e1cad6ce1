/**
 * Turns a preprocessed digit (floats, ink 1, background 0, as core's `preprocessStrokes` returns)
 * into MNIST's pixel levels, bytes 0..255: what the trees read, and how pen-drawn digits join the
 * CNN's training set. The CNN reads MNIST as `byte / 255`, so `round(value * 255)` is the inverse
 * and every model sees the same image. Values outside [0, 1] are clamped; NaN is an error.
 */
export function quantizePixels(
  input: ArrayLike<number>,
  out: Uint8Array = new Uint8Array(input.length),
): Uint8Array {
  if (out.length !== input.length) {
    throw new RangeError(`out must have ${input.length} entries, got ${out.length}`);
  }
  for (let i = 0; i < input.length; i++) {
    const v = input[i];
    if (Number.isNaN(v))
      throw new RangeError(`input[${i}] is NaN; expected a pixel value in [0, 1]`);
    out[i] = Math.round(Math.min(1, Math.max(0, v)) * 255);
  }
  return out;
}
