import type {
  Asset,
  Episode,
  EpisodeList,
  LiveReadingEvent,
  PredictResponse,
  ReadingsPage,
  StoredReading,
} from '../../../src/schemas/route-schemas.js';
import { ApiError, errorMessage } from '../api-client.js';
import { createChart, probabilityAxis, timeAxis, valueAxis, type Chart } from '../charts.js';
import { h, replaceChildren } from '../dom.js';
import { formatNumber, formatProbability, formatUtc } from '../format.js';
import { RISK_COLOURS, riskBand } from '../risk-band.js';
import { routeHash } from '../router.js';
import { throttle, type View, type ViewContext } from '../view.js';
import { card, cell, chartBox, notice, riskBadge, table } from '../widgets.js';

/** Time ranges offered, ending at the asset's latest reading. */
const RANGES = [
  { label: '1 h', ms: 3_600_000 },
  { label: '6 h', ms: 6 * 3_600_000 },
  { label: '24 h', ms: 24 * 3_600_000 },
  { label: '7 d', ms: 7 * 24 * 3_600_000 },
] as const;
const MAX_POINTS = 400;
/** Live points kept per series; older ones scroll out. */
const MAX_SERIES_POINTS = 2_000;
const EXPLAIN_REFRESH_MS = 2_000;

interface Point {
  x: number;
  y: number;
}

/** The series drawn for an asset, one array per line. */
interface Series {
  air: Point[];
  process: Point[];
  speed: Point[];
  torque: Point[];
  wear: Point[];
  probability: Point[];
}

/** Feature names of the model (libs/sql FEATURE_NAMES) as shown to people, with units. */
const FEATURE_LABELS: Readonly<Record<string, string>> = {
  airTemperatureK: 'Air temperature (K)',
  processTemperatureK: 'Process temperature (K)',
  rotationalSpeedRpm: 'Rotational speed (rpm)',
  torqueNm: 'Torque (Nm)',
  toolWearMin: 'Tool wear (min)',
  powerW: 'Power (W)',
  temperatureDifferenceK: 'Process − air temperature (K)',
  overstrainRatio: 'Overstrain (share of the type limit)',
  assetTypeCode: 'Asset type (L / M / H)',
};

/** Asset detail: live measures, failure probability over time, and the model's explanation of the latest reading. */
export function assetView(ctx: ViewContext, assetId: string): View {
  const header = h('div', { class: 'asset-header' }, notice('loading', `Loading ${assetId}…`));
  const rangeButtons = h('div', { class: 'segmented', attrs: { role: 'group', 'aria-label': 'Time range' } });
  const rangeNote = h('p', { class: 'muted small' }, '');
  const temperature = chartBox('temperature', 'Air and process temperature in kelvin over time', 240);
  const speed = chartBox('speed', 'Rotational speed in rpm over time', 240);
  const torque = chartBox('torque', 'Torque in newton metres over time', 240);
  const wear = chartBox('tool-wear', 'Tool wear in minutes over time', 240);
  const probability = chartBox('failure-probability', 'Failure probability over time', 260);
  const explanationBody = h(
    'div',
    { class: 'explanation' },
    notice('loading', 'Waiting for the latest reading…'),
  );
  const element = h(
    'div',
    { class: 'page', data: { page: 'asset', assetId, liveReadings: '0' } },
    h(
      'div',
      { class: 'page-title' },
      h('h1', {}, h('a', { class: 'crumb', attrs: { href: '#/fleet' } }, 'Fleet'), ' / ', assetId),
      h('div', { class: 'toolbar' }, rangeNote, rangeButtons),
    ),
    header,
    h(
      'div',
      { class: 'grid-2' },
      card('Temperatures', 'Air and process temperature, kelvin', temperature.box),
      card('Rotational speed', 'Spindle speed, revolutions per minute', speed.box),
      card('Torque', 'Newton metres', torque.box),
      card('Tool wear', 'Cumulative minutes of cutting', wear.box),
    ),
    h(
      'div',
      { class: 'grid-2-1' },
      card(
        'Probability of failure',
        'From the model that scored each reading; shaded: elevated ≥ 60 %, high ≥ 90 %',
        probability.box,
      ),
      card('Why this probability', 'The active model explains the latest reading', explanationBody),
    ),
  );

  const series: Series = { air: [], process: [], speed: [], torque: [], wear: [], probability: [] };
  const line = (label: string, data: Point[], colour: string) => ({
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 1.5,
    pointRadius: 0,
    pointHitRadius: 6,
    tension: 0.2,
  });
  const lineOptions = (yTitle: string, legend: boolean) => ({
    parsing: false as const,
    normalized: true,
    interaction: { mode: 'nearest' as const, axis: 'x' as const, intersect: false },
    scales: { x: timeAxis(), y: valueAxis(yTitle) },
    plugins: { legend: { display: legend, position: 'bottom' as const } },
  });
  const charts: Chart[] = [
    createChart(temperature.canvas, {
      type: 'line',
      data: {
        datasets: [
          line('Air temperature (K)', series.air, '#2f6fdf'),
          line('Process temperature (K)', series.process, '#e0582b'),
        ],
      },
      options: lineOptions('Temperature (K)', true),
    }),
    createChart(speed.canvas, {
      type: 'line',
      data: { datasets: [line('Rotational speed (rpm)', series.speed, '#6a4fc9')] },
      options: lineOptions('Speed (rpm)', false),
    }),
    createChart(torque.canvas, {
      type: 'line',
      data: { datasets: [line('Torque (Nm)', series.torque, '#0f8b8d')] },
      options: lineOptions('Torque (Nm)', false),
    }),
    createChart(wear.canvas, {
      type: 'line',
      data: { datasets: [line('Tool wear (min)', series.wear, '#7a5c2e')] },
      options: lineOptions('Tool wear (min)', false),
    }),
    createChart(probability.canvas, {
      type: 'line',
      data: { datasets: [{ ...line('Failure probability', series.probability, '#b42318'), stepped: false }] },
      options: {
        ...lineOptions('Failure probability', false),
        scales: { x: timeAxis(), y: probabilityAxis('Failure probability (%)') },
        plugins: { legend: { display: false }, riskBands: { enabled: true } },
      },
    }),
  ];

  let asset: Asset | undefined;
  /** Open alert episode: undefined until asked, null when there is none. */
  let openEpisode: Episode | null | undefined;
  let episodeError: string | undefined;
  let rangeMs: number = RANGES[2].ms;
  let latest: StoredReading | undefined;
  let liveReadings = 0;
  let destroyed = false;
  let loadGeneration = 0;

  function renderRangeButtons(): void {
    replaceChildren(
      rangeButtons,
      ...RANGES.map((range) =>
        h(
          'button',
          {
            class: range.ms === rangeMs ? 'active' : '',
            attrs: { type: 'button', 'aria-pressed': String(range.ms === rangeMs) },
            onClick: () => {
              rangeMs = range.ms;
              renderRangeButtons();
              void loadReadings();
            },
          },
          range.label,
        ),
      ),
    );
  }

  function renderHeader(): void {
    if (asset === undefined) return;
    const probabilityNow = latest?.failureProbability ?? asset.failureProbability;
    const band = riskBand(probabilityNow);
    replaceChildren(
      header,
      h(
        'div',
        { class: `asset-summary band-${band}` },
        fact('Failure probability', riskBadge(probabilityNow, band)),
        fact('Type', asset.assetType),
        fact('Site / line', `${asset.siteId ?? '—'} / ${asset.lineId ?? '—'}`),
        fact('Last reading', formatUtc(latest?.recordedAt ?? asset.lastSeenAt)),
        fact('Status', asset.isOperating || liveReadings > 0 ? 'Operating' : 'Idle'),
        fact('Alert', episodeFact()),
        fact(
          'Hourly aggregates',
          h('a', { attrs: { href: routeHash({ name: 'aggregates', assetId, siteId: undefined }) } }, 'Open'),
        ),
      ),
    );
  }

  /** The asset's open alert episode, if any, linking to the alerts page. */
  function episodeFact(): HTMLElement | string {
    if (episodeError !== undefined) return h('span', { attrs: { title: episodeError } }, 'unavailable');
    if (openEpisode === undefined) return '…';
    if (openEpisode === null) return 'none open';
    return h(
      'a',
      {
        attrs: { href: routeHash({ name: 'alerts', status: 'open' }) },
        data: { episodeId: openEpisode.episodeId },
      },
      `${openEpisode.band} since ${formatUtc(openEpisode.openedAt)}, peak ${formatProbability(openEpisode.peakProbability)}`,
    );
  }

  async function loadEpisode(): Promise<void> {
    try {
      const list = await ctx.api.get<EpisodeList>('/api/v1/alert-episodes', {
        assetId,
        state: 'open',
        limit: 1,
      });
      if (destroyed) return;
      openEpisode = list.items[0] ?? null;
      renderHeader();
    } catch (err: unknown) {
      if (destroyed) return;
      episodeError = `Alert episodes could not be loaded: ${errorMessage(err)}`;
      renderHeader();
    }
  }

  async function loadAsset(): Promise<void> {
    try {
      asset = await ctx.api.get<Asset>(`/api/v1/assets/${encodeURIComponent(assetId)}`);
      if (destroyed) return;
      void loadEpisode();
      latest = asset.latestReading ?? undefined;
      renderHeader();
      await loadReadings();
      if (latest !== undefined) await explain(latest);
    } catch (err: unknown) {
      if (destroyed) return;
      const text =
        err instanceof ApiError && err.status === 404
          ? `No asset ${assetId}.`
          : `Asset could not be loaded: ${errorMessage(err)}`;
      replaceChildren(header, notice('error', text));
    }
  }

  async function loadReadings(): Promise<void> {
    if (asset === undefined) return;
    const generation = ++loadGeneration;
    const end = Math.max(asset.lastSeenAt, latest?.recordedAt ?? 0) + 1;
    const from = end - rangeMs;
    const to = Math.max(end, Date.now()) + 60_000;
    try {
      const page = await ctx.api.get<ReadingsPage>(`/api/v1/assets/${encodeURIComponent(assetId)}/readings`, {
        from,
        to,
        maxPoints: MAX_POINTS,
        limit: 5000,
      });
      if (destroyed || generation !== loadGeneration) return;
      fillSeries(page);
      rangeNote.textContent = page.downsampled
        ? `${formatNumber(page.total, 0)} readings in range, drawn as ${String(page.buckets.length)} buckets of ${formatNumber((page.bucketMs ?? 0) / 60_000, 1)} min (mean); new readings are added live.`
        : `${formatNumber(page.total, 0)} readings in range; new readings are added live.`;
      for (const chart of charts) chart.update();
    } catch (err: unknown) {
      if (!destroyed) rangeNote.textContent = `Readings could not be loaded: ${errorMessage(err)}`;
    }
  }

  function fillSeries(page: ReadingsPage): void {
    for (const points of Object.values(series) as Point[][]) points.length = 0;
    if (page.downsampled) {
      for (const b of page.buckets) {
        const x = b.bucketStart;
        series.air.push({ x, y: b.airTemperatureK.mean });
        series.process.push({ x, y: b.processTemperatureK.mean });
        series.speed.push({ x, y: b.rotationalSpeedRpm.mean });
        series.torque.push({ x, y: b.torqueNm.mean });
        series.wear.push({ x, y: b.toolWearMin.max });
        if (b.maxFailureProbability !== null) series.probability.push({ x, y: b.maxFailureProbability });
      }
    } else {
      for (const reading of page.readings) addReading(reading);
    }
  }

  function addReading(reading: StoredReading): void {
    const x = reading.recordedAt;
    const push = (points: Point[], y: number) => {
      const last = points.at(-1);
      if (last !== undefined && last.x >= x) return; // already drawn (the feed repeats the latest reading)
      points.push({ x, y });
      if (points.length > MAX_SERIES_POINTS) points.shift();
    };
    push(series.air, reading.airTemperatureK);
    push(series.process, reading.processTemperatureK);
    push(series.speed, reading.rotationalSpeedRpm);
    push(series.torque, reading.torqueNm);
    push(series.wear, reading.toolWearMin);
    if (reading.failureProbability !== null) push(series.probability, reading.failureProbability);
  }

  async function explain(reading: StoredReading): Promise<void> {
    if (asset === undefined) return;
    try {
      const response = await ctx.api.post<PredictResponse>('/api/v1/predict', {
        readings: [
          {
            recordedAt: reading.recordedAt,
            assetId,
            assetType: asset.assetType,
            ...(asset.siteId === null ? {} : { siteId: asset.siteId }),
            ...(asset.lineId === null ? {} : { lineId: asset.lineId }),
            airTemperatureK: reading.airTemperatureK,
            processTemperatureK: reading.processTemperatureK,
            rotationalSpeedRpm: reading.rotationalSpeedRpm,
            torqueNm: reading.torqueNm,
            toolWearMin: reading.toolWearMin,
          },
        ],
      });
      if (!destroyed) renderExplanation(response, reading);
    } catch (err: unknown) {
      if (destroyed) return;
      const text =
        err instanceof ApiError && err.status === 503
          ? 'No active model: train and activate one to see explanations.'
          : `The explanation could not be loaded: ${errorMessage(err)}`;
      replaceChildren(explanationBody, notice('error', text));
    }
  }

  let contributionChart: Chart | undefined;
  function renderExplanation(response: PredictResponse, reading: StoredReading): void {
    const prediction = response.predictions[0];
    if (prediction === undefined) return;
    const drivers = prediction.contributions.slice(0, 6);
    const { box, canvas } = chartBox(
      'explanation',
      'Feature contributions to the failure log-odds',
      Math.max(140, drivers.length * 34 + 50),
    );
    contributionChart?.destroy();
    const contributions = table(
      ['Feature', { label: 'Value', numeric: true }, { label: 'Effect (log-odds)', numeric: true }],
      'explanation',
    );
    for (const d of drivers) {
      contributions.body.append(
        h(
          'tr',
          {},
          cell(FEATURE_LABELS[d.feature] ?? d.feature),
          cell(formatNumber(d.value, Math.abs(d.value) >= 100 ? 0 : 1), true),
          cell(
            h(
              'span',
              { class: d.contribution > 0 ? 'up' : 'down' },
              `${d.contribution > 0 ? '+' : ''}${formatNumber(d.contribution, 2)}`,
            ),
            true,
          ),
        ),
      );
    }
    replaceChildren(
      explanationBody,
      h(
        'div',
        { class: 'explanation-head', data: { modelId: String(response.modelId) } },
        riskBadge(prediction.failureProbability, prediction.riskBand),
        h(
          'div',
          {},
          h(
            'div',
            { class: 'strong' },
            prediction.predictedFailure ? 'Failure predicted' : 'No failure predicted',
          ),
          h(
            'div',
            { class: 'muted small' },
            `${response.modelName} v${String(response.modelVersion)} · threshold ${formatProbability(response.decisionThreshold)} · reading of ${formatUtc(reading.recordedAt)}`,
          ),
          prediction.modes.length > 0 &&
            h(
              'div',
              { class: 'modes' },
              'Points to: ',
              ...prediction.modes.map((m) => h('span', { class: 'chip' }, modeLabel(m))),
            ),
        ),
      ),
      box,
      contributions.table,
    );
    contributionChart = createChart(canvas, {
      type: 'bar',
      data: {
        labels: drivers.map((d) => FEATURE_LABELS[d.feature] ?? d.feature),
        datasets: [
          {
            label: 'Contribution to failure log-odds',
            data: drivers.map((d) => d.contribution),
            backgroundColor: drivers.map((d) =>
              d.contribution > 0 ? RISK_COLOURS.high : RISK_COLOURS.normal,
            ),
            borderRadius: 3,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: { title: { display: true, text: 'Effect on failure log-odds (> 0 raises risk)' } },
          y: { grid: { display: false } },
        },
        plugins: { legend: { display: false } },
      },
    });
  }

  const refreshExplanation = throttle(() => {
    if (latest !== undefined) void explain(latest);
  }, EXPLAIN_REFRESH_MS);
  const redraw = throttle(() => {
    for (const chart of charts) chart.update();
  }, 200);

  const unsubscribe = ctx.live.on('reading', (data) => {
    const event = data as LiveReadingEvent;
    if (event.assetId !== assetId) return;
    if (latest !== undefined && event.reading.recordedAt <= latest.recordedAt) return;
    latest = event.reading;
    liveReadings += 1;
    element.dataset['liveReadings'] = String(liveReadings);
    addReading(event.reading);
    renderHeader();
    redraw.run();
    refreshExplanation.run();
  });

  renderRangeButtons();
  void loadAsset();

  return {
    element,
    destroy() {
      destroyed = true;
      unsubscribe();
      redraw.cancel();
      refreshExplanation.cancel();
      for (const chart of charts) chart.destroy();
      contributionChart?.destroy();
    },
  };
}

function fact(label: string, value: Node | string): HTMLElement {
  return h(
    'div',
    { class: 'fact' },
    h('div', { class: 'fact-label' }, label),
    h('div', { class: 'fact-value' }, value),
  );
}

const MODE_LABELS: Readonly<Record<string, string>> = {
  TWF: 'Tool wear failure',
  HDF: 'Heat dissipation failure',
  PWF: 'Power failure',
  OSF: 'Overstrain failure',
  RNF: 'Random failure',
};

function modeLabel(mode: string): string {
  return MODE_LABELS[mode.toUpperCase()] ?? mode;
}
