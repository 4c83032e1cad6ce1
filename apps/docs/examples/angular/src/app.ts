import '@digit-canvas/element/digit-canvas.js';

import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';

import type { DigitPredictionEvent } from '@digit-canvas/element';

// The Angular CLI does not emit files referenced as `new URL(…, import.meta.url)`, as the model
// is: angular.json copies it to model/, and model-url and trajectory-model-url point there.
@Component({
  selector: 'app-root',
  // Lets the template use <digit-canvas>, a custom element rather than an Angular component.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <digit-canvas
      label="Draw a digit"
      model-url="model/model.json"
      trajectory-model-url="model/trajectory.json"
      min-confidence="0.6"
      [strings]="{ notSure: 'Not sure: try again' }"
      (digit-prediction)="show($event)"
    ></digit-canvas>
    <output aria-live="polite">{{ answer() }}</output>
  `,
})
export class App {
  readonly answer = signal('');

  show(event: DigitPredictionEvent) {
    const { value, confidence } = event.detail;
    this.answer.set(value ? `${value} (${(confidence * 100).toFixed(0)}%)` : '?');
  }
}
