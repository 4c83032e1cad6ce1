// DigitErrorController and @checked on their own, in a tiny host with two checked properties.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';

import { checked, DigitErrorController } from '../src/controllers/DigitErrorController.js';
import type { DigitErrorDetail, DigitErrorEvent } from '../src/events.js';
import { PROPERTY_RULES } from '../src/property-rules.js';

class ErrorHost extends LitElement {
  @property({ type: Number, attribute: 'predict-delay' }) @checked predictDelay = 150;
  @property({ type: Number, attribute: 'min-confidence' }) @checked minConfidence = 0;

  readonly errors = DigitErrorController.for(this);
  updates = 0;

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    this.errors.converting(name, () => super.attributeChangedCallback(name, old, value));
  }

  override updated(): void {
    this.updates++;
  }
}
customElements.define('digit-error-host', ErrorHost);

async function mount(): Promise<{ el: ErrorHost; errors: DigitErrorEvent[] }> {
  const el = await fixture<ErrorHost>(html`<digit-error-host></digit-error-host>`);
  const errors: DigitErrorEvent[] = [];
  el.addEventListener('digit-error', (e) => {
    e.preventDefault(); // handled: no console warning
    errors.push(e);
  });
  return { el, errors };
}

const reason = 'predictDelay must be a finite number ≥ 0 (milliseconds), got -1';

describe('DigitErrorController and @checked', () => {
  it('stores a value its rule accepts, and refuses one it rejects: previous value kept, no update', async () => {
    const { el, errors } = await mount();
    el.predictDelay = 20;
    await el.updateComplete;
    const updates = el.updates;
    el.predictDelay = -1;
    expect(el.predictDelay, 'kept').to.equal(20);
    expect(el.isUpdatePending, 'no update requested').to.equal(false);
    expect(el.updates, 'no update').to.equal(updates);
    expect(
      errors.map((e) => e.detail.message),
      'named as a property',
    ).to.deep.equal([`predictDelay = -1 is not valid: ${reason}; keeping 20.`]);
    const { detail } = errors[0];
    expect([detail.kind, detail.attribute], 'kind, attribute').to.deep.equal([
      'attribute',
      'predict-delay',
    ]);
    expect(detail.error, 'a RangeError').to.be.instanceOf(RangeError);
  });

  it('quotes a refused attribute as written, and restores the default when it is removed', async () => {
    const { el, errors } = await mount();
    el.setAttribute('predict-delay', '-1.0');
    expect(errors[0].detail.message, 'as written').to.equal(
      `predict-delay="-1.0" is not valid: ${reason}; keeping 150.`,
    );
    el.setAttribute('min-confidence', '0.5');
    el.removeAttribute('min-confidence');
    expect(el.minConfidence, 'the rule default').to.equal(PROPERTY_RULES.minConfidence.default);
    el.minConfidence = 2;
    expect(errors[1].detail.message, 'a property again').to.match(/^minConfidence = 2 is not/);
  });

  it('holds an error raised before the host is in a document until it is', async () => {
    const el = document.createElement('digit-error-host') as ErrorHost;
    const seen: DigitErrorDetail[] = [];
    const listen = (e: DigitErrorEvent) => {
      e.preventDefault();
      seen.push(e.detail);
    };
    document.addEventListener('digit-error', listen);
    try {
      el.setAttribute('predict-delay', '-1');
      expect(seen.length, 'not while detached').to.equal(0);
      const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
      wrap.append(el);
      expect(seen.length, 'once connected').to.equal(1);
      wrap.remove();
      document.body.append(wrap);
      expect(seen.length, 'only once').to.equal(1);
      wrap.remove();
    } finally {
      document.removeEventListener('digit-error', listen);
    }
  });

  it('report() dispatches a bubbling, composed, cancelable digit-error from the host', async () => {
    const { el, errors } = await mount();
    const error = new Error('Model broke.');
    el.errors.report({ kind: 'model', message: 'Model broke.', error });
    expect(errors.length, 'one').to.equal(1);
    const [event] = errors;
    expect([event.bubbles, event.composed, event.cancelable], 'flags').to.deep.equal([
      true,
      true,
      true,
    ]);
    expect(event.target, 'from the host').to.equal(el);
    expect(event.detail.error, 'the error').to.equal(error);
  });

  it('is one controller per host', async () => {
    const { el } = await mount();
    expect(DigitErrorController.for(el), 'the same').to.equal(el.errors);
  });
});
