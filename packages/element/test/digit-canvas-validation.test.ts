// Attributes and properties with values the element does not accept: each is reported with
// digit-error, and the previous valid value is kept. A digit-error nobody handles is logged.
import { elementUpdated, expect, fixture, html } from '@open-wc/testing';

import { validateRecognizerConfig, type RecognizerConfig } from '@digit-canvas/core';

import '../digit-canvas.js';
import type { DigitCanvas } from '../src/DigitCanvas.js';
import type { DigitErrorDetail, DigitErrorEvent } from '../src/events.js';
import { captureWarnings, FakeRecognizer } from './helpers.js';

/** Core's message for a config it rejects, without the final full stop. */
function coreReason(config: RecognizerConfig): string {
  try {
    validateRecognizerConfig(config);
  } catch (error) {
    return (error as Error).message.replace(/\.$/, '');
  }
  throw new Error(`core accepts ${JSON.stringify(config)}`);
}

async function mount(): Promise<{ el: DigitCanvas; errors: DigitErrorDetail[] }> {
  const el = await fixture<DigitCanvas>(
    html`<digit-canvas .recognizer=${new FakeRecognizer(7, 0.9)}></digit-canvas>`,
  );
  const errors: DigitErrorDetail[] = [];
  el.addEventListener('digit-error', (e) => {
    e.preventDefault(); // handled: these tests expect the errors, the console need not see them
    errors.push(e.detail);
  });
  return { el, errors };
}

const SEVEN_STROKES = [
  [
    { x: 60, y: 60 },
    { x: 200, y: 60 },
    { x: 120, y: 220 },
  ],
];

describe('<digit-canvas> attribute and property validation', () => {
  for (const { attribute, value, property, kept, reason } of [
    {
      attribute: 'min-confidence',
      value: '5',
      property: 'minConfidence',
      kept: '0',
      reason: coreReason({ minConfidence: 5 }),
    },
    {
      attribute: 'min-confidence',
      value: 'abc',
      property: 'minConfidence',
      kept: '0',
      reason: coreReason({ minConfidence: NaN }),
    },
    {
      attribute: 'backend',
      value: 'gpu',
      property: 'backend',
      kept: '"cpu"',
      reason: coreReason({ backend: 'gpu' as RecognizerConfig['backend'] }),
    },
    {
      attribute: 'predict-delay',
      value: '-5',
      property: 'predictDelay',
      kept: '150',
      reason: 'predictDelay must be a finite number ≥ 0 (milliseconds), got -5',
    },
    {
      attribute: 'stroke-width',
      value: '-3',
      property: 'strokeWidth',
      kept: '0',
      reason:
        'strokeWidth must be a finite number ≥ 0 (CSS px; 0 = --digit-canvas-pen-width), got -3',
    },
  ]) {
    it(`rejects ${attribute}="${value}": digit-error names it, ${property} stays ${kept}`, async () => {
      const { el, errors } = await mount();
      const before = el[property as keyof DigitCanvas];
      el.setAttribute(attribute, value);
      expect(el[property as keyof DigitCanvas], `${property} unchanged`).to.equal(before);
      expect(errors.length, 'one digit-error').to.equal(1);
      expect(errors[0].message, 'message').to.equal(
        `${attribute}="${value}" is not valid: ${reason}; keeping ${kept}.`,
      );
      expect(errors[0].kind, 'kind').to.equal('attribute');
      expect(errors[0].attribute, 'attribute').to.equal(attribute);
      expect(errors[0].error, 'error').to.be.instanceOf(RangeError);
      expect(errors[0].error.message, 'error message').to.equal(errors[0].message);
      expect(el.isUpdatePending, 'no update requested for a refused value').to.equal(false);
    });
  }

  it('keeps the previous valid value, not the default', async () => {
    const { el, errors } = await mount();
    el.setAttribute('stroke-width', '12');
    el.setAttribute('stroke-width', '-3');
    expect(el.strokeWidth, 'strokeWidth').to.equal(12);
    expect(errors[0].message, 'message').to.match(/; keeping 12\.$/);
  });

  it('rejects property values too, naming the property', async () => {
    const { el, errors } = await mount();
    el.minConfidence = 0.5;
    el.minConfidence = 5;
    el.predictDelay = Infinity;
    el.backend = 'gpu' as DigitCanvas['backend'];
    (el as { modelUrl: unknown }).modelUrl = 42;
    expect(el.minConfidence, 'minConfidence').to.equal(0.5);
    expect(el.predictDelay, 'predictDelay').to.equal(150);
    expect(el.backend, 'backend').to.equal('cpu');
    expect(el.modelUrl, 'modelUrl').to.equal('');
    expect(
      errors.map((e) => e.message),
      'messages',
    ).to.deep.equal([
      `minConfidence = 5 is not valid: ${coreReason({ minConfidence: 5 })}; keeping 0.5.`,
      'predictDelay = Infinity is not valid: predictDelay must be a finite number ≥ 0 (milliseconds), got Infinity; keeping 150.',
      `backend = "gpu" is not valid: ${coreReason({ backend: 'gpu' as RecognizerConfig['backend'] })}; keeping "cpu".`,
      `modelUrl = 42 is not valid: ${coreReason({ modelUrl: 42 as unknown as string })}; keeping "".`,
    ]);
    expect(
      errors.map((e) => e.attribute),
      'attributes',
    ).to.deep.equal(['min-confidence', 'predict-delay', 'backend', 'model-url']);
  });

  it("checks trajectoryModelUrl with core's rule, and an empty value is core's choice", async () => {
    const { el, errors } = await mount();
    el.setAttribute('trajectory-model-url', '/models/trajectory.json');
    (el as { trajectoryModelUrl: unknown }).trajectoryModelUrl = 42;
    expect(el.trajectoryModelUrl, 'the valid URL kept').to.equal('/models/trajectory.json');
    const reason = coreReason({ trajectoryModelUrl: 42 as unknown as string });
    expect(
      errors.map((e) => [e.attribute, e.message]),
      'one digit-error, naming the attribute',
    ).to.deep.equal([
      [
        'trajectory-model-url',
        `trajectoryModelUrl = 42 is not valid: ${reason}; keeping "/models/trajectory.json".`,
      ],
    ]);
    el.removeAttribute('trajectory-model-url');
    expect(el.trajectoryModelUrl, 'back to empty').to.equal('');
    expect(errors.length, 'empty is accepted').to.equal(1);
  });

  it('still answers after min-confidence="5" was refused (not every answer "not sure")', async () => {
    const { el } = await mount();
    el.setAttribute('min-confidence', '5');
    el.strokes = SEVEN_STROKES;
    const detail = await el.predict();
    expect(detail?.digit, 'digit').to.equal(7);
    expect(el.value, 'value').to.equal('7');
  });

  it('accepts valid values, and removing an attribute restores the default', async () => {
    const { el, errors } = await mount();
    el.setAttribute('min-confidence', '1');
    el.setAttribute('predict-delay', '0');
    el.setAttribute('backend', 'wasm');
    el.setAttribute('model-url', '/model.json');
    expect(
      [el.minConfidence, el.predictDelay, el.backend, el.modelUrl],
      'values applied',
    ).to.deep.equal([1, 0, 'wasm', '/model.json']);
    await elementUpdated(el);
    for (const name of [
      'min-confidence',
      'predict-delay',
      'backend',
      'model-url',
      'stroke-width',
    ]) {
      el.removeAttribute(name);
    }
    const fresh = document.createElement('digit-canvas');
    for (const property of [
      'minConfidence',
      'predictDelay',
      'backend',
      'modelUrl',
      'strokeWidth',
    ] as const) {
      expect(el[property], `${property} back to its default`).to.equal(fresh[property]);
    }
    expect(errors, 'no digit-error').to.deep.equal([]);
  });

  it('reports a bad attribute in a template to a listener bound in the same template', async () => {
    // The attribute is applied while the element is still in the template's fragment, before
    // the listener is bound: the error waits until the element is in the document.
    const errors: DigitErrorEvent[] = [];
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas
        min-confidence="1.5"
        @digit-error=${(e: DigitErrorEvent) => {
          e.preventDefault();
          errors.push(e);
        }}
      ></digit-canvas>`,
    );
    expect(errors.length, 'one digit-error').to.equal(1);
    expect(errors[0].target, 'from the element').to.equal(el);
    expect(errors[0].detail.message, 'message').to.match(/^min-confidence="1\.5" is not valid: /);
    expect(el.minConfidence, 'minConfidence').to.equal(0);
  });
});

describe('<digit-canvas> digit-error nobody handles', () => {
  it('is logged once with console.warn, even when it happens again', async () => {
    const el = await fixture<DigitCanvas>(html`<digit-canvas></digit-canvas>`);
    const events: DigitErrorEvent[] = [];
    el.addEventListener('digit-error', (e) => events.push(e)); // listens, does not handle
    const warnings = captureWarnings();
    try {
      el.setAttribute('stroke-width', '-7');
      el.setAttribute('stroke-width', '-7.0'); // another message: logged too
      el.strokeWidth = -7;
      el.setAttribute('stroke-width', '-7');
    } finally {
      warnings.restore();
    }
    expect(events.length, 'every refusal dispatched').to.equal(4);
    expect(events[0].cancelable, 'cancelable').to.equal(true);
    expect(
      warnings.calls.map(([message]) => message),
      'warnings',
    ).to.deep.equal([
      'stroke-width="-7" is not valid: strokeWidth must be a finite number ≥ 0 (CSS px; 0 = --digit-canvas-pen-width), got -7; keeping 0.',
      'stroke-width="-7.0" is not valid: strokeWidth must be a finite number ≥ 0 (CSS px; 0 = --digit-canvas-pen-width), got -7; keeping 0.',
      'strokeWidth = -7 is not valid: strokeWidth must be a finite number ≥ 0 (CSS px; 0 = --digit-canvas-pen-width), got -7; keeping 0.',
    ]);
    expect(warnings.calls[0][1], 'the element, to find it in DevTools').to.equal(el);
  });

  it('is logged when raised before the element is in the document', async () => {
    const warnings = captureWarnings();
    try {
      await fixture<DigitCanvas>(html`<digit-canvas predict-delay="-8"></digit-canvas>`);
    } finally {
      warnings.restore();
    }
    expect(
      warnings.calls.map(([message]) => message),
      'warnings',
    ).to.deep.equal([
      'predict-delay="-8" is not valid: predictDelay must be a finite number ≥ 0 (milliseconds), got -8; keeping 150.',
    ]);
  });

  it('is not logged when a listener calls preventDefault()', async () => {
    const el = await fixture<DigitCanvas>(html`<digit-canvas></digit-canvas>`);
    const handled: DigitErrorEvent[] = [];
    // On an ancestor: the event bubbles, and any listener on the way may handle it.
    const onDocument = (e: DigitErrorEvent) => {
      e.preventDefault();
      handled.push(e);
    };
    document.addEventListener('digit-error', onDocument);
    const warnings = captureWarnings();
    try {
      el.setAttribute('backend', 'tpu');
    } finally {
      warnings.restore();
      document.removeEventListener('digit-error', onDocument);
    }
    expect(handled.length, 'handled').to.equal(1);
    expect(handled[0].defaultPrevented, 'defaultPrevented').to.equal(true);
    expect(warnings.calls, 'console.warn calls').to.deep.equal([]);
  });
});
