// `@digit-canvas/element/react`: <DigitCanvas> for React 18 and earlier, which set every prop as
// an attribute and cannot listen to custom events on a custom element. @lit/react's wrapper sets
// properties and maps the element's events to `on…` props. React 19 needs none of this: use
// <digit-canvas> directly, with the JSX typings of `@digit-canvas/element/jsx`.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';

import { DigitCanvas as DigitCanvasElement } from './digit-canvas.js';
import type {
  DigitClearEvent,
  DigitErrorEvent,
  DigitPredictionEvent,
  DigitReadyEvent,
} from './src/events.js';

/**
 * `<digit-canvas>` as a React component: every attribute and property of the element as a prop
 * (`modelUrl`, `minConfidence`, `multiple`, `strings`, `recognizer`…), its events as
 * `onDigitPrediction`, `onDigitError`, `onDigitReady` and `onDigitClear`, and a ref to the
 * element itself (for `clear()`, `undo()`, `predict()`, `value`).
 */
export const DigitCanvas = createComponent({
  tagName: 'digit-canvas',
  elementClass: DigitCanvasElement,
  react: React,
  events: {
    onDigitPrediction: 'digit-prediction' as EventName<DigitPredictionEvent>,
    onDigitError: 'digit-error' as EventName<DigitErrorEvent>,
    onDigitReady: 'digit-ready' as EventName<DigitReadyEvent>,
    onDigitClear: 'digit-clear' as EventName<DigitClearEvent>,
  },
  displayName: 'DigitCanvas',
});

/** The element behind the component: the type of its ref. */
export type { DigitCanvasElement };
