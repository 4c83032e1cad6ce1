import { css } from 'lit';

export const styles = css`
  :host {
    /* A 280 px square by default (the size MNIST demos use), shrinking to fit narrow containers. */
    display: inline-block;
    box-sizing: border-box;
    inline-size: 280px;
    max-inline-size: 100%;
    aspect-ratio: 1 / 1;
    position: relative;
    border-radius: var(--digit-canvas-radius, 8px);
    border: var(--digit-canvas-border, 1px solid #8a8a8a);
    overflow: hidden;
    cursor: crosshair;
    /* Drawing must never scroll or zoom the page. */
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
    outline: none;
  }
  :host([hidden]) {
    display: none;
  }
  :host(:focus-visible) {
    outline: var(--digit-canvas-focus-ring, 3px solid #1a73e8);
    outline-offset: var(--digit-canvas-focus-ring-offset, 2px);
  }
  :host([disabled]) {
    cursor: not-allowed;
    opacity: 0.6;
  }
  /* Separate rule: a browser without :state() would drop the whole selector list. */
  :host(:state(disabled)) {
    cursor: not-allowed;
    opacity: 0.6;
  }
  canvas {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    /* The ink colour is read from here when painting, so forced colours can replace it. */
    color: var(--digit-canvas-ink, #111);
    background: var(--digit-canvas-paper, #fff);
    touch-action: none;
  }
  .status {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    :host {
      border-color: CanvasText;
    }
    :host(:focus-visible) {
      outline-color: Highlight;
    }
    canvas {
      color: CanvasText;
      background: Canvas;
      forced-color-adjust: none;
    }
  }
`;
