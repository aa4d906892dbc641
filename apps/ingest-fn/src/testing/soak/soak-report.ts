// Renders a soak run for people: the sample table, one sparkline per series, and an HTML page with inline SVG.
import type { GrowthJudgement } from './growth-verdict.js';
import type { SoakSeries } from './soak-series.js';

const BARS = '▁▂▃▄▅▆▇█';

/** One bar per value, scaled between the series' own min and max; a gap for a missing value (NaN). */
export function sparkline(values: readonly number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return values
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      // A flat series sits on the floor: a full-height bar would read as "high".
      if (max === min) return BARS[0];
      return BARS[Math.min(BARS.length - 1, Math.floor(((v - min) / (max - min)) * BARS.length))];
    })
    .join('');
}

/** A value as the table shows it: MiB and ms with one decimal below 100, integers otherwise; '-' when missing. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return Number.isInteger(value) || Math.abs(value) >= 100 ? String(Math.round(value)) : value.toFixed(1);
}

/**
 * Right-aligned text table: one row per sample (elapsed seconds first), one column per series. Series named
 * `<group>.<metric>` share a group heading (producer, runner, fn-0, ...), which keeps the columns narrow.
 */
export function formatSampleTable(elapsedSec: readonly number[], series: readonly SoakSeries[]): string {
  const split = series.map((s) => {
    const dot = s.name.indexOf('.');
    return dot < 0
      ? { group: '', metric: `${s.name} ${s.unit}` }
      : {
          group: s.name.slice(0, dot),
          // "fds fds" says it twice: a metric that is its own unit is named once.
          metric: s.name.slice(dot + 1) === s.unit ? s.unit : `${s.name.slice(dot + 1)} ${s.unit}`,
        };
  });
  const groups = ['', ...split.map((s, i) => (i > 0 && split[i - 1]?.group === s.group ? '' : s.group))];
  const header = ['t s', ...split.map((s) => s.metric)];
  const rows = elapsedSec.map((t, i) => [
    String(Math.round(t)),
    ...series.map((s) => formatValue(s.values[i] ?? Number.NaN)),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => cell.padStart(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  // A group's name starts at its first column and may run over the next ones of the same group.
  let groupLine = '';
  let column = 0;
  widths.forEach((w, c) => {
    const name = groups[c] ?? '';
    if (name !== '' && groupLine.length <= column) groupLine = `${groupLine.padEnd(column)}${name}`;
    column += w + 2;
  });
  return [groupLine.trimEnd(), line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join(
    '\n',
  );
}

/** One line per series: name, sparkline, range and verdict (with the reason when it grew). */
export function formatSparklines(
  series: readonly SoakSeries[],
  judgements: ReadonlyMap<string, GrowthJudgement>,
): string {
  const nameWidth = Math.max(...series.map((s) => s.name.length));
  return series
    .map((s) => {
      const finite = s.values.filter((v) => Number.isFinite(v));
      const range =
        finite.length === 0
          ? 'no data'
          : `${formatValue(Math.min(...finite))}..${formatValue(Math.max(...finite))} ${s.unit}`;
      const j = judgements.get(s.name);
      const verdict = j === undefined ? '' : j.verdict === 'growth' ? `GROWTH: ${j.reason}` : 'ok';
      return `${s.name.padEnd(nameWidth)}  ${sparkline(s.values)}  ${range.padEnd(22)} ${verdict}`.trimEnd();
    })
    .join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** An SVG line chart of one series, `width` x `height` px; missing values break the line. */
export function seriesSvg(values: readonly number[], width = 320, height = 64): string {
  const finite = values.filter((v) => Number.isFinite(v));
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const x = (i: number): number =>
    values.length <= 1 ? width / 2 : (i / (values.length - 1)) * (width - 8) + 4;
  const y = (v: number): number =>
    max === min ? height / 2 : height - 4 - ((v - min) / (max - min)) * (height - 8);
  const runs: string[][] = [[]];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) runs.at(-1)?.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    else runs.push([]);
  });
  const lines = runs
    .filter((r) => r.length > 0)
    .map((r) =>
      r.length === 1
        ? `<circle cx="${r[0]?.split(',')[0]}" cy="${r[0]?.split(',')[1]}" r="2" fill="currentColor"/>`
        : `<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${r.join(' ')}"/>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${lines.join('')}</svg>`;
}

/** A self-contained HTML page: the run's summary, a chart and verdict per series, and the sample table. */
export function renderHtmlReport(report: {
  readonly title: string;
  readonly summary: Readonly<Record<string, unknown>>;
  readonly elapsedSec: readonly number[];
  readonly series: readonly SoakSeries[];
  readonly judgements: ReadonlyMap<string, GrowthJudgement>;
}): string {
  const charts = report.series
    .map((s) => {
      const j = report.judgements.get(s.name);
      const isGrowth = j?.verdict === 'growth';
      const finite = s.values.filter((v) => Number.isFinite(v));
      const range =
        finite.length === 0
          ? 'no data'
          : `${formatValue(Math.min(...finite))} .. ${formatValue(Math.max(...finite))} ${s.unit}`;
      return `<div class="chart ${isGrowth ? 'growth' : 'ok'}"><h3>${escapeHtml(s.name)}</h3>${seriesSvg(s.values)}<p>${escapeHtml(range)} — ${isGrowth ? `growth: ${escapeHtml(j.reason)}` : 'ok'}</p></div>`;
    })
    .join('\n');
  const head = ['t [s]', ...report.series.map((s) => `${s.name} [${s.unit}]`)];
  const rows = report.elapsedSec.map(
    (t, i) =>
      `<tr><td>${Math.round(t)}</td>${report.series.map((s) => `<td>${formatValue(s.values[i] ?? Number.NaN)}</td>`).join('')}</tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
.chart{border:1px solid #ccc;padding:.5rem;border-radius:4px}
.chart h3{margin:0 0 .25rem;font-size:.9rem}.chart p{margin:.25rem 0 0;font-size:.8rem}
.ok svg{color:#2a6}.growth svg{color:#c33}.growth{border-color:#c33}
table{border-collapse:collapse;font-size:.8rem}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}
pre{background:#f5f5f5;padding:.5rem}
</style></head><body>
<h1>${escapeHtml(report.title)}</h1>
<pre>${escapeHtml(JSON.stringify(report.summary, null, 2))}</pre>
<div class="charts">
${charts}
</div>
<h2>Samples</h2>
<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
}
