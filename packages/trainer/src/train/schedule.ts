/**
 * One-cycle learning rate (Smith & Topin; PyTorch's OneCycleLR with cosine annealing): from
 * max/25 up to `max` over the first `warmup` fraction of the steps, then down to max/25e4.
 */
export function oneCycle(step: number, totalSteps: number, max: number, warmup = 0.3): number {
  const initial = max / 25;
  const final = initial / 1e4;
  const peak = Math.max(1, Math.round(totalSteps * warmup));
  const cosine = (from: number, to: number, t: number) =>
    to + ((from - to) * (1 + Math.cos(Math.PI * Math.min(1, t)))) / 2;
  if (step < peak) return cosine(initial, max, step / peak);
  return cosine(max, final, (step - peak) / Math.max(1, totalSteps - peak));
}

/**
 * Cosine decay from `max` at the first step to 0 after the last, held for each epoch of
 * `stepsPerEpoch` steps (the rate of epoch e of E is max·(1 + cos(π·(e−1)/E))/2): the
 * trajectory model's schedule.
 */
export function cosineDecay(
  step: number,
  totalSteps: number,
  max: number,
  stepsPerEpoch = 1,
): number {
  const epochs = Math.max(1, Math.round(totalSteps / stepsPerEpoch));
  const epoch = Math.min(epochs - 1, Math.floor(step / stepsPerEpoch));
  return (max * (1 + Math.cos((Math.PI * epoch) / epochs))) / 2;
}

/** The learning rate of optimizer step `step` (0-based), the whole run's schedule fixed. */
export type LearningRateSchedule = (step: number) => number;
