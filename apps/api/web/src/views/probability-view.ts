import type { AssetOutlook, AssetOutlookList, Trends } from '../../../src/schemas/route-schemas.js';
import { errorMessage } from '../api-client.js';
import { createChart, probabilityAxis, timeAxis, type Chart } from '../charts.js';
import { h, replaceChildren } from '../dom.js';
import { formatNumber, formatUtc } from '../format.js';
import { sortOutlook, type OutlookOrder } from '../planning/sort-outlook.js';
import { SERIES_COLOURS, seriesColour, trendBand } from '../planning/trend-band.js';
import type { View, ViewContext } from '../view.js';
import { card, cell, chartBox, notice, noticeRow, riskBadge, table } from '../widgets.js';

const WEEK_MS = 7 * 86_400_000;
const WEEK_CHOICES = [4, 12, 26, 52] as const;
const DEFAULT_WEEKS = 12;
/** Pages of 1,000 assets read for the table; a larger fleet shows its first 5,000 by asset id. */
const MAX_ASSET_PAGES = 5;
const TABLE_COLUMNS = 8;
/** Key of the series of assets without a site or register row (GET /trends). */
const NONE_KEY = '(none)';

/**
 * Probability of failure (the workbook's page of that name): the weekly mean failure probability with its min–max
 * range by site and by manufacturer (GET /trends, bucket=week, from the daily rollups), and a table of each
 * asset's current probability and scheduled end of life (GET /fleet/end-of-life/assets).
 */
export function probabilityView(ctx: ViewContext): View {
  const weeksSelect = h(
    'select',
    { attrs: { name: 'weeks', 'aria-label': 'Weeks shown' } },
    ...WEEK_CHOICES.map((w) =>
      h(
        'option',
        { attrs: { value: String(w), ...(w === DEFAULT_WEEKS ? { selected: '' } : {}) } },
        `${String(w)} weeks`,
      ),
    ),
  );
  const orderSelect = h(
    'select',
    { attrs: { name: 'order', 'aria-label': 'Order of the table' } },
    h('option', { attrs: { value: 'probability', selected: '' } }, 'Highest probability first'),
    h('option', { attrs: { value: 'endOfLife' } }, 'Earliest end of life first'),
  );
  const bySite = chartBox(
    'probability-by-site',
    'Weekly mean failure probability with min–max range, by site',
    300,
  );
  const byMaker = chartBox(
    'probability-by-manufacturer',
    'Weekly mean failure probability with min–max range, by manufacturer',
    300,
  );
  const siteNote = h('div', {});
  const makerNote = h('div', {});
  const assets = table(
    [
      'Asset',
      'Site / line',
      'Manufacturer / model',
      'Criticality',
      { label: 'Current failure probability', numeric: true },
      { label: 'End of life', numeric: true },
      { label: 'Months left', numeric: true },
      'Status',
    ],
    'asset-outlook',
  );
  replaceChildren(assets.body, noticeRow(TABLE_COLUMNS, 'loading', 'Loading assets…'));
  const asOf = h('span', {}, '');
  const element = h(
    'div',
    { class: 'page', data: { page: 'probability' } },
    h(
      'div',
      { class: 'page-title' },
      h('h1', {}, 'Probability of failure'),
      h('form', { class: 'filters' }, h('label', {}, 'Range', weeksSelect)),
    ),
    h(
      'div',
      { class: 'grid-2' },
      card(
        'By site',
        'Line: weekly mean over the scored readings · band: lowest to highest probability',
        bySite.box,
        siteNote,
      ),
      card('By manufacturer', 'The same per manufacturer of the asset register', byMaker.box, makerNote),
    ),
    card(
      'Current probability and scheduled end of life',
      h('span', {}, asOf),
      h('form', { class: 'filters' }, h('label', {}, 'Order', orderSelect)),
      h('div', { class: 'table-scroll' }, assets.table),
    ),
  );

  const charts: Chart[] = [];
  let items: AssetOutlook[] = [];
  let destroyed = false;

  async function loadTrends(weeks: number): Promise<void> {
    const query = { bucket: 'week', from: Date.now() - weeks * WEEK_MS };
    try {
      const [sites, makers] = await Promise.all([
        ctx.api.get<Trends>('/api/v1/trends', { ...query, groupBy: 'site' }),
        ctx.api.get<Trends>('/api/v1/trends', { ...query, groupBy: 'manufacturer' }),
      ]);
      if (destroyed) return;
      for (const chart of charts.splice(0)) chart.destroy();
      charts.push(
        createChart(bySite.canvas, bandChart(sites)),
        createChart(byMaker.canvas, bandChart(makers)),
      );
      replaceChildren(siteNote, emptyNote(sites));
      replaceChildren(makerNote, emptyNote(makers));
    } catch (err: unknown) {
      if (destroyed) return;
      const text = `Trends could not be loaded: ${errorMessage(err)}`;
      replaceChildren(siteNote, notice('error', text));
      replaceChildren(makerNote, notice('error', text));
    }
  }

  async function loadAssets(): Promise<void> {
    try {
      const loaded: AssetOutlook[] = [];
      let cursor: string | undefined;
      let at = 0;
      for (let page = 0; page < MAX_ASSET_PAGES; page += 1) {
        const list = await ctx.api.get<AssetOutlookList>('/api/v1/fleet/end-of-life/assets', {
          limit: 1000,
          cursor,
        });
        loaded.push(...list.items);
        at = list.asOf;
        if (list.nextCursor === null) break;
        cursor = list.nextCursor;
      }
      if (destroyed) return;
      items = loaded;
      asOf.textContent = `As of ${formatUtc(at)} · ${String(items.length)} reporting assets · current = latest reading`;
      renderTable();
    } catch (err: unknown) {
      if (!destroyed) {
        replaceChildren(
          assets.body,
          noticeRow(TABLE_COLUMNS, 'error', `Assets could not be loaded: ${errorMessage(err)}`),
        );
      }
    }
  }

  function renderTable(): void {
    if (items.length === 0) {
      replaceChildren(assets.body, noticeRow(TABLE_COLUMNS, 'empty', 'No reporting assets yet.'));
      return;
    }
    replaceChildren(
      assets.body,
      ...sortOutlook(items, orderSelect.value as OutlookOrder).map((a) =>
        h(
          'tr',
          { class: `row-${a.riskBand}`, data: { assetId: a.assetId } },
          cell(h('a', { attrs: { href: `#/assets/${encodeURIComponent(a.assetId)}` } }, a.assetId)),
          cell([a.siteId ?? '—', a.lineId ?? '—'].join(' / ')),
          cell(a.manufacturer === null ? 'not in the register' : `${a.manufacturer} · ${a.model ?? ''}`),
          cell(a.criticality ?? '—'),
          cell(riskBadge(a.failureProbability, a.riskBand), true),
          cell(a.endOfLife?.endOfLifeOn ?? '—', true),
          cell(formatNumber(a.endOfLife?.monthsRemaining, 1), true),
          cell(
            a.endOfLife === null
              ? '—'
              : a.endOfLife.isPastEndOfLife
                ? h('span', { class: 'badge badge-high' }, 'past end of life')
                : a.endOfLife.monthsRemaining <= 12
                  ? h('span', { class: 'badge badge-elevated' }, 'within 12 months')
                  : 'in service',
          ),
        ),
      ),
    );
  }

  weeksSelect.addEventListener('change', () => void loadTrends(Number(weeksSelect.value)));
  orderSelect.addEventListener('change', renderTable);
  void loadTrends(DEFAULT_WEEKS);
  void loadAssets();

  return {
    element,
    destroy() {
      destroyed = true;
      for (const chart of charts) chart.destroy();
    },
  };
}

function emptyNote(trends: Trends) {
  return trends.series.some((s) => s.points.some((p) => p.meanFailureProbability !== null))
    ? null
    : notice(
        'empty',
        'No scored readings in this range yet (the daily rollups are built from the hourly aggregates).',
      );
}

/**
 * Per series three datasets: the highest probability filled down to the lowest (Chart.js fill '+1', the next
 * dataset), the lowest, and the mean on top. Only the means are in the legend.
 */
function bandChart(trends: Trends) {
  // Named series keep the colour of their place among the named ones (as on the asset dashboard); "(none)" is grey.
  const named = trends.series.filter((s) => s.key !== NONE_KEY);
  const datasets = trends.series.flatMap((series) => {
    const i = series.key === NONE_KEY ? SERIES_COLOURS.length - 1 : named.indexOf(series);
    const band = trendBand(series);
    const line = { pointRadius: 0, borderWidth: 0, tension: 0.2 };
    return [
      {
        ...line,
        label: `${band.label} max`,
        data: [...band.max],
        fill: '+1',
        backgroundColor: seriesColour(i, 0.15),
        borderColor: seriesColour(i, 0.15),
      },
      {
        ...line,
        label: `${band.label} min`,
        data: [...band.min],
        fill: false,
        borderColor: seriesColour(i, 0.15),
      },
      {
        label: band.label,
        data: [...band.mean],
        fill: false,
        borderColor: seriesColour(i),
        backgroundColor: seriesColour(i),
        borderWidth: 2,
        pointRadius: 3,
        tension: 0.2,
      },
    ];
  });
  return {
    type: 'line' as const,
    data: { datasets },
    options: {
      parsing: false as const,
      scales: { x: timeAxis('Week (UTC, from Monday)'), y: probabilityAxis() },
      plugins: {
        legend: {
          position: 'bottom' as const,
          // Datasets come in threes (max, min, mean): the legend names the mean lines only.
          labels: { filter: (item: { datasetIndex?: number }) => (item.datasetIndex ?? 0) % 3 === 2 },
        },
      },
    },
  };
}
