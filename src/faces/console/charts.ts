import { html, type SafeHtml } from './html.ts';

/**
 * Charts drawn on the server as inline SVG: no chart library, no script, nothing the CSP has to allow (colours come
 * from classes in the stylesheet, not style attributes). Each chart is an image with a text title for screen readers,
 * and its figures follow in a table inside a `<details>`, so nothing is only in the picture.
 */
export interface Series {
  name: string;
  /** The stylesheet's class for its colour: `series-1` to `series-3`. */
  className: string;
  values: readonly (number | null)[];
}

export interface Chart {
  id: string;
  title: string;
  /** What a value is counted in: `requests/s`, `ms`, `users`. */
  unit: string;
  /** One label per point (times or days), shown at the ends and in the table. */
  labels: readonly string[];
  series: readonly Series[];
  kind: 'line' | 'bars';
}

const width = 600;
const height = 200;
const pad = { left: 48, right: 12, top: 12, bottom: 28 };

/** A round top of the scale at or above `max`: 1, 2 or 5 times a power of ten. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

const figure = (value: number | null) =>
  value === null ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);

export function chart(spec: Chart): SafeHtml {
  const count = spec.labels.length;
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = niceMax(Math.max(0, ...all));
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const x = (index: number) =>
    spec.kind === 'bars'
      ? pad.left + (plotWidth * (index + 0.5)) / Math.max(1, count)
      : pad.left + (count <= 1 ? plotWidth / 2 : (plotWidth * index) / (count - 1));
  const y = (value: number) => pad.top + plotHeight - (plotHeight * value) / top;
  const grid = [0, 0.5, 1].map(
    (f) =>
      html`<line class="grid" x1="${pad.left}" x2="${width - pad.right}" y1="${y(top * f)}" y2="${y(top * f)}"/><text class="axis" x="${pad.left - 6}" y="${y(top * f) + 4}" text-anchor="end">${figure(top * f)}</text>`,
  );
  const barWidth = Math.max(2, (plotWidth / Math.max(1, count) / spec.series.length) * 0.8);
  const marks = spec.series.map((series, seriesIndex) => {
    if (spec.kind === 'bars') {
      return series.values.map((value, index) => {
        if (value === null) return '';
        const left = x(index) - (barWidth * spec.series.length) / 2 + barWidth * seriesIndex;
        return html`<rect class="${series.className}" x="${left.toFixed(1)}" y="${y(value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(0) - y(value)).toFixed(1)}"/>`;
      });
    }
    // A gap (no requests, so no latency) breaks the line rather than drawing it down to zero.
    const segments: string[] = [];
    let current = '';
    series.values.forEach((value, index) => {
      if (value === null) {
        if (current) segments.push(current);
        current = '';
        return;
      }
      current += `${current ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
    });
    if (current) segments.push(current);
    return segments.map((d) => html`<path class="${series.className}" d="${d}"/>`);
  });
  const first = spec.labels[0] ?? '';
  const last = spec.labels[count - 1] ?? '';
  const latest = spec.series.map((s) => `${s.name} ${figure(s.values[s.values.length - 1] ?? null)}`).join(', ');
  return html`<figure class="chart" aria-labelledby="${spec.id}-caption">
<figcaption id="${spec.id}-caption">${spec.title} <span class="muted">(${spec.unit})</span></figcaption>
<svg viewBox="0 0 ${width} ${height}" class="chart-${spec.kind}" role="img" aria-labelledby="${spec.id}-title">
<title id="${spec.id}-title">${spec.title}, ${first} to ${last}; latest: ${latest}</title>
${grid}${marks}
<text class="axis" x="${pad.left}" y="${height - 8}">${first}</text>
<text class="axis" x="${width - pad.right}" y="${height - 8}" text-anchor="end">${last}</text>
</svg>
${spec.series.length > 1 ? html`<ul class="legend">${spec.series.map((s) => html`<li><span class="swatch ${s.className}" aria-hidden="true"></span>${s.name}</li>`)}</ul>` : ''}
<details><summary>The figures of “${spec.title}”</summary>
<div class="table-wrap" tabindex="0" role="region" aria-label="${spec.title}, figures"><table>
<caption>${spec.title} (${spec.unit})</caption>
<thead><tr><th scope="col">When</th>${spec.series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead>
<tbody>${spec.labels.map((label, index) => html`<tr><th scope="row">${label}</th>${spec.series.map((s) => html`<td>${figure(s.values[index] ?? null)}</td>`)}</tr>`)}</tbody>
</table></div>
</details>
</figure>`;
}
