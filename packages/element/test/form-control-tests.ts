import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';

import type { DigitCanvas } from '../src/DigitCanvas.js';
import { drawStroke, FakeRecognizer, SEVEN } from './helpers.js';

/**
 * The form behaviour every form-associated control of this project must have: submission under
 * its name, `required` validity, reset, and `<fieldset disabled>`. `draw` makes the control hold
 * a valid value.
 */
export function runFormControlTests(draw: (el: DigitCanvas) => Promise<void>): void {
  async function inForm(attrs = '') {
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <fieldset>
          <digit-canvas
            name="digit"
            predict-delay="10"
            .recognizer=${new FakeRecognizer(7)}
          ></digit-canvas>
        </fieldset>
      </form>
    `);
    const el = form.querySelector('digit-canvas')!;
    for (const a of attrs.split(' ').filter(Boolean)) el.setAttribute(a, '');
    await elementUpdated(el);
    return { form, el, fieldset: form.querySelector('fieldset')! };
  }

  describe('as a form control', () => {
    it('belongs to its form and submits nothing until something is recognized', async () => {
      const { form, el } = await inForm();
      expect(el.form, 'form').to.equal(form);
      expect(new FormData(form).has('digit'), 'no entry yet').to.equal(false);
    });

    it('submits the recognized value under its name', async () => {
      const { form, el } = await inForm();
      await draw(el);
      expect(new FormData(form).get('digit'), 'submitted value').to.equal('7');
    });

    it('is invalid with "Draw a digit" while required and empty, valid once recognized', async () => {
      const { form, el } = await inForm('required');
      expect(el.validity.valueMissing, 'valueMissing').to.equal(true);
      expect(el.validationMessage, 'message').to.equal('Draw a digit');
      expect(form.checkValidity(), 'form invalid').to.equal(false);
      await draw(el);
      expect(el.validity.valid, 'valid after drawing').to.equal(true);
      expect(form.checkValidity(), 'form valid').to.equal(true);
    });

    it('clears on form reset', async () => {
      const { form, el } = await inForm('required');
      await draw(el);
      const cleared = oneEvent(el, 'digit-clear');
      form.reset();
      await cleared;
      expect(el.value, 'value').to.equal('');
      expect(el.strokes.length, 'strokes').to.equal(0);
      expect(new FormData(form).has('digit'), 'nothing submitted').to.equal(false);
      expect(el.validity.valueMissing, 'required again').to.equal(true);
    });

    it('honours <fieldset disabled>: no drawing, not focusable, not submitted', async () => {
      const { form, el, fieldset } = await inForm();
      await draw(el);
      fieldset.disabled = true;
      await elementUpdated(el);
      expect(el.matches(':disabled'), ':disabled').to.equal(true);
      expect(new FormData(form).has('digit'), 'disabled controls are not submitted').to.equal(
        false,
      );
      expect(el.tabIndex, 'out of the tab order').to.equal(-1);
      const before = el.strokes.length;
      await drawStroke(el, SEVEN);
      expect(el.strokes.length, 'no new stroke').to.equal(before);
      fieldset.disabled = false;
      await elementUpdated(el);
      expect(el.tabIndex, 'focusable again').to.equal(0);
    });

    it('shows :state(user-invalid) only after a submit attempt', async () => {
      const { form, el } = await inForm('required');
      expect(el.matches(':state(user-invalid)'), 'not before').to.equal(false);
      form.requestSubmit();
      expect(el.matches(':state(user-invalid)'), 'after submit attempt').to.equal(true);
      await draw(el);
      expect(el.matches(':state(user-invalid)'), 'valid again').to.equal(false);
    });
  });
}
