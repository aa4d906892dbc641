import type { EndOfLifeGroupBody, FleetEndOfLife, Kpis } from '../../../src/schemas/route-schemas.js';
import { errorMessage } from '../api-client.js';
import { createChart, type Chart } from '../charts.js';
import { h, replaceChildren } from '../dom.js';
import { formatMinutes, formatNumber, formatUtc } from '../format.js';
import {
  END_OF_LIFE_BUCKET_LABELS,
  endOfLifeBuckets,
  type EndOfLifeBuckets,
} from '../planning/end-of-life-buckets.js';
import { installYearMatrix } from '../planning/install-year-matrix.js';
import { seriesColour } from '../planning/trend-band.js';
import { RISK_COLOURS } from '../risk-band.js';
import type { View, ViewContext } from '../view.js';
import { card, cell, chartBox, kpiTile, notice, noticeRow, table } from '../widgets.js';

/** Colours of the end-of-life buckets: red (past) through amber to green (far off). */
const BUCKET_COLOURS: Readonly<Record<keyof EndOfLifeBuckets, string>> = {
  past: RISK_COLOURS.high,
  upTo6: '#e06c00',
  from6To12: RISK_COLOURS.elevated,
  from12To24: '#9bbf3a',
  later: RISK_COLOURS.normal,
};
const BUCKETS = Object.keys(END_OF_LIFE_BUCKET_LABELS) as (keyof EndOfLifeBuckets)[];
const SUMMARY_COLUMNS = 8;

/**
 * Asset dashboard (the workbook's page of that name): operating and registered machines, machines by site and by
 * manufacturer, expected end of life in months by site and by manufacturer, machines per manufacturer and install
 * year. Reads GET /kpis (operating, by site) and GET /fleet/end-of-life (the register): both scale with machines.
 */
export function assetDashboardView(ctx: ViewContext): View {
  const tiles = h('div', { class: 'tiles' }, notice('loading', 'Loading the asset register…'));
  const asOf = h('span', {}, '');
  const bySite = chartBox('assets-by-site', 'Assets by site: reporting and registered', 240);
  const byMaker = chartBox('assets-by-manufacturer', 'Registered machines by manufacturer', 240);
  const eolSite = chartBox('end-of-life-by-site', 'Expected end of life in months, by site', 260);
  const eolMaker = chartBox(
    'end-of-life-by-manufacturer',
    'Expected end of life in months, by manufacturer',
    260,
  );
  const years = chartBox('install-years', 'Machines per manufacturer and install year', 280);
  const summary = table(
    [
      'Group',
      { label: 'Machines', numeric: true },
      { label: 'Mean months left', numeric: true },
      { label: 'Past end of life', numeric: true },
      { label: '≤ 6 months', numeric: true },
      { label: '≤ 12 months', numeric: true },
      { label: '≤ 24 months', numeric: true },
      { label: 'Share ≤ 12 months', numeric: true },
    ],
    'end-of-life-summary',
  );
  replaceChildren(summary.body, noticeRow(SUMMARY_COLUMNS, 'loading', 'Loading…'));
  const element = h(
    'div',
    { class: 'page', data: { page: 'asset-dashboard' } },
    h('div', { class: 'page-title' }, h('h1', {}, 'Asset dashboard'), h('p', { class: 'muted' }, asOf)),
    tiles,
    h(
      'div',
      { class: 'grid-2' },
      card(
        'Assets by site',
        'Reporting (readings) and registered (asset register) machines per plant',
        bySite.box,
      ),
      card('Assets by manufacturer', 'Registered machines per manufacturer', byMaker.box),
    ),
    h(
      'div',
      { class: 'grid-2' },
      card(
        'Expected end of life by site',
        'Machines per months until the end of their service life (install date + expected service life)',
        eolSite.box,
      ),
      card('Expected end of life by manufacturer', 'The same, per manufacturer', eolMaker.box),
    ),
    card(
      'Assets allocated per manufacturer and install year',
      'Registered machines by install year',
      years.box,
    ),
    card(
      'End of life by site and manufacturer',
      'Horizons count machines at or past their end of life within 6, 12 and 24 months (those past included)',
      h('div', { class: 'table-scroll' }, summary.table),
    ),
  );

  const charts: Chart[] = [];
  let destroyed = false;

  async function load(): Promise<void> {
    try {
      const [kpis, eol] = await Promise.all([
        ctx.api.get<Kpis>('/api/v1/kpis'),
        ctx.api.get<FleetEndOfLife>('/api/v1/fleet/end-of-life'),
      ]);
      if (!destroyed) render(kpis, eol);
    } catch (err: unknown) {
      if (destroyed) return;
      const text = `The asset dashboard could not be loaded: ${errorMessage(err)}`;
      replaceChildren(tiles, notice('error', text));
      replaceChildren(summary.body, noticeRow(SUMMARY_COLUMNS, 'error', text));
    }
  }

  function render(kpis: Kpis, eol: FleetEndOfLife): void {
    asOf.textContent = `As of ${formatUtc(eol.asOf)} · ${String(eol.fleet.assets)} machines in the asset register`;
    replaceChildren(
      tiles,
      kpiTile('Operating assets', `${String(kpis.operatingAssets)} / ${String(kpis.assets)}`, {
        id: 'operating-assets',
        note: `reporting within ${formatMinutes(kpis.operatingWindowMs, 0)}`,
      }),
      kpiTile('Registered machines', String(eol.fleet.assets), { id: 'registered', note: 'asset register' }),
      kpiTile('Past end of life', String(eol.fleet.pastEndOfLife), {
        id: 'past-end-of-life',
        tone: eol.fleet.pastEndOfLife > 0 ? 'high' : 'normal',
        note: 'service life used up',
      }),
      kpiTile('End of life within 12 months', String(eol.fleet.within12Months), {
        id: 'within-12-months',
        tone: eol.fleet.within12Months > 0 ? 'elevated' : 'normal',
        note: 'past ones included',
      }),
      kpiTile('Mean months to end of life', formatNumber(eol.fleet.meanMonthsToEndOfLife, 1), {
        id: 'mean-months',
        note: 'registered fleet',
      }),
      kpiTile('Reporting, not registered', String(eol.reportingAssetsWithoutMasterData), {
        id: 'without-register',
        note: 'not counted in the register figures',
      }),
    );
    for (const chart of charts.splice(0)) chart.destroy();
    charts.push(
      createChart(bySite.canvas, siteChart(kpis, eol)),
      createChart(byMaker.canvas, {
        type: 'bar',
        data: {
          labels: eol.byManufacturer.map((g) => g.key),
          datasets: [
            {
              label: 'Registered machines',
              data: eol.byManufacturer.map((g) => g.assets),
              backgroundColor: eol.byManufacturer.map((_, i) => seriesColour(i)),
              borderRadius: 3,
              maxBarThickness: 56,
            },
          ],
        },
        options: countOptions('Manufacturer', false),
      }),
      createChart(eolSite.canvas, endOfLifeChart(eol.bySite, 'Site')),
      createChart(eolMaker.canvas, endOfLifeChart(eol.byManufacturer, 'Manufacturer')),
      createChart(years.canvas, installYearChart(eol)),
    );
    const groups = [
      { kind: 'Fleet', group: eol.fleet },
      ...eol.bySite.map((group) => ({ kind: 'Site', group })),
      ...eol.byManufacturer.map((group) => ({ kind: 'Manufacturer', group })),
    ];
    replaceChildren(
      summary.body,
      ...groups.map(({ kind, group }) =>
        h(
          'tr',
          { data: { group: `${kind.toLowerCase()}:${group.key}` } },
          cell(kind === 'Fleet' ? h('strong', {}, 'Whole fleet') : `${kind} ${group.key}`),
          cell(String(group.assets), true),
          cell(formatNumber(group.meanMonthsToEndOfLife, 1), true),
          cell(String(group.pastEndOfLife), true),
          cell(String(group.within6Months), true),
          cell(String(group.within12Months), true),
          cell(String(group.within24Months), true),
          cell(
            group.assets === 0 ? '—' : `${formatNumber((100 * group.within12Months) / group.assets, 0)} %`,
            true,
          ),
        ),
      ),
    );
  }

  void load();

  return {
    element,
    destroy() {
      destroyed = true;
      for (const chart of charts) chart.destroy();
    },
  };
}

function countOptions(axisTitle: string, stacked: boolean) {
  return {
    scales: {
      x: { stacked, title: { display: true, text: axisTitle }, grid: { display: false } },
      y: { stacked, beginAtZero: true, title: { display: true, text: 'Machines' }, ticks: { precision: 0 } },
    },
    plugins: { legend: { display: stacked, position: 'bottom' as const } },
  };
}

/** Reporting assets per site (GET /kpis) beside registered machines per site (the register, where they stand). */
function siteChart(kpis: Kpis, eol: FleetEndOfLife) {
  const sites = [...new Set([...kpis.riskBySite.map((g) => g.key), ...eol.bySite.map((g) => g.key)])].sort();
  const countOf = (groups: readonly { key: string; assets: number }[], site: string) =>
    groups.find((g) => g.key === site)?.assets ?? 0;
  return {
    type: 'bar' as const,
    data: {
      labels: sites,
      datasets: [
        {
          label: 'Reporting',
          data: sites.map((s) => countOf(kpis.riskBySite, s)),
          backgroundColor: seriesColour(0),
          borderRadius: 3,
          maxBarThickness: 40,
        },
        {
          label: 'Registered',
          data: sites.map((s) => countOf(eol.bySite, s)),
          backgroundColor: seriesColour(1),
          borderRadius: 3,
          maxBarThickness: 40,
        },
      ],
    },
    options: { ...countOptions('Site', false), plugins: { legend: { position: 'bottom' as const } } },
  };
}

/** A stacked bar per group: machines past, within 6, 6–12, 12–24 and beyond 24 months of their end of life. */
function endOfLifeChart(groups: readonly EndOfLifeGroupBody[], axisTitle: string) {
  const buckets = groups.map(endOfLifeBuckets);
  return {
    type: 'bar' as const,
    data: {
      labels: groups.map((g) => g.key),
      datasets: BUCKETS.map((bucket) => ({
        label: END_OF_LIFE_BUCKET_LABELS[bucket],
        data: buckets.map((b) => b[bucket]),
        backgroundColor: BUCKET_COLOURS[bucket],
        maxBarThickness: 56,
      })),
    },
    options: countOptions(axisTitle, true),
  };
}

/** A stacked bar per install year, one colour per manufacturer. */
function installYearChart(eol: FleetEndOfLife) {
  const matrix = installYearMatrix(eol.byManufacturerAndInstallYear);
  return {
    type: 'bar' as const,
    data: {
      labels: matrix.years.map(String),
      datasets: matrix.manufacturers.map((manufacturer, i) => ({
        label: manufacturer,
        data: [...(matrix.counts[i] ?? [])],
        backgroundColor: seriesColour(i),
        maxBarThickness: 40,
      })),
    },
    options: countOptions('Install year', true),
  };
}
