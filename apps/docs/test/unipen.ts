// Real pen-drawn digits from the shared UNIPEN 1a file, replayed as mouse strokes.
import type { Page } from 'playwright-core';

import { readHeldOutUnipen, type UnipenSample, unipenPath } from '../../../scripts/unipen.mjs';

/**
 * One verified, unflagged sample of each digit in `labels`, the same ones every run: for the i-th
 * label the first one after i/n of the way through the file, so the digits come from different
 * writers rather than all from the first contributor.
 */
export function pickSamples(labels: number[]): UnipenSample[] {
  const samples = readHeldOutUnipen();
  return labels.map((label, i) => {
    const from = Math.floor((samples.length * i) / labels.length);
    const ok = (s: UnipenSample) => s.label === label && s.quality === 'OK' && !s.suspect;
    const sample = samples.slice(from).find(ok) ?? samples.find(ok);
    if (!sample) throw new Error(`no verified UNIPEN sample of ${label} in ${unipenPath}`);
    return sample;
  });
}

/**
 * Draws `sample` with the mouse inside `box` (page coordinates), scaled so its longer side
 * spans 60% of the box and centred, the way a person fills a drawing pad.
 */
export async function drawSample(
  page: Page,
  sample: UnipenSample,
  box: { x: number; y: number; width: number; height: number },
): Promise<void> {
  const points = sample.strokes.flat();
  const w = Math.max(...points.map((p) => p[0]));
  const h = Math.max(...points.map((p) => p[1]));
  const scale = (0.6 * Math.min(box.width, box.height)) / Math.max(w, h, 1);
  const ox = box.x + (box.width - w * scale) / 2;
  const oy = box.y + (box.height - h * scale) / 2;
  for (const stroke of sample.strokes) {
    const [first, ...rest] = stroke;
    await page.mouse.move(ox + first[0] * scale, oy + first[1] * scale);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(ox + x * scale, oy + y * scale);
    await page.mouse.up();
  }
}
