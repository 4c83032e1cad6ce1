import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** @internal What the shortcuts do, and when they apply. */
export interface KeyboardShortcutsOptions {
  /** False while disabled: no shortcut applies. */
  readonly enabled: () => boolean;
  /** True when there is nothing to clear: the clearing keys then keep their default action. */
  readonly empty: () => boolean;
  /** `'clear'`: Escape, Delete or Backspace. `'undo'`: Ctrl+Z (Cmd+Z on macOS). */
  readonly onShortcut: (action: 'clear' | 'undo') => void;
}

/**
 * @internal The keyboard shortcuts of the focused host: Escape, Delete or Backspace clear the
 * drawing, Ctrl+Z (Cmd+Z) undoes a stroke.
 */
export class KeyboardShortcutsController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: KeyboardShortcutsOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: KeyboardShortcutsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#handleKeyDown);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#handleKeyDown);
  }

  #handleKeyDown = (e: KeyboardEvent): void => {
    if (!this.#options.enabled()) return;
    if (e.key === 'Escape' || e.key === 'Delete' || e.key === 'Backspace') {
      if (this.#options.empty()) return;
      e.preventDefault();
      this.#options.onShortcut('clear');
    } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      this.#options.onShortcut('undo');
    }
  };
}
