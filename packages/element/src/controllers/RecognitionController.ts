import type { ReactiveController, ReactiveControllerHost } from 'lit';

import {
  emptyRecognition,
  Recognizer,
  type Backend,
  type DigitRecognizer,
  type Recognition,
  type RecognizeOptions,
  type Stroke,
} from '@digit-canvas/core';

import { fire, reasonOf, type DigitErrorDetail, type DigitPredictionDetail } from '../events.js';
import { whenIdle } from '../idle.js';
import type { Announcement } from '../strings.js';

/**
 * @internal Where the models come from: what `Recognizer.load` is given. Undefined URLs take
 * core's defaults (the shipped CNN and, with it, the shipped trajectory model; a custom CNN
 * alone).
 */
export interface ModelSource {
  readonly modelUrl: string | undefined;
  readonly trajectoryModelUrl: string | undefined;
  readonly backend: Backend;
}

/** @internal A recognizer this controller loaded, and so has to release. */
export type LoadedRecognizer = DigitRecognizer &
  Pick<Recognizer, 'modelUrl' | 'trajectoryModelUrl' | 'backend' | 'dispose'>;

/** @internal What the recognition needs from its element, and tells it. */
export interface RecognitionOptions {
  /** The model to load when no recognizer was assigned: `Recognizer.load`'s `modelUrl`. */
  readonly modelUrl: () => string | undefined;
  /** The trajectory model loaded with it: `Recognizer.load`'s `trajectoryModelUrl`. */
  readonly trajectoryModelUrl?: () => string | undefined;
  readonly backend: () => Backend;
  /** Milliseconds of stillness before a scheduled prediction runs. */
  readonly delay: () => number;
  /** The drawing to read (a copy: it is read after an await). */
  readonly strokes: () => Stroke[];
  /** How to read it: `multiple` (a change re-reads the drawing), `minConfidence`, `profile`. */
  readonly recognizeOptions: () => RecognizeOptions;
  /** A current answer's value (before `digit-prediction` is dispatched). */
  readonly onValue: (value: string) => void;
  /** What the live region says (the element words it): the answer, or that it is unavailable. */
  readonly announce: (what: Announcement, value?: string) => void;
  /** Reports a model failure as `digit-error`. */
  readonly reportError: (detail: DigitErrorDetail) => void;
  /** Loads a model; `Recognizer.load` (shared per URL and backend) unless a test says otherwise. */
  readonly load?: (source: ModelSource) => Promise<LoadedRecognizer>;
}

/**
 * @internal Gets a recognizer and asks it about the drawing. It loads the model lazily (page
 * idle, the host's first focus, or `load()`), shares it through `Recognizer.load`'s cache and
 * lets go of it when the host really leaves the page or the source changes; it debounces
 * predictions, drops answers that describe an older drawing, and publishes the current answer
 * (`digit-prediction`, the value, the announcement). It dispatches `digit-ready`.
 */
export class RecognitionController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: RecognitionOptions;
  #injected: DigitRecognizer | null = null;
  #loaded: LoadedRecognizer | null = null;
  #loading: Promise<DigitRecognizer | null> | null = null;
  #loadError: Error | null = null;
  #loadGeneration = 0;
  // Bumped by every prediction request and every change of the drawing: a reply whose number is
  // no longer current describes an older drawing and is dropped rather than shown.
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #resumePrediction = false;
  #cancelIdle: (() => void) | undefined;
  #sourceKey: string | undefined;
  #multiple: boolean | undefined;
  // The answer published for the drawing as it is; null once the drawing changes.
  #current: DigitPredictionDetail | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: RecognitionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The answer published for the current drawing (null before one, or once it changed). */
  get current(): DigitPredictionDetail | null {
    return this.#current;
  }

  /** The recognizer in use: the one assigned, else the loaded model. */
  get recognizer(): DigitRecognizer | null {
    return this.#injected ?? this.#loaded;
  }

  /** Uses `value` instead of loading a model (null: load one again when needed). */
  set recognizer(value: DigitRecognizer | null) {
    this.#injected = value;
  }

  hostConnected(): void {
    this.#host.addEventListener('focus', this.#handleFocus);
    // The model is loaded when the page is idle, or on first interaction, whichever comes first.
    this.#cancelIdle = whenIdle(() => void this.load(), 2000);
    if (this.#resumePrediction) this.schedule();
    this.#resumePrediction = false;
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('focus', this.#handleFocus);
    this.#cancelIdle?.();
    this.#cancelIdle = undefined;
    // A prediction still waiting for its delay runs when the element comes back (a move in
    // the DOM detaches and reattaches it).
    this.#resumePrediction = this.#timer !== undefined;
    this.cancel();
    // Let go of the model once the element has really left: a move in the DOM reconnects it
    // before this microtask runs. The model's tensors are freed with its last user.
    queueMicrotask(() => {
      if (!this.#host.isConnected) this.release();
    });
  }

  hostUpdate(): void {
    // A new model source (model-url, trajectory-model-url, backend): the next use loads it, and
    // retries after a failure.
    const { modelUrl, trajectoryModelUrl, backend } = this.#source();
    const key = `${backend} ${modelUrl} ${trajectoryModelUrl}`;
    if (this.#sourceKey !== undefined && key !== this.#sourceKey) this.release();
    this.#sourceKey = key;
    // One digit or a number: the same drawing means something else now.
    const multiple = Boolean(this.#options.recognizeOptions().multiple);
    const switched = this.#multiple !== undefined && multiple !== this.#multiple;
    if (switched && this.#options.strokes().length) this.schedule();
    this.#multiple = multiple;
  }

  /** Predicts after the delay, unless the drawing changes again first. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.predict();
    }, this.#options.delay());
  }

  /** Drops a scheduled prediction. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * A stroke started: no prediction until it ends, an answer under way describes an older
   * drawing, and the model starts loading if it has not (first pointer-down).
   */
  hold(): void {
    this.cancel();
    this.invalidate();
    void this.load();
  }

  /** The drawing changed: an answer under way describes an older one and will be dropped. */
  invalidate(): void {
    this.#seq++;
    this.#current = null;
  }

  /**
   * Reads the drawing now and publishes the answer. Null when no recognizer is available
   * (`digit-error` said why) or when the drawing changed meanwhile.
   */
  async predict(): Promise<Recognition | null> {
    this.cancel();
    const seq = ++this.#seq;
    const strokes = this.#options.strokes();
    let answer: Recognition;
    if (strokes.length === 0) {
      answer = emptyRecognition();
    } else {
      const recognizer = await this.load();
      if (!recognizer || seq !== this.#seq) return null;
      try {
        // Core validates the strokes and decides what the answer means.
        answer = await recognizer.recognize(strokes, this.#options.recognizeOptions());
      } catch (cause) {
        this.#fail('The digit model failed to predict', cause);
        return null;
      }
      if (seq !== this.#seq) return null;
    }
    this.publish(answer, strokes.length === 0);
    return answer;
  }

  /**
   * Makes `answer` the current drawing's answer: the value, the announcement (`empty`: nothing
   * is drawn) and `digit-prediction`. A prediction scheduled or under way for this drawing is
   * dropped (a correction is final until the drawing changes).
   */
  publish(answer: DigitPredictionDetail, empty = false): void {
    if (answer.corrected) {
      this.cancel();
      this.#seq++;
    }
    this.#current = answer;
    this.#options.onValue(answer.value);
    if (empty) this.#options.announce('empty');
    else if (answer.value) this.#options.announce('recognized', answer.value);
    else this.#options.announce('notSure');
    fire(this.#host, 'digit-prediction', answer);
  }

  /** The recognizer, loading the model first if needed; null when it cannot be loaded. */
  load(): Promise<DigitRecognizer | null> {
    this.#cancelIdle?.();
    this.#cancelIdle = undefined;
    const ready = this.recognizer;
    if (ready) return Promise.resolve(ready);
    if (this.#loadError) return Promise.resolve(null);
    if (!this.#loading) this.#loading = this.#load();
    return this.#loading;
  }

  /** Drops the hold on the loaded model, and makes a load under way stale (a new source). */
  release(): void {
    this.#loaded?.dispose();
    this.#loaded = null;
    this.#loading = null;
    this.#loadError = null;
    this.#loadGeneration++;
  }

  #handleFocus = (): void => {
    void this.load();
  };

  async #load(): Promise<DigitRecognizer | null> {
    const source = this.#source();
    const generation = this.#loadGeneration;
    const load = this.#options.load ?? ((s: ModelSource) => Recognizer.load(s));
    try {
      // Elements with the same URLs and backend share the loaded models (Recognizer.load's cache).
      const recognizer = await load(source);
      if (generation !== this.#loadGeneration) {
        recognizer.dispose(); // the source changed or the element left meanwhile
        return null;
      }
      this.#loaded = recognizer;
      fire(this.#host, 'digit-ready', {
        modelUrl: recognizer.modelUrl,
        trajectoryModelUrl: recognizer.trajectoryModelUrl,
        backend: recognizer.backend,
      });
      return recognizer;
    } catch (cause) {
      if (generation !== this.#loadGeneration) return null;
      // Core's message names the URL and the reason (404, not a model, wrong shapes…).
      this.#loadError = this.#fail('Digit recognition is unavailable', cause);
      return null;
    }
  }

  #source(): ModelSource {
    return {
      modelUrl: this.#options.modelUrl(),
      trajectoryModelUrl: this.#options.trajectoryModelUrl?.(),
      backend: this.#options.backend(),
    };
  }

  #fail(what: string, cause: unknown): Error {
    const message = `${what}: ${reasonOf(cause)}. Drawing still works, but digits are not recognized.`;
    const error = new Error(message, { cause });
    this.#options.announce('unavailable');
    this.#options.reportError({ kind: 'model', message, error });
    return error;
  }
}
