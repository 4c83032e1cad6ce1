import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

import type { ClassMetrics } from '@digit-canvas/trainer';

import { barChart } from '../src/charts/bar-chart.js';
import { confusionHeatmap } from '../src/charts/heatmap.js';
import { lineChart, type Series } from '../src/charts/line-chart.js';
import { FIGURES, formatPercent, formatSeconds } from '../src/format.js';
import { notice, page, section } from '../src/page.js';
import {
  type Adapt,
  type AdaptSettingView,
  type EpochSeries,
  type Evaluation,
  type Figure,
  type HeldOut,
  parseAdapt,
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
    ${evaluation.heldOut.map(
      (set) =>
        html`${
            set.fused
              ? html`<li>
                  <span class="value">${formatPercent(set.fused.accuracy)}</span>
                  <span class="label"
                    >both views fused on ${set.fused.count.toLocaleString('en-US')} digits of
                    ${set.title} (what strokes get)</span
                  >
                </li>`
              : ''
          }
          <li>
            <span class="value">${formatPercent(set.image.accuracy)}</span>
            <span class="label"
              >${set.fused ? 'the CNN alone ' : ''}on ${set.image.count.toLocaleString('en-US')}
              digits of ${set.title}</span
            >
          </li>`,
    )}
    ${rest.map(
      (f) =>
        html`<li>
          <span class="value">${FIGURES[f.key].format(f.value)}</span>
          <span class="label">${FIGURES[f.key].label.toLowerCase()}</span>
        </li>`,
    )}
  </ul>`;
}

/** Per-digit precision and recall of `perClass`, whose `support` counts `items` (e.g. "test images"). */
function perClassTable(perClass: readonly ClassMetrics[], items: string) {
  return html`<div class="charts">
      <table>
        <caption class="sr-only">
          Precision, recall and number of ${items} per digit
        </caption>
        <thead>
          <tr>
            <th scope="col">Digit</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">${items.charAt(0).toUpperCase() + items.slice(1)}</th>
          </tr>
        </thead>
        <tbody>
          ${perClass.map(
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
        [...perClass]
          .sort((a, b) => a.recall - b.recall)
          .map((c) => ({ label: `digit ${c.digit}`, value: 1 - c.recall })),
        formatPercent,
      )}
    </div>
    <p>
      Precision: of the ${items} the model called this digit, the share that were. Recall: of the
      ${items} of this digit, the share the model recognized.
    </p>`;
}

/** The digit read worst: the lowest recall, and which digit has it (the first on a tie). */
function weakest(perClass: readonly ClassMetrics[]): ClassMetrics {
  return perClass.reduce((worst, c) => (c.recall < worst.recall ? c : worst));
}

/** One set's cells of a side-by-side row; `testId` marks the accuracy cell a test reads. */
function setCells(heldOut: HeldOut | null, testId?: string) {
  const worst = heldOut ? weakest(heldOut.perClass) : null;
  return html`<td data-testid=${ifDefined(testId)}>
      ${heldOut ? formatPercent(heldOut.accuracy) : '—'}
    </td>
    <td>${worst ? `${formatPercent(worst.recall)} (digit ${worst.digit})` : '—'}</td>`;
}

/** One row of the side-by-side table: a name, the MNIST figure and each set's cells. */
function viewRow(name: unknown, mnist: number | null, cells: unknown[]) {
  return html`<tr>
    <th scope="row">${name}</th>
    <td>${mnist === null ? '—' : formatPercent(mnist)}</td>
    ${cells}
  </tr>`;
}

/**
 * Each held-out set read by each view and by the baseline, measured in one run: the sets of
 * evaluation.json's `heldOut` and the baseline's, a column pair per set.
 */
function sideBySide(evaluation: Evaluation) {
  const { heldOut: sets, baseline } = evaluation;
  const hasFused = sets.some((set) => set.fused);
  const hasTrajectory = sets.some((set) => set.trajectory);
  return html`<table class="side-by-side">
      <caption class="sr-only">
        Each view and the baseline model on the MNIST test set and on each held-out set
      </caption>
      <thead>
        <tr>
          <th scope="col">Model or view</th>
          <th scope="col">MNIST test</th>
          ${sets.map(
            (set) =>
              html`<th scope="col">
                  ${set.title} (${set.image.count.toLocaleString('en-US')} digits)
                </th>
                <th scope="col">Lowest recall (digit)</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${
          hasFused
            ? viewRow(
                html`Both views fused <small>(what strokes get)</small>`,
                null,
                // Marked only where the set has the view, for the test that reads it.
                sets.map((set) =>
                  setCells(set.fused, set.fused ? `fused-accuracy-${set.id}` : undefined),
                ),
              )
            : ''
        }
        ${viewRow(
          html`CNN alone <small>(what images get)</small>`,
          evaluation.accuracy,
          sets.map((set) => setCells(set.image)),
        )}
        ${
          hasTrajectory
            ? viewRow(
                'Trajectory model alone',
                null,
                sets.map((set) => setCells(set.trajectory)),
              )
            : ''
        }
        ${
          baseline
            ? viewRow(
                html`Baseline: ${baseline.label}`,
                baseline.accuracy,
                sets.map((set) =>
                  setCells(baseline.heldOut.find((b) => b.id === set.id)?.image ?? null),
                ),
              )
            : ''
        }
      </tbody>
    </table>
    <p>
      Which view decides: for strokes (what the element draws, and <code>recognize</code> reads)
      both views, the normalised product of the CNN's and the trajectory model's probabilities; for
      images and 28×28 arrays the CNN alone, since they have no pen path. The trajectory model reads
      only strokes, so it has no MNIST figure.
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

/** The trajectory model's validation accuracy per epoch, from `reports/trajectory/training.json`. */
function trajectoryCurve(training: Training) {
  const points = training.history.flatMap((e) => {
    const y = e.values.valAccuracy;
    return y === undefined ? [] : [{ x: e.epoch, y }];
  });
  const figure = (key: string) => training.figures.find((f) => f.key === key)?.value;
  const best = figure('bestValAccuracy');
  const refitWriters = figure('refitTrainWriters');
  return html`<p>
      The trajectory model, ${training.history.length} epochs on the UNIPEN training writers,
      validated on writers kept out of its
      training${best === undefined ? '' : ` (best: ${formatPercent(best)})`}.${
        refitWriters === undefined
          ? ''
          : ` The weights that ship come from a second run of the same recipe on all
            ${refitWriters} training writers, validation ones included: its last epoch.`
      }
    </p>
    ${
      points.length
        ? html`<div class="charts">
            ${lineChart(
              'Trajectory model: validation accuracy',
              [{ label: 'validation', points }],
              formatPercent,
              [0, 1],
            )}
          </div>`
        : ''
    }`;
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
    ${perClassTable(evaluation.perClass, 'test images')}
    <h2>Misclassified test digits</h2>
    ${gallery()}
    ${evaluation.heldOut.map(
      (set) =>
        html`<h2>${set.title}</h2>
          <p>
            The same model on ${set.image.count.toLocaleString('en-US')} held-out digits, which no
            model here is trained or tuned on. ${set.description}
          </p>
          ${set.fused ? html`<h3>The CNN alone</h3>` : ''}
          ${confusionHeatmap(set.image.confusionMatrix)}`,
    )}
    ${
      evaluation.heldOut.some((set) => set.fused) || evaluation.baseline
        ? heldOutViews(evaluation)
        : ''
    }`;
}

/** The held-out sets as strokes get them: each view side by side, then each fused one. */
function heldOutViews(evaluation: Evaluation) {
  return html`<h2>Held-out sets: each view side by side</h2>
    <p>
      The element reads a drawn digit two ways: the CNN reads the 28×28 image, the trajectory
      model${evaluation.trajectoryModel ? html` (<code>${evaluation.trajectoryModel}</code>)` : ''}
      reads the pen path itself. Here are both, and the two fused, on the same held-out
      digits${
        evaluation.baseline
          ? html`, beside ${evaluation.baseline.label}, measured in the same run`
          : ''
      }.
    </p>
    ${sideBySide(evaluation)}
    ${evaluation.heldOut.map((set) =>
      set.fused
        ? html`<h3>${set.title}, both views fused: confusion matrix</h3>
            ${confusionHeatmap(set.fused.confusionMatrix)}
            <h3>${set.title}, both views fused: per digit</h3>
            ${perClassTable(set.fused.perClass, 'digits')}`
        : '',
    )}`;
}

/** One row of the adaptation table: a group of writers without and with a profile. */
function adaptRow(setting: AdaptSettingView, group: 'all' | 'large', label: string) {
  const s = setting[group];
  const ratio =
    s.errorsWith === 0 ? '—' : `${(s.errorsWithout / Math.max(1, s.errorsWith)).toFixed(2)}×`;
  return html`<tr>
    <th scope="row">${setting.title}: ${label}</th>
    <td>${s.writers}</td>
    <td>${s.digits.toLocaleString('en-US')}</td>
    <td>${formatPercent(s.accuracyWithout)} (${s.errorsWithout})</td>
    <td data-testid="adapt-${setting.id}-${group}">
      ${formatPercent(s.accuracyWith)} (${s.errorsWith})
    </td>
    <td>${ratio}</td>
    <td>${s.corrections}</td>
  </tr>`;
}

/** `reports/adapt/adapt.json`: each setting without and with a writer's profile. */
function adaptSection(adapt: Adapt) {
  return html`<p>
      Each of the ${adapt.set.writers} writers of ${adapt.set.title}
      (${adapt.set.digits.toLocaleString('en-US')} digits) writes their digits in order with a fresh
      <code>WriterProfile</code>: every misread is corrected and learnt, every right answer below
      ${adapt.acceptBelow} confidence accepted and learnt. Accuracy counts every digit, those before
      any correction included (protocol: <code>reports/adapt/PROTOCOL.md</code>).
    </p>
    <table class="side-by-side">
      <caption class="sr-only">
        Accuracy without and with a writer's profile, per model setting
      </caption>
      <thead>
        <tr>
          <th scope="col">Setting and writers</th>
          <th scope="col">Writers</th>
          <th scope="col">Digits</th>
          <th scope="col">No profile (errors)</th>
          <th scope="col">With profile (errors)</th>
          <th scope="col">Fewer errors</th>
          <th scope="col">Corrections</th>
        </tr>
      </thead>
      <tbody>
        ${adapt.settings.map(
          (setting) =>
            html`${adaptRow(setting, 'all', 'all writers')}
            ${adaptRow(setting, 'large', `writers with ≥ ${adapt.largeWriterDigits} digits`)}`,
        )}
      </tbody>
    </table>
    <ul>
      ${adapt.settings.map(
        (setting) =>
          html`<li>
            ${setting.title}:
            ${
              setting.worse.length === 0
                ? 'no writer is read worse with the profile.'
                : `read worse with the profile: ${setting.worse
                    .map((w) => `${w.writer} (${w.errorsWithout} → ${w.errorsWith} errors)`)
                    .join(', ')}.`
            }
          </li>`,
      )}
    </ul>`;
}

/** Everything the trainer measured about the shipped CNN, read from `reports/cnn/`. */
export const Report: StoryObj = {
  render: () => {
    const evaluation = loadReport('cnn/evaluation.json', parseEvaluation);
    const training = loadReport('cnn/training.json', parseTraining);
    // Its epochs are a subset of the CNN's (loss, valAccuracy, learningRate, seconds).
    const trajectoryTraining = loadReport('trajectory/training.json', parseTraining);
    const adapt = loadReport('adapt/adapt.json', parseAdapt);
    return page(
      'Model report',
      html`How the models shipped in <code>@digit-canvas/core</code> do on the MNIST test images
        they never trained on, and on real handwriting: the CNN, and for strokes the trajectory
        model fused with it. Every figure on this page is read from the trainer's reports in
        <code>reports/cnn/</code> and <code>reports/trajectory/</code> when the docs are built.`,
      html`${section(evaluation, evaluationSections)}
        <h2>Training curves</h2>
        ${section(training, trainingCurves)}
        <h3>The trajectory model</h3>
        ${section(trajectoryTraining, trajectoryCurve)}
        <h2>Learns each writer's hand</h2>
        ${section(adapt, adaptSection)}`,
    );
  },
};
