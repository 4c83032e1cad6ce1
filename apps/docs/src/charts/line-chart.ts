import { html, svg, type TemplateResult } from 'lit';

/** A colour-blind-safe palette (Okabe–Ito), in the order series are drawn. */
export const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

export interface Series {
  label: string;
  points: { x: number; y: number }[];
}

const width = 440;
const height = 240;
const pad = { left: 64, right: 12, top: 12, bottom: 36 };

function ticks(min: number, max: number, count: number): number[] {
  if (min === max) return [min];
  return [...Array(count + 1).keys()].map((i) => min + ((max - min) * i) / count);
}

/** Series over epochs, each in its own colour, with a legend naming them. */
export function lineChart(
  title: string,
  series: Series[],
  format: (v: number) => string,
  /** Values the axis never goes past, e.g. [0, 1] for an accuracy: no "100.5%" tick. */
  limits: [number, number] = [-Infinity, Infinity],
): TemplateResult {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const span = Math.max(...ys) - Math.min(...ys) || Math.abs(ys[0]) || 1;
  const yMin = Math.max(limits[0], Math.min(...ys) - span * 0.05);
  const yMax = Math.min(limits[1], Math.max(...ys) + span * 0.05);
  const px = (x: number) =>
    pad.left + (xMax === xMin ? 0.5 : (x - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
  const py = (y: number) =>
    pad.top + (1 - (y - yMin) / (yMax - yMin)) * (height - pad.top - pad.bottom);
  const xTicks = [...new Set(xs)].filter(
    (_, i, all) => all.length <= 10 || i % Math.ceil(all.length / 10) === 0,
  );
  return html`<figure class="line-chart">
    <svg
      viewBox="0 0 ${width} ${height}"
      width=${width}
      height=${height}
      role="img"
      aria-label=${`${title}: ${series.map((s) => `${s.label} from ${format(s.points[0].y)} to ${format(s.points[s.points.length - 1].y)}`).join('; ')}`}
    >
      ${ticks(yMin, yMax, 4).map(
        (
          t,
        ) => svg`<line x1=${pad.left} x2=${width - pad.right} y1=${py(t)} y2=${py(t)} class="grid" />
          <text x=${pad.left - 6} y=${py(t) + 4} text-anchor="end" class="tick">${format(t)}</text>`,
      )}
      ${xTicks.map(
        (x) =>
          svg`<text x=${px(x)} y=${height - pad.bottom + 16} text-anchor="middle" class="tick">${x}</text>`,
      )}
      <text
        x=${(pad.left + width - pad.right) / 2}
        y=${height - 4}
        text-anchor="middle"
        class="tick"
      >
        epoch
      </text>
      ${series.map(
        (s, i) => svg`<polyline fill="none" stroke=${palette[i % palette.length]} stroke-width="2.5"
            points=${s.points.map((p) => `${px(p.x)},${py(p.y)}`).join(' ')} />
          ${s.points.map(
            (
              p,
            ) => svg`<circle cx=${px(p.x)} cy=${py(p.y)} r="3" fill=${palette[i % palette.length]}>
              <title>${s.label}, epoch ${p.x}: ${format(p.y)}</title></circle>`,
          )}`,
      )}
    </svg>
    <figcaption>
      <strong>${title}</strong>
      ${series.map(
        (s, i) =>
          html`<span class="legend"
            ><span class="swatch" style="background:${palette[i % palette.length]}"></span
            >${s.label}</span
          >`,
      )}
    </figcaption>
  </figure>`;
}
