import type {
  Asset,
  EpisodeList,
  LiveReadingEvent,
  ReadingsPage,
  StoredReading,
} from '../../../src/schemas/route-schemas.js';
import { ApiError, errorMessage } from '../api-client.js';
import { h } from '../dom.js';
import { throttle, type View, type ViewContext } from '../view.js';
import { card } from '../widgets.js';
import {
  addReading,
  createAssetSeries,
  describeReadingsPage,
  fillSeries,
  readingsWindow,
} from './asset/asset-series.js';
import { createAssetSummary, type EpisodeFact } from './asset/asset-summary.js';
import { createExplanationPanel } from './asset/explanation-panel.js';
import { createMeasureCharts } from './asset/measure-charts.js';
import { createRangePicker } from './asset/range-picker.js';
import { createAssetWorkOrders } from './asset/asset-work-orders.js';

/** Points the API may draw a range with; more readings than this come as buckets. */
const MAX_POINTS = 400;
const EXPLAIN_REFRESH_MS = 2_000;
const REDRAW_MS = 200;

/**
 * Asset detail: live measures, failure probability over time, and the model's explanation of the latest reading.
 * Composes the summary, the range picker, the charts and the explanation panel (views/asset/), and feeds them
 * from the API and the live feed.
 */
export function assetView(ctx: ViewContext, assetId: string): View {
  const summary = createAssetSummary(assetId);
  const picker = createRangePicker(() => void loadReadings());
  const rangeNote = h('p', { class: 'muted small' }, '');
  const series = createAssetSeries();
  const charts = createMeasureCharts(series);
  const explanation = createExplanationPanel(ctx.api, assetId);
  const workOrders = createAssetWorkOrders(ctx.api, assetId);
  const element = h(
    'div',
    { class: 'page', data: { page: 'asset', assetId, liveReadings: '0' } },
    h(
      'div',
      { class: 'page-title' },
      h('h1', {}, h('a', { class: 'crumb', attrs: { href: '#/fleet' } }, 'Fleet'), ' / ', assetId),
      h('div', { class: 'toolbar' }, rangeNote, picker.element),
    ),
    summary.element,
    charts.measures,
    h(
      'div',
      { class: 'grid-2-1' },
      charts.probability,
      card('Why this probability', 'The active model explains the latest reading', explanation.element),
    ),
    workOrders.element,
  );

  let asset: Asset | undefined;
  let episode: EpisodeFact = { kind: 'loading' };
  let latest: StoredReading | undefined;
  let liveReadings = 0;
  let destroyed = false;
  /** Counts range loads, so that the answer to an older range never overwrites a newer one. */
  let loadGeneration = 0;

  function renderSummary(): void {
    if (asset !== undefined) summary.render({ asset, latest, liveReadings, episode });
  }

  async function loadEpisode(): Promise<void> {
    try {
      const list = await ctx.api.get<EpisodeList>('/api/v1/alert-episodes', {
        assetId,
        state: 'open',
        limit: 1,
      });
      const open = list.items[0];
      episode = open === undefined ? { kind: 'none' } : { kind: 'open', episode: open };
    } catch (err: unknown) {
      episode = { kind: 'error', message: `Alert episodes could not be loaded: ${errorMessage(err)}` };
    }
    if (!destroyed) renderSummary();
  }

  async function loadAsset(): Promise<void> {
    try {
      asset = await ctx.api.get<Asset>(`/api/v1/assets/${encodeURIComponent(assetId)}`);
      if (destroyed) return;
      void loadEpisode();
      void workOrders.load();
      latest = asset.latestReading ?? undefined;
      renderSummary();
      await loadReadings();
      if (latest !== undefined) await explanation.explain(asset, latest);
    } catch (err: unknown) {
      if (destroyed) return;
      summary.fail(
        err instanceof ApiError && err.status === 404
          ? `No asset ${assetId}.`
          : `Asset could not be loaded: ${errorMessage(err)}`,
      );
    }
  }

  async function loadReadings(): Promise<void> {
    if (asset === undefined) return;
    const generation = ++loadGeneration;
    const latestAtMs = Math.max(asset.lastSeenAt, latest?.recordedAt ?? 0);
    try {
      const page = await ctx.api.get<ReadingsPage>(`/api/v1/assets/${encodeURIComponent(assetId)}/readings`, {
        ...readingsWindow(latestAtMs, picker.rangeMs, Date.now()),
        maxPoints: MAX_POINTS,
        limit: 5000,
      });
      if (destroyed || generation !== loadGeneration) return;
      fillSeries(series, page);
      rangeNote.textContent = describeReadingsPage(page);
      charts.update();
    } catch (err: unknown) {
      if (!destroyed) rangeNote.textContent = `Readings could not be loaded: ${errorMessage(err)}`;
    }
  }

  const refreshExplanation = throttle(() => {
    if (asset !== undefined && latest !== undefined) void explanation.explain(asset, latest);
  }, EXPLAIN_REFRESH_MS);
  const redraw = throttle(() => charts.update(), REDRAW_MS);

  const unsubscribe = ctx.live.on('reading', (data) => {
    const event = data as LiveReadingEvent;
    if (event.assetId !== assetId) return;
    if (latest !== undefined && event.reading.recordedAt <= latest.recordedAt) return;
    latest = event.reading;
    liveReadings += 1;
    element.dataset['liveReadings'] = String(liveReadings);
    addReading(series, event.reading);
    renderSummary();
    redraw.run();
    refreshExplanation.run();
  });

  void loadAsset();

  return {
    element,
    destroy() {
      destroyed = true;
      unsubscribe();
      redraw.cancel();
      refreshExplanation.cancel();
      charts.destroy();
      explanation.destroy();
    },
  };
}
