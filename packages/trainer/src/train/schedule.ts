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
