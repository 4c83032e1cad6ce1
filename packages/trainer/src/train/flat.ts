import * as tf from '@tensorflow/tfjs-core';

/** Float32 values kept outside tfjs, with the shape they stand for (Adam's moments). */
export interface HostArray {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** A piece of training state: a tensor (weights, gradients, statistics) or a {@link HostArray}. */
export type FloatState = tf.Tensor | HostArray;

/** Number of values in `state`. */
export function sizeOf(state: FloatState): number {
  return state instanceof tf.Tensor ? state.size : state.values.length;
}

/** Number of values in all of `states`. */
export function totalSize(states: readonly FloatState[]): number {
  return states.reduce((n, s) => n + sizeOf(s), 0);
}

/**
 * The values of `states` one after another, written into `out` from `offset` (by default a new
 * array of exactly their size); returns `out`. One layout serves checkpoints, the weights the
 * data-parallel step publishes and the gradients its workers send back.
 */
export function concatInto(
  states: readonly FloatState[],
  out: Float32Array = new Float32Array(totalSize(states)),
  offset = 0,
): Float32Array {
  for (const s of states) {
    const values = s instanceof tf.Tensor ? (s.dataSync() as Float32Array) : s.values;
    out.set(values, offset);
    offset += values.length;
  }
  return out;
}

/** The inverse of {@link concatInto}: fills `states` from `values`, starting at `offset`. */
export function assignFrom(
  states: readonly (tf.Variable | HostArray)[],
  values: Float32Array,
  offset = 0,
): void {
  for (const s of states) {
    const n = sizeOf(s);
    const slice = values.subarray(offset, offset + n);
    if (s instanceof tf.Variable) {
      const t = tf.tensor(slice, s.shape, 'float32');
      s.assign(t);
      t.dispose();
    } else {
      s.values.set(slice);
    }
    offset += n;
  }
}
