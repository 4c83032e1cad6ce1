// KeyboardShortcutsController on its own, in a tiny focusable host.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';

import { KeyboardShortcutsController } from '../src/controllers/KeyboardShortcutsController.js';
import { pressChord } from './helpers.js';

class KeysHost extends LitElement {
  enabled = true;
  empty = false;
  readonly actions: string[] = [];

  constructor() {
    super();
    new KeyboardShortcutsController(this, {
      enabled: () => this.enabled,
      empty: () => this.empty,
      onShortcut: (action) => this.actions.push(action),
    });
  }
}
customElements.define('keyboard-shortcuts-host', KeysHost);

const mount = () =>
  fixture<KeysHost>(html`<keyboard-shortcuts-host tabindex="0"></keyboard-shortcuts-host>`);

/** Dispatches a cancelable keydown on `el`; true when the controller prevented its default. */
function press(el: HTMLElement, key: string, init: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  el.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('KeyboardShortcutsController', () => {
  it('clears with Escape, Delete or Backspace and undoes with Ctrl+Z, from real keys', async () => {
    const el = await mount();
    el.focus();
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Delete' });
    await sendKeys({ press: 'Backspace' });
    await pressChord('Control', 'z');
    expect(el.actions, 'actions').to.deep.equal(['clear', 'clear', 'clear', 'undo']);
  });

  it('takes the keys it acts on (preventDefault), and leaves the others alone', async () => {
    const el = await mount();
    expect(press(el, 'Escape'), 'Escape taken').to.equal(true);
    expect(press(el, 'z', { metaKey: true }), 'Cmd+Z taken').to.equal(true);
    expect(press(el, 'Z', { ctrlKey: true }), 'Ctrl+Z with Caps Lock taken').to.equal(true);
    expect(press(el, 'z', { ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+Z left').to.equal(false);
    expect(press(el, 'z'), 'plain z left').to.equal(false);
    expect(el.actions, 'actions').to.deep.equal(['clear', 'undo', 'undo']);
  });

  it('leaves the clearing keys to the page when there is nothing to clear', async () => {
    const el = await mount();
    el.empty = true;
    expect(press(el, 'Backspace'), 'Backspace left').to.equal(false);
    expect(press(el, 'z', { ctrlKey: true }), 'undo still taken').to.equal(true);
    expect(el.actions, 'actions').to.deep.equal(['undo']);
  });

  it('does nothing while not enabled, or once the host has left the page', async () => {
    const el = await mount();
    el.enabled = false;
    expect(press(el, 'Escape'), 'disabled: left').to.equal(false);
    el.enabled = true;
    el.remove();
    expect(press(el, 'Escape'), 'detached: left').to.equal(false);
    expect(el.actions, 'no action').to.deep.equal([]);
  });
});
