// Statistics that say whether a set of 28×28 digits "looks like MNIST".

/** Largest absolute difference between two equally long arrays. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Pearson correlation of two equally long arrays. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Pixel-wise mean of images. */
export function meanImage(images: readonly Float32Array[]): Float64Array {
  const mean = new Float64Array(784);
  for (const im of images) for (let i = 0; i < 784; i++) mean[i] += im[i] / images.length;
  return mean;
}

/**
 * Zhang–Suen thinning of the image thresholded at 0.5: the one-pixel-wide skeleton of the
 * strokes, whose pixel count estimates the stroke length.
 */
export function skeletonLength(image: ArrayLike<number>): number {
  const W = 30; // 1-pixel frame so neighbours never fall outside
  const g = new Uint8Array(W * W);
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++) g[(y + 1) * W + x + 1] = image[y * 28 + x] > 0.5 ? 1 : 0;
  const remove: number[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (let step = 0; step < 2; step++) {
      remove.length = 0;
      for (let y = 1; y < W - 1; y++) {
        for (let x = 1; x < W - 1; x++) {
          const i = y * W + x;
          if (!g[i]) continue;
          const p = [
            g[i - W],
            g[i - W + 1],
            g[i + 1],
            g[i + W + 1],
            g[i + W],
            g[i + W - 1],
            g[i - 1],
            g[i - W - 1],
          ];
          const b = p.reduce((s, v) => s + v, 0);
          if (b < 2 || b > 6) continue;
          let a = 0;
          for (let k = 0; k < 8; k++) if (!p[k] && p[(k + 1) % 8]) a++;
          if (a !== 1) continue;
          const [p2, , p4, , p6, , p8] = p;
          if (
            step === 0
              ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0
              : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0
          )
            remove.push(i);
        }
      }
      for (const i of remove) g[i] = 0;
      if (remove.length) changed = true;
    }
  }
  return g.reduce((s, v) => s + v, 0);
}

/** Ink mass, pixels > 0.5, and mean stroke width (ink mass per skeleton pixel) of a set. */
export function inkStatistics(images: readonly Float32Array[]): {
  mass: number;
  above: number;
  width: number;
} {
  let mass = 0;
  let above = 0;
  let width = 0;
  let counted = 0;
  for (const im of images) {
    let m = 0;
    for (let i = 0; i < 784; i++) {
      m += im[i];
      if (im[i] > 0.5) above++;
    }
    mass += m;
    const len = skeletonLength(im);
    if (len > 0) {
      width += m / len;
      counted++;
    }
  }
  return { mass: mass / images.length, above: above / images.length, width: width / counted };
}
