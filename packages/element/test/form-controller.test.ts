// FormController on its own, in a tiny form-associated host: value and state through
// ElementInternals, validity from validator objects, user-invalid, reset and disabled.
import { elementUpdated, expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';

import type { Stroke } from '@digit-canvas/core';

import { FormController } from '../src/controllers/FormController.js';
import { ENGLISH } from '../src/strings.js';
import { requiredValidator, type Validator } from '../src/validators.js';

/** A validator that records how often it ran and fails with `message` while `failing`. */
interface Probe extends Validator {
  runs: number;
  failing: boolean;
}

function probe(message: string, key: keyof ValidityStateFlags, observed: string[] = []): Probe {
  const validator: Probe = {
    runs: 0,
    failing: false,
    observedAttributes: observed,
    checkValidity() {
      validator.runs++;
      return validator.failing
        ? { isValid: false, message, invalidKeys: [key] }
        : { isValid: true, message: '', invalidKeys: [] };
    },
  };
  return validator;
}

const first = probe('First problem', 'patternMismatch', ['pattern']);
const second = probe('Second problem', 'customError');

class FormHost extends LitElement {
  static formAssociated = true;
  static override properties = {
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    pattern: {},
    label: {},
  };
  /** The validators the next host is made with. */
  static validators: readonly Validator[] | undefined = undefined;

  declare required: boolean;
  declare disabled: boolean;
  declare pattern: string;
  declare label: string;
  drawing: Stroke[] = [];
  readonly disabledChanges: boolean[] = [];
  readonly internals = this.attachInternals();
  readonly formController = new FormController(this, {
    internals: this.internals,
    strokes: () => this.drawing,
    strings: () => ENGLISH,
    anchor: () => this.renderRoot.querySelector('span'),
    onDisabledChange: (disabled) => this.disabledChanges.push(disabled),
    validators: FormHost.validators,
  });

  constructor() {
    super();
    this.required = false;
    this.disabled = false;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    super.attributeChangedCallback(name, old, value);
    this.formController.attributeChanged(name);
  }

  formDisabledCallback(disabled: boolean): void {
    this.formController.setFormDisabled(disabled);
  }

  override render() {
    return html`<span>field</span>`;
  }
}
customElements.define('form-host', FormHost);

async function inForm(validators?: readonly Validator[]) {
  FormHost.validators = validators;
  const form = await fixture<HTMLFormElement>(html`
    <form>
      <fieldset><form-host name="x"></form-host></fieldset>
    </form>
  `);
  FormHost.validators = undefined;
  const el = form.querySelector('form-host') as FormHost;
  await elementUpdated(el);
  return { form, el, fieldset: form.querySelector('fieldset')! };
}

describe('FormController', () => {
  it('submits the value under the name, and dispatches change only when it changes', async () => {
    const { form, el } = await inForm();
    expect(new FormData(form).has('x'), 'nothing yet').to.equal(false);
    let changes = 0;
    el.addEventListener('change', () => changes++);
    el.formController.setValue('42');
    el.formController.setValue('42');
    expect(new FormData(form).get('x'), 'submitted').to.equal('42');
    expect(el.formController.value, 'value').to.equal('42');
    expect(changes, 'one change event').to.equal(1);
    el.formController.setValue('');
    expect(new FormData(form).has('x'), 'empty: nothing submitted').to.equal(false);
  });

  it("is invalid with the required validator's messages: nothing drawn, then not recognized", async () => {
    const { el } = await inForm();
    el.setAttribute('required', '');
    expect(el.internals.validity.valueMissing, 'at once, before an update').to.equal(true);
    expect(el.internals.validationMessage, 'empty').to.equal(
      requiredValidator.checkValidity({
        required: true,
        value: '',
        strokeCount: 0,
        strings: ENGLISH,
      }).message,
    );
    el.drawing = [[{ x: 1, y: 1 }]];
    el.formController.update();
    expect(el.internals.validationMessage, 'drawn, not recognized').to.equal(
      'The drawing was not recognized: clear and redraw it',
    );
    el.formController.setValue('3');
    expect(el.internals.validity.valid, 'recognized').to.equal(true);
    el.removeAttribute('required');
    el.formController.setValue('');
    expect(el.internals.validity.valid, 'not required').to.equal(true);
  });

  it('re-runs the validators when an attribute one of them observes changes, and only then', async () => {
    first.runs = second.runs = 0;
    const { el } = await inForm([first, second]);
    const before = first.runs;
    el.setAttribute('label', 'x'); // observed by the element, by no validator
    expect(first.runs, 'not for label').to.equal(before);
    el.setAttribute('pattern', '[0-9]');
    expect(first.runs, 'for pattern').to.equal(before + 1);
    expect(second.runs, 'every validator runs').to.equal(first.runs);
  });

  it('takes the message from the first validator that fails, and sets every failing flag', async () => {
    const { el } = await inForm([first, second]);
    first.failing = second.failing = true;
    try {
      el.formController.update();
      expect(el.internals.validationMessage, 'first message').to.equal('First problem');
      expect(el.internals.validity.patternMismatch, 'first flag').to.equal(true);
      expect(el.internals.validity.customError, 'second flag').to.equal(true);
      first.failing = false;
      el.formController.update();
      expect(el.internals.validationMessage, 'the next failure speaks').to.equal('Second problem');
    } finally {
      first.failing = second.failing = false;
    }
  });

  it('shows :state(user-invalid) after an interaction or a submit attempt, until reset', async () => {
    const { form, el } = await inForm();
    el.setAttribute('required', '');
    expect(el.matches(':state(user-invalid)'), 'not at first').to.equal(false);
    el.formController.noteInteraction();
    el.formController.update();
    expect(el.matches(':state(user-invalid)'), 'after an interaction').to.equal(true);
    el.formController.reset();
    expect(el.matches(':state(user-invalid)'), 'reset').to.equal(false);
    form.requestSubmit();
    expect(el.matches(':state(user-invalid)'), 'after a submit attempt').to.equal(true);
  });

  it('is disabled by its own disabled or by a <fieldset disabled>: tab order, aria-disabled, :state(disabled)', async () => {
    const { form, el, fieldset } = await inForm();
    el.formController.setValue('5');
    expect(el.tabIndex, 'focusable').to.equal(0);
    fieldset.disabled = true;
    expect(el.formController.disabled, 'disabled by the fieldset').to.equal(true);
    expect(el.tabIndex, 'out of the tab order').to.equal(-1);
    expect(el.internals.ariaDisabled, 'aria-disabled').to.equal('true');
    expect(el.matches(':state(disabled)'), ':state(disabled)').to.equal(true);
    expect(new FormData(form).has('x'), 'not submitted').to.equal(false);
    fieldset.disabled = false;
    expect(el.tabIndex, 'back in the tab order').to.equal(0);
    el.disabled = true;
    await el.updateComplete;
    expect(el.matches(':state(disabled)'), 'by its own disabled').to.equal(true);
    expect(el.disabledChanges, 'told the host each time').to.deep.equal([false, true, false, true]);
  });

  it('leaves a tabindex the page set alone', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><form-host tabindex="3"></form-host></form>`,
    );
    const el = form.querySelector('form-host') as FormHost;
    el.disabled = true;
    await el.updateComplete;
    expect(el.tabIndex, 'the page’s tabindex').to.equal(3);
  });
});
