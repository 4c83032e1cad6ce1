import { executeServerCommand, resetMouse, sendMouse } from '@web/test-runner-commands';

import {
  preprocessStrokes,
  toPrediction,
  toRecognition,
  type DigitRecognizer,
  type Prediction,
  type Recognition,
  type RecognizeOptions,
  type RecognizerInput,
  type Stroke,
} from '@digit-canvas/core';

import type { DigitCanvas } from '../src/DigitCanvas.js';
import type { DigitPredictionDetail, DigitPredictionEvent } from '../src/events.js';

/** A point as fractions (0–1) of the element's width and height. */
export type RelPoint = readonly [number, number];

/**
 * Draws one stroke with real mouse input (Chromium's input pipeline, so real pointer events):
 * move to the first point, press, move through the rest, release.
 */
export async function drawStroke(el: HTMLElement, points: readonly RelPoint[]): Promise<void> {
  const rect = el.getBoundingClientRect();
  const at = ([fx, fy]: RelPoint): [number, number] => [
    Math.round(rect.left + fx * rect.width),
    Math.round(rect.top + fy * rect.height),
  ];
  await sendMouse({ type: 'move', position: at(points[0]) });
  await sendMouse({ type: 'down' });
  for (const p of points.slice(1)) await sendMouse({ type: 'move', position: at(p) });
  await sendMouse({ type: 'up' });
}

/**
 * Draws strokes given in CSS px relative to the element's top-left corner, with real input
 * replayed server-side through the engine's own automation (`draw-strokes` in
 * test/input-commands.mjs): the mouse by default, or a finger or a pen where the engine's
 * automation sends them (`inputSupport()`). `pressures` gives a pen's pressure at each point.
 */
export async function drawPixelStrokes(
  el: HTMLElement,
  strokes: readonly Stroke[],
  pointerType: 'mouse' | 'touch' | 'pen' = 'mouse',
): Promise<void> {
  const rect = el.getBoundingClientRect();
  const page = strokes.map((stroke) => stroke.map((p) => [rect.left + p.x, rect.top + p.y]));
  const pressures = strokes.some((s) => s.some((p) => p.pressure !== undefined))
    ? strokes.map((stroke) => stroke.map((p) => p.pressure ?? 0.5))
    : undefined;
  await executeServerCommand('draw-strokes', { strokes: page, pointerType, pressures });
}

/** What this engine's automation can send or emulate (see test/input-commands.mjs). */
export interface InputSupport {
  readonly touch: boolean;
  readonly pen: boolean;
  readonly viewport: boolean;
  readonly forcedColors: boolean;
  /** The accessibility tree: Chromium's, or WebKit's computed role and label. */
  readonly accessibility: boolean;
}

export function inputSupport(): Promise<InputSupport> {
  return executeServerCommand<InputSupport>('input-support');
}

export { resetMouse };

/**
 * The first digit-prediction dispatched once the element holds `strokes` strokes. Call it
 * before drawing: the reply can come before the mouse command returns, and a prediction made
 * between two strokes of one digit (the machine stalled past predict-delay) is skipped.
 */
export function nextPrediction(el: DigitCanvas, strokes: number): Promise<DigitPredictionDetail> {
  return new Promise((resolve) => {
    const listener = (e: DigitPredictionEvent) => {
      if (el.strokes.length !== strokes) return;
      el.removeEventListener('digit-prediction', listener);
      resolve(e.detail);
    };
    el.addEventListener('digit-prediction', listener);
  });
}

/** Records console.warn calls, keeping them out of the log, until `restore()`. */
export function captureWarnings(): { readonly calls: unknown[][]; restore(): void } {
  const calls: unknown[][] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => calls.push(args);
  return { calls, restore: () => (console.warn = warn) };
}

/** A seven drawn as three corners: top-left → top-right → bottom-middle. */
export const SEVEN: readonly RelPoint[] = [
  [0.25, 0.2],
  [0.5, 0.2],
  [0.75, 0.2],
  [0.6, 0.5],
  [0.45, 0.85],
];

/**
 * A fake recognizer: answers `digit` (or, with `multiple`, the digits `numberDigits`) with
 * `confidence`, and records what it was asked. Its answer follows core's rules: a `Prediction`
 * per digit from core's `toPrediction` (the threshold applied), the whole from `toRecognition`.
 */
export class FakeRecognizer implements DigitRecognizer {
  /** The model input of each single-digit call (the preprocessed strokes). */
  readonly inputs: Float32Array[] = [];
  /** The strokes of each `multiple` call. */
  readonly numbers: Stroke[][] = [];
  /** The options of each call, as given. */
  readonly options: RecognizeOptions[] = [];

  constructor(
    public digit: number,
    public confidence = 0.9,
    public numberDigits: number[] = [],
  ) {}

  recognize(input: RecognizerInput, options: RecognizeOptions = {}): Promise<Recognition> {
    const strokes = input as Stroke[];
    this.options.push(options);
    const minConfidence = options.minConfidence ?? 0;
    if (options.multiple) {
      this.numbers.push(strokes);
      const digits = this.numberDigits.map((d) =>
        this.#prediction(d, new Float32Array(784), minConfidence),
      );
      return Promise.resolve(
        toRecognition(
          digits,
          digits.map(() => strokes),
          1,
        ),
      );
    }
    const pixels = preprocessStrokes(strokes);
    this.inputs.push(pixels);
    return Promise.resolve(
      toRecognition([this.#prediction(this.digit, pixels, minConfidence)], [strokes], 1),
    );
  }

  #prediction(digit: number, input: Float32Array, minConfidence: number): Prediction {
    const probabilities = Array.from({ length: 10 }, (_, i) =>
      i === digit ? this.confidence : (1 - this.confidence) / 9,
    );
    return toPrediction(probabilities, input, minConfidence, 1);
  }
}

/** Presses a chord with real keys, such as `pressChord('Control', 'z')`. */
export async function pressChord(...keys: string[]): Promise<void> {
  await executeServerCommand('press-chord', { keys });
}

/** The role and accessible name the engine exposes for the element at `selector`. */
export function accessibilityOf(selector: string): Promise<{ role: string; name: string }> {
  return executeServerCommand('accessibility', { selector });
}

/** Canvas pixels with ink (alpha > 0), read back from the element's backing store. */
export function inkedPixels(el: DigitCanvas): number {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  return n;
}
