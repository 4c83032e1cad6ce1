// The element in another language: every word it shows or announces comes from `strings`,
// checked where a user meets it (the accessibility tree, the live region, the form's message).
import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';

import '../digit-canvas.js';
import type { DigitCanvas } from '../src/DigitCanvas.js';
import type { DigitErrorEvent } from '../src/events.js';
import type { DigitCanvasStrings } from '../src/strings.js';
import {
  accessibilityOf,
  drawStroke,
  FakeRecognizer,
  inputSupport,
  nextPrediction,
  resetMouse,
  SEVEN,
} from './helpers.js';

const GERMAN: DigitCanvasStrings = {
  drawDigit: 'Zeichne eine Ziffer',
  drawNumber: 'Zeichne eine Zahl',
  recognized: 'Erkannt: {value}',
  notSure: 'Nicht sicher',
  empty: 'Leer',
  cleared: 'Gelöscht',
  unavailable: 'Ziffernerkennung nicht verfügbar',
  valueMissing: 'Bitte eine Ziffer zeichnen',
  notRecognized: 'Nicht erkannt: bitte löschen und neu zeichnen',
};

const status = (el: DigitCanvas) =>
  el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();

describe('<digit-canvas> in another language', () => {
  afterEach(() => resetMouse());

  it('says every word in the language of `strings`: name, announcements, validation', async function () {
    const fake = new FakeRecognizer(7);
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <digit-canvas
          id="german"
          name="digit"
          required
          predict-delay="20"
          .recognizer=${fake}
          .strings=${GERMAN}
        ></digit-canvas>
      </form>
    `);
    const el = form.querySelector('digit-canvas')!;
    await elementUpdated(el);
    expect(el.validationMessage, 'nothing drawn').to.equal('Bitte eine Ziffer zeichnen');

    const predicted = nextPrediction(el, 1);
    await drawStroke(el, SEVEN);
    await predicted;
    await elementUpdated(el);
    expect(status(el), 'announced answer').to.equal('Erkannt: 7');

    fake.confidence = 0.3;
    el.minConfidence = 0.5;
    el.undo();
    const unsure = nextPrediction(el, 1);
    await drawStroke(el, SEVEN);
    await unsure;
    await elementUpdated(el);
    expect(status(el), 'an unsure answer').to.equal('Nicht sicher');
    expect(el.validationMessage, 'drawn, not recognized').to.equal(
      'Nicht erkannt: bitte löschen und neu zeichnen',
    );

    el.clear();
    await elementUpdated(el);
    expect(status(el), 'cleared').to.equal('Gelöscht');

    if ((await inputSupport()).accessibility) {
      const node = await accessibilityOf('#german');
      expect(node.name, 'the name assistive technology hears').to.equal('Zeichne eine Ziffer');
      el.multiple = true;
      await elementUpdated(el);
      expect((await accessibilityOf('#german')).name, 'in multiple mode').to.equal(
        'Zeichne eine Zahl',
      );
    } else {
      // Firefox's BiDi automation has no accessibility tree; the rest of this test still runs.
      this.test!.title += ' (accessibility tree not readable in this engine)';
    }
  });

  it('takes strings as a JSON attribute, keeps English for the rest, and switches at runtime', async () => {
    const el = await fixture<DigitCanvas>(
      html`<digit-canvas
        required
        strings='{"valueMissing": "Dessinez un chiffre"}'
      ></digit-canvas>`,
    );
    expect(el.validationMessage, 'from the attribute').to.equal('Dessinez un chiffre');
    el.strings = { valueMissing: 'Zeichne eine Ziffer' };
    await elementUpdated(el);
    expect(el.validationMessage, 'switched').to.equal('Zeichne eine Ziffer');
    el.strings = {};
    await elementUpdated(el);
    expect(el.validationMessage, 'back to English').to.equal('Draw a digit');
  });

  it('refuses a wrong `strings` with digit-error, keeping the words it had', async () => {
    const el = await fixture<DigitCanvas>(html`<digit-canvas required></digit-canvas>`);
    el.strings = { valueMissing: 'Dessinez un chiffre' };
    await elementUpdated(el);
    el.addEventListener('digit-error', (e) => e.preventDefault()); // no console warning
    const unknownKey = oneEvent(el, 'digit-error') as Promise<DigitErrorEvent>;
    el.strings = { valueMisssing: 'typo' } as Partial<DigitCanvasStrings>;
    expect((await unknownKey).detail.message, 'names the key').to.match(
      /unknown key "valueMisssing"; known keys: drawDigit, drawNumber/,
    );
    const badJson = oneEvent(el, 'digit-error') as Promise<DigitErrorEvent>;
    el.setAttribute('strings', '{not json');
    expect((await badJson).detail.message, 'bad JSON in the attribute').to.equal(
      'strings="{not json" is not valid: strings must be an object (as an attribute, its JSON) ' +
        'such as {"recognized": "Erkannt: {value}"}, got "{not json"; keeping ' +
        '{"valueMissing":"Dessinez un chiffre"}.',
    );
    const notText = oneEvent(el, 'digit-error') as Promise<DigitErrorEvent>;
    el.strings = { cleared: 3 } as unknown as Partial<DigitCanvasStrings>;
    expect((await notText).detail.message, 'a value that is not text').to.match(
      /strings\.cleared must be a string, got number 3/,
    );
    await elementUpdated(el);
    expect(el.strings, 'kept').to.deep.equal({ valueMissing: 'Dessinez un chiffre' });
    expect(el.validationMessage, 'still in the words it had').to.equal('Dessinez un chiffre');
  });
});
