import { html, type TemplateResult } from 'lit';

export interface Bar {
  label: string;
  value: number;
  /** Drawn in the accent colour, e.g. the best classifier or the predicted digit. */
  highlight?: boolean;
}

/**
 * Horizontal bars scaled to the largest value (or to `max`), each labelled with its formatted
 * value. Plain HTML, so it reflows on narrow screens and screen readers read it as a list.
 */
export function barChart(
  title: string,
  bars: Bar[],
  format: (v: number) => string,
  max = Math.max(...bars.map((b) => b.value)),
): TemplateResult {
  return html`<figure class="bar-chart">
    <figcaption><strong>${title}</strong></figcaption>
    <ul>
      ${bars.map(
        (b) =>
          html`<li>
            <span class="bar-label">${b.label}</span>
            <span class="bar-track"
              ><span
                class=${b.highlight ? 'bar-fill highlight' : 'bar-fill'}
                style="width:${max > 0 ? (100 * b.value) / max : 0}%"
              ></span
            ></span>
            <span class="bar-value">${format(b.value)}</span>
          </li>`,
      )}
    </ul>
  </figure>`;
}
