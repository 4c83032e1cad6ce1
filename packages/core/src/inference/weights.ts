import type { io } from '@tensorflow/tfjs-core';

/**
 * @internal Decodes a tfjs weights manifest's binary data into one `Float32Array` per weight,
 * by name: float32 as stored, the quantized forms `export` writes (uint8 and uint16 as
 * `min + q · scale`, float16 as half floats). The same arithmetic as tfjs's own
 * `io.decodeWeights`, without loading tfjs. Returns a reason instead when a weight is stored in
 * a form this decoder does not know (int32 or bool weights), so the caller can use tfjs.
 */
export function decodeWeights(
  specs: readonly io.WeightsManifestEntry[],
  data: ArrayBuffer,
): Map<string, Float32Array> | { unsupported: string } {
  const weights = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const quantization = spec.quantization;
    const stored = quantization?.dtype ?? spec.dtype;
    if (spec.dtype !== 'float32') {
      return { unsupported: `weight ${spec.name} is of type ${spec.dtype}` };
    }
    let values: Float32Array;
    if (stored === 'float32') {
      values = new Float32Array(data.slice(offset, offset + size * 4));
      offset += size * 4;
    } else if (stored === 'uint8' || stored === 'uint16') {
      const bytes = stored === 'uint8' ? 1 : 2;
      const codes =
        stored === 'uint8'
          ? new Uint8Array(data, offset, size)
          : new Uint16Array(data.slice(offset, offset + size * 2));
      const min = quantization?.min ?? 0;
      const scale = quantization?.scale ?? 1;
      values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = codes[i] * scale + min;
      offset += size * bytes;
    } else if (stored === 'float16') {
      const halves = new Uint16Array(data.slice(offset, offset + size * 2));
      values = Float32Array.from(halves, halfToFloat);
      offset += size * 2;
    } else {
      return { unsupported: `weight ${spec.name} is stored as ${stored}` };
    }
    weights.set(spec.name, values);
  }
  return weights;
}

/** An IEEE 754 half-precision value (its 16 bits) as a number. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
