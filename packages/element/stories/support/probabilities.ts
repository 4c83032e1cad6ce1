import { html, type TemplateResult } from 'lit';

/**
 * The ten class probabilities as bars, the answer highlighted. An empty list (empty canvas, or
 * several digits in `multiple` mode) shows the bars at zero so the layout does not jump.
 */
export function probabilityChart(
  probabilities: readonly number[],
  answer: number | null,
): TemplateResult {
  return html`<figure class="probabilities">
    <figcaption>Probability of each digit</figcaption>
    <ol>
      ${[...Array(10).keys()].map((digit) => {
        const p = probabilities[digit] ?? 0;
        return html`<li class=${digit === answer ? 'chosen' : ''}>
          <span class="digit">${digit}</span>
          <span class="track"
            ><span class="fill" style="width:${(100 * p).toFixed(1)}%"></span
          ></span>
          <span class="percent">${(100 * p).toFixed(1)}%</span>
        </li>`;
      })}
    </ol>
  </figure>`;
}
