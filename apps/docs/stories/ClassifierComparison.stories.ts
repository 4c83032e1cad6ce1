import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

import { barChart } from '../src/charts/bar-chart.js';
import { FIGURES } from '../src/format.js';
import { notice, page, section } from '../src/page.js';
import { type Classifier, type Comparison, parseComparison } from '../src/report-shapes.js';
import { loadReport, missingMessage } from '../src/reports.js';

const meta: Meta = {
  title: 'Model/Classifier comparison',
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** The columns the table shows: known figures that at least one classifier reports. */
function columns(classifiers: Classifier[]): string[] {
  return Object.keys(FIGURES).filter((key) => classifiers.some((c) => value(c, key) !== undefined));
}

function value(c: Classifier, key: string): number | undefined {
  return c.figures.find((f) => f.key === key)?.value;
}

function best(classifiers: Classifier[], key: string): number | undefined {
  const better = FIGURES[key].better;
  const values = classifiers.map((c) => value(c, key)).filter((v) => v !== undefined);
  if (!better || values.length < 2) return undefined;
  return better === 'higher' ? Math.max(...values) : Math.min(...values);
}

function comparison({ classifiers, missing }: Comparison) {
  const keys = columns(classifiers);
  // A classifier's file reaches this page through comparison.json, so `report` runs after it.
  const notices = missing.map((file) =>
    notice(missingMessage(file.replace(/^reports\//, ''), 'pnpm train report')),
  );
  return html`${notices}
    <table data-testid="comparison-table">
      <thead>
        <tr>
          <th scope="col">Classifier</th>
          ${keys.map((k) => html`<th scope="col">${FIGURES[k].label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${classifiers.map(
          (c) =>
            html`<tr>
              <th scope="row">${c.name}</th>
              ${keys.map((k) => {
                const v = value(c, k);
                if (v === undefined) return html`<td>—</td>`;
                const text = FIGURES[k].format(v);
                return html`<td>
                  ${v === best(classifiers, k) ? html`<strong>${text}</strong>` : text}
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
    <dl class="classifiers">
      ${classifiers.map(
        (c) =>
          html`<dt>${c.name}</dt>
            <dd>${c.description || '—'}</dd>`,
      )}
    </dl>
    <p>
      Bold marks the best of each column: highest accuracy, smallest model, shortest time. All were
      trained on MNIST's training images and tested on its test images; predict time is per image on
      the machine that wrote the report.
    </p>
    <h2>Side by side</h2>
    <div class="charts">
      ${keys
        // A chart of one bar compares nothing.
        .filter((k) => classifiers.filter((c) => value(c, k) !== undefined).length > 1)
        .map((k) =>
          barChart(
            FIGURES[k].label,
            classifiers
              .filter((c) => value(c, k) !== undefined)
              .map((c) => ({
                label: c.name,
                value: value(c, k) as number,
                highlight: value(c, k) === best(classifiers, k),
              })),
            FIGURES[k].format,
          ),
        )}
    </div>`;
}

/** The CNN against classical baselines trained on the same MNIST images. */
export const ClassifierComparison: StoryObj = {
  name: 'Classifier comparison',
  render: () =>
    page(
      'Classifier comparison',
      html`Why a CNN: the shipped model next to a random forest and a decision tree, trained and
        tested on the same MNIST split by the trainer, and tried on real pen-drawn digits. Read from
        <code>reports/comparison.json</code> when the docs are built.`,
      section(loadReport('comparison.json', parseComparison), comparison),
    ),
};
