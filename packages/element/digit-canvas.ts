import { DigitCanvas } from './src/DigitCanvas.js';

// Guarded, so two copies of the package on one page (or a hot reload) do not throw.
if (!customElements.get('digit-canvas')) customElements.define('digit-canvas', DigitCanvas);

declare global {
  interface HTMLElementTagNameMap {
    'digit-canvas': DigitCanvas;
  }
}

export { DigitCanvas };
export type * from './src/events.js';
