/**
 * Training images stored feature-major: `columns[feature * count + sample]`. The tree builder
 * reads one feature of many samples at a time, so this layout keeps each read within one
 * 60 KB column instead of striding across a 47 MB image array.
 */
export interface FeatureMatrix {
  /** Pixel levels 0..255, `features` columns of `count` samples each. */
  readonly columns: Uint8Array;
  /** Number of samples. */
  readonly count: number;
  /** Number of features per sample (784 for MNIST). */
  readonly features: number;
}

/** Transposes sample-major images (`images[sample * features + feature]`) to a FeatureMatrix. */
export function toFeatureMatrix(
  images: Uint8Array,
  count: number,
  features: number,
): FeatureMatrix {
  if (!Number.isInteger(count) || count <= 0 || !Number.isInteger(features) || features <= 0) {
    throw new RangeError(
      `count and features must be positive integers, got ${count} and ${features}`,
    );
  }
  if (images.length !== count * features) {
    throw new RangeError(
      `images must hold count × features = ${count * features} values, got ${images.length}`,
    );
  }
  if (features > 0x7fff) throw new RangeError(`at most 32767 features, got ${features}`);
  const columns = new Uint8Array(images.length);
  for (let s = 0; s < count; s++) {
    const row = s * features;
    for (let f = 0; f < features; f++) columns[f * count + s] = images[row + f];
  }
  return { columns, count, features };
}
