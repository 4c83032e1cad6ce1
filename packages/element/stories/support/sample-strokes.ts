import type { Stroke } from '@digit-canvas/core';

/**
 * A "2" written in one stroke on a 280 px pad, generated from a curve so the theming stories
 * show ink without anyone drawing. Its shape, not its numbers, is what matters here.
 */
export function sampleTwo(size = 280): Stroke[] {
  const s = size / 280;
  const stroke: Stroke = [];
  // The hook: an arc from the upper left over the top and down to the right.
  for (let a = Math.PI * 1.1; a <= Math.PI * 2.25; a += 0.12) {
    stroke.push({ x: s * (140 + 52 * Math.cos(a)), y: s * (105 + 45 * Math.sin(a)) });
  }
  // The diagonal down to the lower left, then the base line.
  const last = stroke[stroke.length - 1];
  for (let i = 1; i <= 8; i++) {
    stroke.push({
      x: last.x + ((s * 88 - last.x) * i) / 8,
      y: last.y + ((s * 200 - last.y) * i) / 8,
    });
  }
  for (let i = 1; i <= 6; i++) stroke.push({ x: s * (88 + (i * 108) / 6), y: s * 200 });
  return [stroke];
}
