import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import { barChart } from '../src/charts/bar-chart.js';
import { confusionHeatmap } from '../src/charts/heatmap.js';
import { lineChart, type Series } from '../src/charts/line-chart.js';
import { FIGURES, formatPercent, formatSeconds } from '../src/format.js';
import { notice, page, section } from '../src/page.js';
import {
  type EpochSeries,
  type Evaluation,
  type Figure,
  parseEvaluation,
  parseTraining,
  type Training,
} from '../src/report-shapes.js';
import { loadReport, missingMessage, reportImageUrl } from '../src/reports.js';

const meta: Meta = {
  title: 'Model/Report',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** The report's figures that the page has labels for, in the table's order. */
function known(figures: Figure[]): Figure[] {
  return Object.keys(FIGURES)
    .map((key) => figures.find((f) => f.key === key))
    .filter((f): f is Figure => f !== undefined);
}

function headline(evaluation: Evaluation) {
  const tested = evaluation.confusionMatrix.flat().reduce((a, b) => a + b, 0);
  const rest = known(evaluation.figures).filter((f) => f.key !== 'unipenAccuracy');
  return html`<ul class="headline">
    <li>
      <span class="value" data-testid="accuracy">${formatPercent(evaluation.accuracy)}</span>
      <span class="label">accuracy on ${tested.toLocaleString('en-US')} MNIST test images</span>
    </li>
    ${
      evaluation.unipen
        ? html`<li>
            <span class="value">${formatPercent(evaluation.unipen.accuracy)}</span>
            <span class="label"
              >on ${evaluation.unipen.count.toLocaleString('en-US')} real pen-drawn UNIPEN digits of
              held-out writers</span
            >
          </li>`
        : ''
    }
    ${rest.map(
      (f) =>
        html`<li>
          <span class="value">${FIGURES[f.key].format(f.value)}</span>
          <span class="label">${FIGURES[f.key].label.toLowerCase()}</span>
        </li>`,
    )}
  </ul>`;
}

function perClassTable(evaluation: Evaluation) {
  return html`<div class="charts">
      <table>
        <caption class="sr-only">
          Precision, recall and number of test images per digit
        </caption>
        <thead>
          <tr>
            <th scope="col">Digit</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">Test images</th>
          </tr>
        </thead>
        <tbody>
          ${evaluation.perClass.map(
            (c) =>
              html`<tr>
                <th scope="row">${c.digit}</th>
                <td>${formatPercent(c.precision)}</td>
                <td>${formatPercent(c.recall)}</td>
                <td>${c.support.toLocaleString('en-US')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${barChart(
        'Share of each digit misread (1 − recall), worst first',
        [...evaluation.perClass]
          .sort((a, b) => a.recall - b.recall)
          .map((c) => ({ label: `digit ${c.digit}`, value: 1 - c.recall })),
        formatPercent,
      )}
    </div>
    <p>
      Precision: of the images the model called this digit, the share that were. Recall: of the
      images of this digit, the share the model recognized.
    </p>`;
}

/** Training and validation side by side per quantity, plus the learning-rate schedule. */
function trainingCurves(training: Training) {
  const { history } = training;
  const series = (pairs: [EpochSeries, string][]): Series[] =>
    pairs
      .map(([key, label]) => ({
        label,
        points: history.flatMap((e) => {
          const y = e.values[key];
          return y === undefined ? [] : [{ x: e.epoch, y }];
        }),
      }))
      .filter((s) => s.points.length > 0);
  const loss = series([
    ['loss', 'training'],
    ['valLoss', 'validation'],
  ]);
  const accuracy = series([
    ['accuracy', 'training'],
    ['valAccuracy', 'validation'],
  ]);
  const rate = series([['learningRate', 'learning rate']]);
  const fit = training.figures.find((f) => f.key === 'fitSeconds');
  const speed = training.figures.find((f) => f.key === 'samplesPerSec');
  return html`<p>
      ${history.length}
      epoch${history.length === 1 ? '' : 's'}${
        fit ? ` in ${formatSeconds(fit.value)}` : ''
      }${speed ? ` at ${Math.round(speed.value).toLocaleString('en-US')} samples/s` : ''}.
      Training figures are on augmented images, so validation can beat them.
    </p>
    <div class="charts">
      ${loss.length ? lineChart('Loss', loss, (v) => v.toFixed(3), [0, Infinity]) : ''}
      ${accuracy.length ? lineChart('Accuracy', accuracy, formatPercent, [0, 1]) : ''}
      ${rate.length ? lineChart('Learning rate', rate, (v) => v.toExponential(1), [0, Infinity]) : ''}
    </div>`;
}

function gallery() {
  const url = reportImageUrl('cnn/misclassified.svg');
  return url
    ? html`<figure class="gallery">
        <img
          src=${url}
          alt="MNIST test digits the model got wrong, each labelled with its true digit and the model's answer"
        />
      </figure>`
    : notice(missingMessage('cnn/misclassified.svg'));
}

function evaluationSections(evaluation: Evaluation) {
  return html`${headline(evaluation)}
    <h2>Confusion matrix</h2>
    <p>
      Rows are the true digit, columns the model's answer. Blue cells are right answers, red cells
      are confusions: the darker, the more images.
    </p>
    ${confusionHeatmap(evaluation.confusionMatrix)}
    <h2>Per digit</h2>
    ${perClassTable(evaluation)}
    <h2>Misclassified test digits</h2>
    ${gallery()}
    ${
      evaluation.unipen
        ? html`<h2>Real pen-drawn digits (UNIPEN 1a, held-out writers)</h2>
            <p>
              The same model on ${evaluation.unipen.count.toLocaleString('en-US')} digits written
              with a pen by people who are not in MNIST, replayed as strokes through the element's
              own preprocessing. They are the digits of UNIPEN's held-out writers (those whose
              writer id's CRC-32 is 0 mod 5), which no model here is trained or tuned on.
            </p>
            ${confusionHeatmap(evaluation.unipen.confusionMatrix)}`
        : ''
    }`;
}

/** Everything the trainer measured about the shipped CNN, read from `reports/cnn/`. */
export const Report: StoryObj = {
  render: () => {
    const evaluation = loadReport('cnn/evaluation.json', parseEvaluation);
    const training = loadReport('cnn/training.json', parseTraining);
    return page(
      'Model report',
      html`How the CNN shipped in <code>@digit-canvas/core</code> does on the MNIST test images it
        never trained on, and on real handwriting. Every figure on this page is read from the
        trainer's reports in <code>reports/cnn/</code> when the docs are built.`,
      html`${section(evaluation, evaluationSections)}
        <h2>Training curves</h2>
        ${section(training, trainingCurves)}`,
    );
  },
};
