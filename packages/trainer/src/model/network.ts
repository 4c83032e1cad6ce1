import * as tf from '@tensorflow/tfjs-core';

import { NUM_CLASSES } from '@digit-canvas/core';

/**
 * The CNN, written with raw tfjs ops rather than tfjs-layers so that training on the wasm backend
 * is fast: batch normalisation and ReLU share one hand-written gradient whose per-channel sums run
 * as XNNPACK average pooling (tfjs' generic BatchNorm/Mean/Tile gradients took ~60% of a step).
 * At export the normalisation is folded into the convolutions (see export.ts), so the shipped
 * model is a plain conv→relu LayersModel.
 *
 * Architecture: five 3×3 convolutions 32-32-pool-64-64-pool-128 (see PADDING), each followed by
 * batch norm + ReLU, global average pooling, dense 10. Input [batch, 28, 28, 1] in core's MNIST
 * layout (ink high, [0, 1]); output logits [batch, 10].
 */
export const CONV_FILTERS = [32, 32, 64, 64, 128] as const;
/** Index of the convolutions followed by a 2×2 max pool. */
export const POOL_AFTER = new Set([1, 3]);
/**
 * 'valid' padding for the first four convolutions (28→26→24→pool 12→10→8→pool 4) halves the
 * multiply-adds of the all-'same' recipe (11M instead of 22M per image) at the same parameter
 * count, which decides whether a full training run fits in an hour on two shared cores.
 */
export const PADDING = ['valid', 'valid', 'valid', 'valid', 'same'] as const;
export const BN_EPSILON = 1e-3;

export interface ConvBlock {
  /** [3, 3, in, out] */
  kernel: tf.Variable<tf.Rank.R4>;
  /** [out] batch-norm scale and shift (trained). */
  gamma: tf.Variable<tf.Rank.R1>;
  beta: tf.Variable<tf.Rank.R1>;
  /** [out] running statistics for inference (not trained; exponential moving averages). */
  movingMean: tf.Variable<tf.Rank.R1>;
  movingVar: tf.Variable<tf.Rank.R1>;
}

export interface Network {
  blocks: ConvBlock[];
  /** [lastFilters, 10], [10] */
  denseKernel: tf.Variable<tf.Rank.R2>;
  denseBias: tf.Variable<tf.Rank.R1>;
}

/** Trainable variables, in a fixed order (used by the optimizer and checkpoints). */
export function trainableVariables(net: Network): tf.Variable[] {
  return [
    ...net.blocks.flatMap((b) => [b.kernel, b.gamma, b.beta]),
    net.denseKernel,
    net.denseBias,
  ];
}

/** Every variable (trainable first, then the running statistics) in a fixed order. */
export function allVariables(net: Network): tf.Variable[] {
  return [...trainableVariables(net), ...net.blocks.flatMap((b) => [b.movingMean, b.movingVar])];
}

export function parameterCount(net: Network): number {
  return allVariables(net).reduce((n, v) => n + v.size, 0);
}

/** A fresh network, He-initialised from `seed` (same seed, same weights). */
export function createNetwork(seed: number): Network {
  let inChannels = 1;
  let s = seed;
  const blocks = CONV_FILTERS.map((out) => {
    const std = Math.sqrt(2 / (9 * inChannels));
    const block: ConvBlock = {
      kernel: tf.variable(
        tf.truncatedNormal([3, 3, inChannels, out], 0, std, 'float32', s++),
        true,
      ),
      gamma: tf.variable(tf.ones([out]), true),
      beta: tf.variable(tf.zeros([out]), true),
      movingMean: tf.variable(tf.zeros([out]), false),
      movingVar: tf.variable(tf.ones([out]), false),
    };
    inChannels = out;
    return block;
  });
  const limit = Math.sqrt(6 / (inChannels + NUM_CLASSES));
  return {
    blocks,
    denseKernel: tf.variable(
      tf.randomUniform([inChannels, NUM_CLASSES], -limit, limit, 'float32', s++),
      true,
    ),
    denseBias: tf.variable(tf.zeros([NUM_CLASSES]), true),
  };
}

/** Per-channel mean of an NHWC tensor as [C], via one XNNPACK average pool over all positions. */
export function channelMean(x: tf.Tensor4D): tf.Tensor1D {
  const [b, h, w, c] = x.shape;
  const pooled = tf.avgPool(tf.reshape(x, [1, b * h, w, c]) as tf.Tensor4D, [b * h, w], 1, 'valid');
  return tf.reshape(pooled, [c]);
}

/** Batch statistics of the last training forward pass, per block, for the running averages. */
export type BatchStats = { mean: tf.Tensor1D; variance: tf.Tensor1D }[];

/**
 * @internal exported for tests.
 * relu(batchnorm(x)) with batch statistics and a fused analytic gradient:
 * g = dy·[y>0]; dx = γ·rstd·(g − mean(g) − x̂·mean(g·x̂)); dγ = N·mean(g·x̂); dβ = N·mean(g).
 */
export function batchNormReluTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  stats: BatchStats,
): tf.Tensor4D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x4, gIn, bIn, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const mean = channelMean(x4);
    const centred = tf.sub(x4, mean) as tf.Tensor4D;
    const variance = channelMean(tf.square(centred) as tf.Tensor4D);
    const rstd = tf.rsqrt(tf.add(variance, BN_EPSILON)) as tf.Tensor1D;
    const xhat = tf.mul(centred, rstd) as tf.Tensor4D;
    const y = tf.relu(tf.add(tf.mul(xhat, gIn), bIn)) as tf.Tensor4D;
    stats.push({ mean: tf.keep(mean), variance: tf.keep(variance) });
    save([xhat, y, rstd, gIn]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sXhat, sY, sRstd, sGamma] = saved as [
          tf.Tensor4D,
          tf.Tensor4D,
          tf.Tensor1D,
          tf.Tensor1D,
        ];
        const n = sXhat.size / sXhat.shape[3];
        const g = tf.mul(dy, tf.step(sY)) as tf.Tensor4D;
        const meanG = channelMean(g);
        const meanGX = channelMean(tf.mul(g, sXhat) as tf.Tensor4D);
        const dx = tf.mul(tf.sub(tf.sub(g, meanG), tf.mul(sXhat, meanGX)), tf.mul(sGamma, sRstd));
        return [dx, tf.mul(meanGX, n), tf.mul(meanG, n)];
      },
    };
  });
  return f(x, gamma, beta) as tf.Tensor4D;
}

/** Inference-mode block: relu(x·scale + shift) from the running statistics. */
function batchNormReluInference(x: tf.Tensor4D, block: ConvBlock): tf.Tensor4D {
  const scale = tf.mul(block.gamma, tf.rsqrt(tf.add(block.movingVar, BN_EPSILON)));
  const shift = tf.sub(block.beta, tf.mul(block.movingMean, scale));
  return tf.relu(tf.add(tf.mul(x, scale), shift)) as tf.Tensor4D;
}

/**
 * Logits [batch, 10] for images [batch, 28, 28, 1]. With `stats`, runs in training mode (batch
 * statistics, pushed onto `stats`); without, uses the running statistics.
 */
export function forward(net: Network, images: tf.Tensor4D, stats?: BatchStats): tf.Tensor2D {
  let h = images;
  net.blocks.forEach((block, i) => {
    const conv = tf.conv2d(h, block.kernel, 1, PADDING[i]!);
    h = stats
      ? batchNormReluTraining(conv, block.gamma, block.beta, stats)
      : batchNormReluInference(conv, block);
    if (POOL_AFTER.has(i)) h = tf.maxPool(h, 2, 2, 'valid');
  });
  const [b, hh, ww, c] = h.shape;
  const pooled = tf.reshape(tf.avgPool(h, [hh, ww], 1, 'valid'), [b, c]); // global average pool
  return tf.add(tf.matMul(pooled, net.denseKernel), net.denseBias) as tf.Tensor2D;
}

/** Folds each batch's statistics into the running averages and disposes them. */
export function updateMovingStats(net: Network, stats: BatchStats, momentum = 0.9): void {
  tf.tidy(() => {
    stats.forEach(({ mean, variance }, i) => {
      const block = net.blocks[i]!;
      block.movingMean.assign(
        tf.add(tf.mul(block.movingMean, momentum), tf.mul(mean, 1 - momentum)),
      );
      block.movingVar.assign(
        tf.add(tf.mul(block.movingVar, momentum), tf.mul(variance, 1 - momentum)),
      );
    });
  });
  for (const { mean, variance } of stats) tf.dispose([mean, variance]);
  stats.length = 0;
}
