import { MNIST_SIZE } from '@digit-canvas/core';

import { PIXELS } from '../data/mnist.js';
import { grayPng } from './png.js';
import { escapeXml } from './render.js';

/** One image to show in a gallery, with its true and predicted digit. */
export interface GalleryItem {
  /** 784 values in [0, 1], ink high (MNIST layout). */
  pixels: ArrayLike<number>;
  label: number;
  predicted: number;
  /** Probability the model gave its prediction. */
  confidence: number;
  /** Shown under the image, e.g. the test-set index. */
  caption: string;
}

/**
 * A standalone SVG of misclassified digits: each as an embedded PNG (dark ink on white, 2×),
 * captioned "true → predicted (confidence)" and its index, `columns` per row.
 */
export function gallerySvg(items: readonly GalleryItem[], title: string, columns = 10): string {
  const cellW = 84;
  const cellH = 96;
  const top = 36;
  const rows = Math.max(1, Math.ceil(items.length / columns));
  const width = columns * cellW + 16;
  const height = top + rows * cellH + 8;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title" font-family="system-ui, sans-serif">`,
    `<title id="title">${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="22" font-size="15" font-weight="600" fill="#111">${escapeXml(title)}</text>`,
  ];
  items.forEach((item, i) => {
    const x = 8 + (i % columns) * cellW;
    const y = top + Math.floor(i / columns) * cellH;
    const gray = Uint8Array.from({ length: PIXELS }, (_, p) =>
      Math.round(255 * (1 - Math.min(1, Math.max(0, item.pixels[p]!)))),
    );
    const png = Buffer.from(grayPng(gray, MNIST_SIZE, MNIST_SIZE)).toString('base64');
    parts.push(
      `<image x="${x + 14}" y="${y}" width="56" height="56" image-rendering="pixelated" href="data:image/png;base64,${png}"><title>${escapeXml(`true ${item.label}, predicted ${item.predicted} (${(100 * item.confidence).toFixed(0)}%), ${item.caption}`)}</title></image>`,
      `<text x="${x + 42}" y="${y + 72}" text-anchor="middle" font-size="13" fill="#111">${item.label} → <tspan fill="#b00020" font-weight="600">${item.predicted}</tspan> (${(100 * item.confidence).toFixed(0)}%)</text>`,
      `<text x="${x + 42}" y="${y + 87}" text-anchor="middle" font-size="10" fill="#666">${escapeXml(item.caption)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
