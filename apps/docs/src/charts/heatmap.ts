import { html, svg, type TemplateResult } from 'lit';

const cell = 40;
const left = 56; // room for the "true" axis label and the row digits
const top = 40; // room for the column digits and the "predicted" axis label

/** Diagonal cells in blue by recall, confusions in red by how many, so errors stand out. */
function cellColor(
  count: number,
  truth: number,
  guess: number,
  maxConfusion: number,
  rowTotal: number,
) {
  if (truth === guess) {
    const share = rowTotal === 0 ? 0 : count / rowTotal;
    return { fill: `hsl(214 80% ${Math.round(92 - 60 * share)}%)`, dark: share > 0.5 };
  }
  if (count === 0) return { fill: '#f7f7f7', dark: false };
  // Square root so one confusion is visibly tinted next to a cell of dozens.
  const share = Math.sqrt(count / maxConfusion);
  return { fill: `hsl(4 75% ${Math.round(94 - 50 * share)}%)`, dark: share > 0.6 };
}

/** The same counts as a table, for screen readers and for copying; folded away by default. */
function matrixTable(matrix: number[][]): TemplateResult {
  return html`<details>
    <summary>Show as a table</summary>
    <table>
      <caption class="sr-only">
        Confusion matrix: rows true digit, columns predicted digit
      </caption>
      <thead>
        <tr>
          <th scope="col">true \\ predicted</th>
          ${matrix.map((_, d) => html`<th scope="col">${d}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${matrix.map(
          (row, truth) =>
            html`<tr>
              <th scope="row">${truth}</th>
              ${row.map((count) => html`<td>${count}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

function showCount(event: Event, text: string): void {
  const figure = (event.currentTarget as Element).closest('figure');
  const readout = figure?.querySelector('.readout');
  if (readout) readout.textContent = text;
}

/**
 * A 10×10 confusion matrix as a heat map; hovering a cell reads its count out below (and in a
 * tooltip). Keyboard and screen-reader users get the same numbers as a table underneath.
 */
export function confusionHeatmap(matrix: number[][]): TemplateResult {
  const rowTotals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const maxConfusion = Math.max(1, ...matrix.flatMap((row, t) => row.filter((_, g) => g !== t)));
  const width = left + 10 * cell + 8;
  const height = top + 10 * cell + 8;
  const cells = matrix.flatMap((row, truth) =>
    row.map((count, guess) => {
      const { fill, dark } = cellColor(count, truth, guess, maxConfusion, rowTotals[truth]);
      const share = rowTotals[truth] === 0 ? 0 : (100 * count) / rowTotals[truth];
      const text =
        truth === guess
          ? `${count} of ${rowTotals[truth]} images of ${truth} read correctly (${share.toFixed(2)}%)`
          : `${count} images of ${truth} read as ${guess} (${share.toFixed(2)}% of the ${truth}s)`;
      const x = left + guess * cell;
      const y = top + truth * cell;
      return svg`<g class="cell" @mouseenter=${(e: Event) => showCount(e, text)}>
        <title>${text}</title>
        <rect x=${x} y=${y} width=${cell} height=${cell} fill=${fill} />
        <text x=${x + cell / 2} y=${y + cell / 2 + 4} text-anchor="middle"
          font-size=${count >= 1000 ? 11 : 12} fill=${dark ? '#fff' : '#1a1a1a'}>${
            // Empty confusion cells stay blank so the eye finds the ones that are not.
            count === 0 && truth !== guess ? '' : count
          }</text>
      </g>`;
    }),
  );
  const axis = [...Array(10).keys()].flatMap((d) => [
    svg`<text x=${left + d * cell + cell / 2} y=${top - 8} text-anchor="middle" font-weight="600">${d}</text>`,
    svg`<text x=${left - 10} y=${top + d * cell + cell / 2 + 4} text-anchor="end" font-weight="600">${d}</text>`,
  ]);
  return html`<figure class="heatmap">
    <svg
      viewBox="0 0 ${width} ${height}"
      width=${width}
      height=${height}
      role="img"
      aria-label="Confusion matrix heat map: rows are the true digit, columns the prediction; the same numbers are in the table below it"
    >
      <text x=${left + 5 * cell} y="12" text-anchor="middle" class="axis-label">predicted →</text>
      <text
        x="14"
        y=${top + 5 * cell}
        text-anchor="middle"
        class="axis-label"
        transform="rotate(-90 14 ${top + 5 * cell})"
      >
        true digit →
      </text>
      ${axis} ${cells}
    </svg>
    <figcaption>
      <p class="readout">Hover over a cell to read what it counts.</p>
      ${matrixTable(matrix)}
    </figcaption>
  </figure>`;
}
