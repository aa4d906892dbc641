import type {
  Asset,
  AssetList,
  Kpis,
  LiveReadingEvent,
  RiskGroup,
} from '../../../src/schemas/route-schemas.js';
import { errorMessage } from '../api-client.js';
import { createChart, type Chart } from '../charts.js';
import { h, replaceChildren } from '../dom.js';
import { formatAge, formatMinutes, formatNumber, formatProbability, formatUtc } from '../format.js';
import { ELEVATED_TEXT, HIGH_TEXT, RISK_COLOURS, RISK_LABELS, riskBand } from '../risk-band.js';
import { throttle, type View, type ViewContext } from '../view.js';
import { card, cell, chartBox, kpiTile, notice, noticeRow, riskBadge, table } from '../widgets.js';

/** Assets fetched for the overview; a fleet larger than this shows its riskiest assets from the first pages. */
const MAX_ASSET_PAGES = 5;
const AT_RISK_ROWS = 15;
const KPI_REFRESH_MS = 3_000;

/** Fleet overview: KPI tiles, risk by asset type and by site, the assets at risk; updated live. */
export function fleetView(ctx: ViewContext): View {
  const tiles = h('div', { class: 'tiles' }, notice('loading', 'Loading fleet figures…'));
  const asOf = h('span', {}, '');
  const byType = chartBox('risk-by-type', 'Assets per risk band by asset type', 240);
  const bySite = chartBox('risk-by-site', 'Assets per risk band by site', 240);
  const atRisk = table(
    [
      'Asset',
      'Type',
      'Site / line',
      { label: 'Failure probability', numeric: true },
      { label: 'Torque (Nm)', numeric: true },
      { label: 'Tool wear (min)', numeric: true },
      { label: 'Process temp. (K)', numeric: true },
      { label: 'Last reading', numeric: true },
    ],
    'assets-at-risk',
  );
  const atRiskNote = h('span', {}, 'Highest failure probability first (latest reading of each asset)');
  const atRiskBox = h('div', { class: 'table-scroll' }, atRisk.table);
  const element = h(
    'div',
    { class: 'page', data: { page: 'fleet' } },
    h('div', { class: 'page-title' }, h('h1', {}, 'Fleet overview'), h('p', { class: 'muted' }, asOf)),
    tiles,
    h(
      'div',
      { class: 'grid-2' },
      card(
        'Failure risk by asset type',
        'Assets per risk band, by product quality variant L / M / H',
        byType.box,
      ),
      card('Failure risk by site', 'Assets per risk band, by plant', bySite.box),
    ),
    card('Assets at risk', atRiskNote, atRiskBox),
  );

  const charts: Chart[] = [
    createChart(byType.canvas, riskChartConfig('Asset type')),
    createChart(bySite.canvas, riskChartConfig('Site')),
  ];
  const assets = new Map<string, Asset>();
  let destroyed = false;

  async function loadKpis(): Promise<void> {
    try {
      const kpis = await ctx.api.get<Kpis>('/api/v1/kpis');
      if (destroyed) return;
      renderKpis(kpis);
    } catch (err: unknown) {
      if (!destroyed)
        replaceChildren(tiles, notice('error', `KPIs could not be loaded: ${errorMessage(err)}`));
    }
  }

  function renderKpis(kpis: Kpis): void {
    asOf.textContent = `As of ${formatUtc(kpis.asOf)} · ${String(kpis.assets)} assets registered`;
    replaceChildren(
      tiles,
      kpiTile('Operating assets', `${String(kpis.operatingAssets)} / ${String(kpis.assets)}`, {
        id: 'operating-assets',
        note: `reading within ${formatMinutes(kpis.operatingWindowMs, 0)}`,
      }),
      kpiTile('Readings per second', formatNumber(kpis.readingsPerSecond, 1, '/s'), {
        id: 'readings-per-second',
        note: 'over the last 60 s',
      }),
      kpiTile('Mean failure probability', formatProbability(kpis.meanFailureProbability), {
        id: 'mean-probability',
        tone: riskBand(kpis.meanFailureProbability),
        note: 'latest reading per asset',
      }),
      kpiTile('Assets at elevated risk', String(kpis.above0_6), {
        id: 'above-0-6',
        tone: kpis.above0_6 > 0 ? 'elevated' : 'normal',
        note: `probability ${ELEVATED_TEXT}`,
      }),
      kpiTile('Assets at high risk', String(kpis.above0_9), {
        id: 'above-0-9',
        tone: kpis.above0_9 > 0 ? 'high' : 'normal',
        note: `probability ${HIGH_TEXT}`,
      }),
      kpiTile('Air temperature', formatNumber(kpis.meanAirTemperatureK, 1, 'K'), {
        id: 'air-temperature',
        note: 'fleet mean',
      }),
      kpiTile('Process temperature', formatNumber(kpis.meanProcessTemperatureK, 1, 'K'), {
        id: 'process-temperature',
        note: 'fleet mean',
      }),
      kpiTile('Torque', formatNumber(kpis.meanTorqueNm, 1, 'Nm'), { id: 'torque', note: 'fleet mean' }),
      kpiTile('Tool wear', formatNumber(kpis.meanToolWearMin, 0, 'min'), {
        id: 'tool-wear',
        note: 'fleet mean',
      }),
    );
    setRiskGroups(charts[0], kpis.riskByType, (key) => `Type ${key}`);
    setRiskGroups(charts[1], kpis.riskBySite, (key) => key);
  }

  async function loadAssets(): Promise<void> {
    replaceChildren(atRisk.body, noticeRow(8, 'loading', 'Loading assets…'));
    try {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_ASSET_PAGES; page += 1) {
        const list: AssetList = await ctx.api.get<AssetList>('/api/v1/assets', { limit: 1000, cursor });
        for (const asset of list.items) assets.set(asset.assetId, asset);
        if (list.nextCursor === null) break;
        cursor = list.nextCursor;
      }
      if (!destroyed) renderAtRisk();
    } catch (err: unknown) {
      if (!destroyed) {
        replaceChildren(
          atRisk.body,
          noticeRow(8, 'error', `Assets could not be loaded: ${errorMessage(err)}`),
        );
      }
    }
  }

  function renderAtRisk(): void {
    const now = Date.now();
    const ranked = [...assets.values()]
      .sort((a, b) => (b.failureProbability ?? -1) - (a.failureProbability ?? -1))
      .slice(0, AT_RISK_ROWS);
    if (ranked.length === 0) {
      replaceChildren(atRisk.body, noticeRow(8, 'empty', 'No assets yet.'));
      return;
    }
    replaceChildren(
      atRisk.body,
      ...ranked.map((asset) =>
        h(
          'tr',
          { class: `row-${asset.riskBand}`, data: { assetId: asset.assetId } },
          cell(h('a', { attrs: { href: `#/assets/${encodeURIComponent(asset.assetId)}` } }, asset.assetId)),
          cell(asset.assetType),
          cell([asset.siteId ?? '—', asset.lineId ?? '—'].join(' / ')),
          cell(riskBadge(asset.failureProbability, asset.riskBand), true),
          cell(formatNumber(asset.latestReading?.torqueNm, 1), true),
          cell(formatNumber(asset.latestReading?.toolWearMin, 0), true),
          cell(formatNumber(asset.latestReading?.processTemperatureK, 1), true),
          cell(
            h('span', { attrs: { title: formatUtc(asset.lastSeenAt) } }, formatAge(asset.lastSeenAt, now)),
            true,
          ),
        ),
      ),
    );
  }

  const refreshKpis = throttle(() => void loadKpis(), KPI_REFRESH_MS);
  const rerenderTable = throttle(renderAtRisk, 250);
  const unsubscribe = ctx.live.on('reading', (data) => {
    const event = data as LiveReadingEvent;
    const known = assets.get(event.assetId);
    assets.set(event.assetId, {
      assetId: event.assetId,
      assetType: event.assetType,
      siteId: event.siteId,
      lineId: event.lineId,
      firstSeenAt: known?.firstSeenAt ?? event.reading.recordedAt,
      lastSeenAt: Math.max(known?.lastSeenAt ?? 0, event.reading.recordedAt),
      isOperating: true,
      failureProbability: event.reading.failureProbability,
      riskBand: event.riskBand,
      latestReading: event.reading,
    });
    rerenderTable.run();
    refreshKpis.run();
  });

  void loadKpis();
  void loadAssets();

  return {
    element,
    destroy() {
      destroyed = true;
      unsubscribe();
      refreshKpis.cancel();
      rerenderTable.cancel();
      for (const chart of charts) chart.destroy();
    },
  };
}

function riskChartConfig(axisTitle: string) {
  const dataset = (band: 'normal' | 'elevated' | 'high') => ({
    label: RISK_LABELS[band],
    data: [] as number[],
    backgroundColor: RISK_COLOURS[band],
    borderRadius: 3,
    maxBarThickness: 56,
  });
  return {
    type: 'bar' as const,
    data: { labels: [] as string[], datasets: [dataset('normal'), dataset('elevated'), dataset('high')] },
    options: {
      scales: {
        x: { stacked: true, title: { display: true, text: axisTitle }, grid: { display: false } },
        y: {
          stacked: true,
          beginAtZero: true,
          title: { display: true, text: 'Assets' },
          ticks: { precision: 0 },
        },
      },
      plugins: { legend: { position: 'bottom' as const } },
    },
  };
}

/** Asset types in their order of quality (L, M, H); other keys (sites) alphabetically after them. */
function groupOrder(key: string): number {
  const index = ['L', 'M', 'H'].indexOf(key);
  return index === -1 ? 3 : index;
}

/** Splits each group into normal / elevated / high counts (above0_6 includes above0_9). */
function setRiskGroups(
  chart: Chart | undefined,
  groups: readonly RiskGroup[],
  label: (key: string) => string,
): void {
  if (chart === undefined) return;
  const sorted = [...groups].sort(
    (a, b) => groupOrder(a.key) - groupOrder(b.key) || a.key.localeCompare(b.key),
  );
  chart.data.labels = sorted.map((g) => label(g.key));
  const [normal, elevated, high] = chart.data.datasets;
  if (normal === undefined || elevated === undefined || high === undefined) return;
  normal.data = sorted.map((g) => g.assets - g.above0_6);
  elevated.data = sorted.map((g) => g.above0_6 - g.above0_9);
  high.data = sorted.map((g) => g.above0_9);
  chart.update();
}
