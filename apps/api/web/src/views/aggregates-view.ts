import type { AssetList, HourlyAggregate, HourlyPage } from '../../../src/schemas/route-schemas.js';
import { errorMessage } from '../api-client.js';
import { createChart, probabilityAxis, timeAxis, type Chart } from '../charts.js';
import { h, replaceChildren } from '../dom.js';
import { formatNumber, formatUtcMinute } from '../format.js';
import { ELEVATED_TEXT, HIGH_TEXT, RISK_COLOURS, riskBand } from '../risk-band.js';
import { routeHash } from '../router.js';
import type { View, ViewContext } from '../view.js';
import { totalsByHour, type HourTotal } from '../hourly-totals.js';
import { card, cell, chartBox, noticeRow, riskBadge, table } from '../widgets.js';

const PAGE_ROWS = 500;
const HALF_HOUR_MS = 1_800_000;
const TABLE_LEGEND = `Temperatures and speed: hourly mean · torque: mean / max · tool wear: max · ${ELEVATED_TEXT}, ${HIGH_TEXT}: readings at that failure probability`;

/** Hourly aggregates (the silver layer): a chart per hour and the table, filtered by asset or site. */
export function aggregatesView(
  ctx: ViewContext,
  filter: { readonly assetId: string | undefined; readonly siteId: string | undefined },
): View {
  const assetSelect = h(
    'select',
    { attrs: { name: 'assetId', 'aria-label': 'Asset' } },
    h('option', { attrs: { value: '' } }, 'All assets'),
  );
  const siteSelect = h(
    'select',
    { attrs: { name: 'siteId', 'aria-label': 'Site' } },
    h('option', { attrs: { value: '' } }, 'All sites'),
  );
  const form = h(
    'form',
    { class: 'filters' },
    h('label', {}, 'Asset', assetSelect),
    h('label', {}, 'Site', siteSelect),
    h('button', { class: 'primary', attrs: { type: 'submit' } }, 'Apply'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.hash = routeHash({
      name: 'aggregates',
      assetId: assetSelect.value === '' ? undefined : assetSelect.value,
      siteId: siteSelect.value === '' ? undefined : siteSelect.value,
    });
  });
  const chart = chartBox('hourly', 'Readings and failure probability per hour', 280);
  const rows = table(
    [
      'Hour (UTC)',
      'Asset',
      'Site / line',
      { label: 'Readings', numeric: true },
      { label: 'Air temp. (K)', numeric: true },
      { label: 'Process temp. (K)', numeric: true },
      { label: 'Speed (rpm)', numeric: true },
      { label: 'Torque (Nm)', numeric: true },
      { label: 'Tool wear (min)', numeric: true },
      { label: 'Prob. mean', numeric: true },
      { label: 'Prob. max', numeric: true },
      { label: ELEVATED_TEXT, numeric: true },
      { label: HIGH_TEXT, numeric: true },
      { label: 'Failures', numeric: true },
    ],
    'hourly-aggregates',
  );
  const summary = h('span', {}, 'Loading…');
  const more = h('button', { class: 'secondary', attrs: { type: 'button', hidden: '' } }, 'Load more hours');
  const filterText =
    filter.assetId !== undefined
      ? `Asset ${filter.assetId}`
      : filter.siteId !== undefined
        ? `Site ${filter.siteId}`
        : 'Whole fleet';
  const element = h(
    'div',
    { class: 'page', data: { page: 'aggregates' } },
    h('div', { class: 'page-title' }, h('h1', {}, 'Hourly aggregates'), form),
    card(
      `Readings and failure risk per hour · ${filterText}`,
      'Bars: readings per hour (left axis). Lines: mean and highest failure probability in the hour (right axis).',
      chart.box,
    ),
    card(
      'Aggregates table',
      h('span', {}, summary, h('br'), TABLE_LEGEND),
      h('div', { class: 'table-scroll' }, rows.table),
      h('div', { class: 'table-foot' }, more),
    ),
  );

  const items: HourlyAggregate[] = [];
  let cursor: string | null = null;
  let destroyed = false;
  const hourly = createChart(chart.canvas, {
    type: 'bar',
    data: {
      datasets: [
        {
          type: 'line',
          label: 'Highest failure probability',
          data: [],
          yAxisID: 'p',
          borderColor: RISK_COLOURS.high,
          backgroundColor: RISK_COLOURS.high,
          pointRadius: 2,
          borderWidth: 1.5,
        },
        {
          type: 'line',
          label: 'Mean failure probability',
          data: [],
          yAxisID: 'p',
          borderColor: RISK_COLOURS.elevated,
          backgroundColor: RISK_COLOURS.elevated,
          pointRadius: 2,
          borderWidth: 1.5,
        },
        {
          type: 'bar',
          label: 'Readings per hour',
          data: [],
          yAxisID: 'n',
          backgroundColor: 'rgba(47, 111, 223, 0.35)',
          borderColor: 'rgba(47, 111, 223, 0.6)',
          borderWidth: 1,
          barPercentage: 1,
          categoryPercentage: 0.9,
        },
      ],
    },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ...timeAxis('Hour (UTC)'), offset: true },
        n: {
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          grace: '10%',
          title: { display: true, text: 'Readings per hour' },
        },
        p: {
          ...probabilityAxis('Failure probability (%)'),
          position: 'right',
          grid: { drawOnChartArea: false },
        },
      },
      plugins: { legend: { position: 'bottom' }, riskBands: { enabled: true, scaleId: 'p' } },
    },
  }) as Chart;

  async function loadPage(): Promise<void> {
    more.setAttribute('disabled', '');
    try {
      const page = await ctx.api.get<HourlyPage>('/api/v1/aggregates/hourly', {
        assetId: filter.assetId,
        siteId: filter.siteId,
        limit: PAGE_ROWS,
        cursor: cursor ?? undefined,
      });
      if (destroyed) return;
      items.push(...page.items);
      cursor = page.nextCursor;
      render();
    } catch (err: unknown) {
      if (!destroyed)
        replaceChildren(
          rows.body,
          noticeRow(14, 'error', `Aggregates could not be loaded: ${errorMessage(err)}`),
        );
    } finally {
      more.removeAttribute('disabled');
    }
  }

  function render(): void {
    if (cursor === null) more.setAttribute('hidden', '');
    else more.removeAttribute('hidden');
    const hours = new Set(items.map((i) => i.hourStart));
    summary.textContent =
      items.length === 0
        ? 'No hourly aggregates for this filter. They are built from the readings by the Data Flow job (or `npm run demo` locally).'
        : `${formatNumber(items.length, 0)} rows · ${formatNumber(hours.size, 0)} hours · ${formatNumber(new Set(items.map((i) => i.assetId)).size, 0)} assets${cursor === null ? '' : ' · more available'}`;
    if (items.length === 0) {
      replaceChildren(rows.body, noticeRow(14, 'empty', 'No rows.'));
    } else {
      replaceChildren(
        rows.body,
        ...items.map((row) =>
          h(
            'tr',
            { data: { assetId: row.assetId, hourStart: String(row.hourStart) } },
            cell(formatUtcMinute(row.hourStart)),
            cell(
              h('a', { attrs: { href: routeHash({ name: 'asset', assetId: row.assetId }) } }, row.assetId),
            ),
            cell(`${row.siteId ?? '—'} / ${row.lineId ?? '—'}`),
            cell(formatNumber(row.readingCount, 0), true),
            cell(formatNumber(row.airTemperatureK.mean, 1), true),
            cell(formatNumber(row.processTemperatureK.mean, 1), true),
            cell(formatNumber(row.rotationalSpeedRpm.mean, 0), true),
            cell(`${formatNumber(row.torqueNm.mean, 1)} / ${formatNumber(row.torqueNm.max, 1)}`, true),
            cell(formatNumber(row.toolWearMin.max, 0), true),
            cell(riskBadge(row.meanFailureProbability, riskBand(row.meanFailureProbability)), true),
            cell(riskBadge(row.maxFailureProbability, riskBand(row.maxFailureProbability)), true),
            cell(String(row.countProbabilityAbove0_6), true),
            cell(String(row.countProbabilityAbove0_9), true),
            cell(String(row.failureCount), true),
          ),
        ),
      );
    }
    const totals = totalsByHour(items);
    const [max, mean, count] = hourly.data.datasets;
    if (max === undefined || mean === undefined || count === undefined) return;
    // Each hour is drawn at its middle, so that the ticks (on the hour) bound its bar.
    const mid = (t: HourTotal) => t.hourStart + HALF_HOUR_MS;
    max.data = totals.flatMap((t) => (t.maxProbability === null ? [] : [{ x: mid(t), y: t.maxProbability }]));
    mean.data = totals.flatMap((t) =>
      t.scoredReadings === 0 ? [] : [{ x: mid(t), y: t.weightedProbability / t.scoredReadings }],
    );
    count.data = totals.map((t) => ({ x: mid(t), y: t.readings }));
    hourly.update();
  }

  more.addEventListener('click', () => void loadPage());

  async function loadFilterOptions(): Promise<void> {
    try {
      const list = await ctx.api.get<AssetList>('/api/v1/assets', { limit: 1000 });
      if (destroyed) return;
      const assetIds = list.items.map((a) => a.assetId).sort();
      const sites = [...new Set(list.items.flatMap((a) => (a.siteId === null ? [] : [a.siteId])))].sort();
      for (const id of assetIds) assetSelect.append(h('option', { attrs: { value: id } }, id));
      for (const site of sites) siteSelect.append(h('option', { attrs: { value: site } }, site));
      assetSelect.value = filter.assetId ?? '';
      siteSelect.value = filter.siteId ?? '';
    } catch {
      // The filters still work by URL; the table shows the real failure if the API is down.
    }
  }

  void loadFilterOptions();
  void loadPage();

  return {
    element,
    destroy() {
      destroyed = true;
      hourly.destroy();
    },
  };
}
