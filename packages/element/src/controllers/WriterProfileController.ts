import type { ReactiveController, ReactiveControllerHost } from 'lit';

import { WriterProfile, type Stroke } from '@digit-canvas/core';

import { reasonOf, type DigitErrorDetail } from '../events.js';

/** @internal What the profile needs from its element, and tells it. */
export interface WriterProfileOptions {
  /** The `remember` key: where the profile is kept in `localStorage`; empty keeps nothing. */
  readonly key: () => string;
  /** Reports corrupt stored data or a storage that refuses, as `digit-error` (`kind: 'profile'`). */
  readonly reportError: (detail: DigitErrorDetail) => void;
  /** The storage; `localStorage` unless a test says otherwise (read lazily: it may throw). */
  readonly storage?: () => Storage;
}

/**
 * @internal The writer's profile: the examples `correct()` and `accept()` teach, which the
 * recognizer is given with every drawing. With a `remember` key it is restored from
 * `localStorage` on connect (and when the key changes) and saved after each lesson; `forget()`
 * clears it and removes the stored copy. Stored data that is not a valid profile, and a storage
 * that throws, are reported and leave an empty (or the unsaved) profile: drawing keeps working.
 */
export class WriterProfileController implements ReactiveController {
  #options: WriterProfileOptions;
  #profile: WriterProfile | null = new WriterProfile();
  // The key the profile was last restored from: a new key restores again.
  #restoredKey = '';

  constructor(host: ReactiveControllerHost, options: WriterProfileOptions) {
    this.#options = options;
    host.addController(this);
  }

  get profile(): WriterProfile | null {
    return this.#profile;
  }

  set profile(value: WriterProfile | null) {
    // Duck-typed rather than `instanceof`: a page may hold two copies of core (the one-file
    // bundle's and its own).
    if (value !== null && !isProfile(value)) {
      throw new TypeError(
        `profile must be a WriterProfile from @digit-canvas/core or null, got ${describe(value)}.`,
      );
    }
    this.#profile = value;
  }

  hostConnected(): void {
    // The first connection restores; a move in the DOM (reconnected, same key) does not.
    if (this.#options.key() !== this.#restoredKey) this.restore();
  }

  hostUpdate(): void {
    // `remember` set or changed on a connected element.
    if (this.#options.key() !== this.#restoredKey) this.restore();
  }

  /**
   * Loads the stored copy under the `remember` key into the profile (the same object, so a
   * profile shared by several elements stays shared). Nothing stored: the profile is kept as it
   * is. Not a valid profile: reported, and the profile emptied.
   */
  restore(): void {
    const key = this.#options.key();
    this.#restoredKey = key;
    const profile = this.#profile;
    if (!key || !profile) return;
    let text: string | null;
    try {
      text = this.#storage().getItem(key);
    } catch (cause) {
      this.#fail(key, 'could not be read from localStorage', cause, 'it is kept in memory only');
      return;
    }
    if (text === null) return;
    let stored: WriterProfile;
    try {
      // Untrusted: another script, another version or a hand could have written it.
      stored = WriterProfile.fromJSON(JSON.parse(text) as unknown);
    } catch (cause) {
      profile.clear();
      this.#fail(key, 'is not a valid writer profile', cause, 'starting with an empty profile');
      return;
    }
    profile.clear();
    for (const { strokes, digit } of stored.toJSON().examples) profile.learn(strokes, digit);
  }

  /** Teaches the profile each digit's strokes, then saves it. False without a profile. */
  learn(lessons: readonly { strokes: Stroke[]; digit: number }[]): boolean {
    const profile = this.#profile;
    if (!profile) return false;
    for (const { strokes, digit } of lessons) profile.learn(strokes, digit);
    this.save();
    return true;
  }

  /** Writes the profile under the `remember` key (nothing without one). */
  save(): void {
    const key = this.#options.key();
    if (!key || !this.#profile) return;
    try {
      this.#storage().setItem(key, JSON.stringify(this.#profile.toJSON()));
    } catch (cause) {
      this.#fail(key, 'could not be saved to localStorage', cause, 'it is kept in memory only');
    }
  }

  /** Empties the profile and removes its stored copy. */
  forget(): void {
    this.#profile?.clear();
    const key = this.#options.key();
    if (!key) return;
    try {
      this.#storage().removeItem(key);
    } catch (cause) {
      this.#fail(
        key,
        'could not be removed from localStorage',
        cause,
        'the profile in memory is empty',
      );
    }
  }

  #storage(): Storage {
    return this.#options.storage?.() ?? localStorage;
  }

  #fail(key: string, what: string, cause: unknown, instead: string): void {
    const message = `The writer profile remembered as "${key}" ${what}: ${reasonOf(cause)}; ${instead}. Drawing still works.`;
    this.#options.reportError({ kind: 'profile', message, error: new Error(message, { cause }) });
  }
}

function isProfile(value: unknown): value is WriterProfile {
  const v = value as Partial<Record<'learn' | 'clear' | 'toJSON', unknown>> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.learn === 'function' &&
    typeof v.clear === 'function' &&
    typeof v.toJSON === 'function'
  );
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  return value.constructor?.name ? `a ${value.constructor.name}` : 'an object';
}
