import type { Asset, PredictResponse, StoredReading } from '../../../../src/schemas/route-schemas.js';
import { ApiError, errorMessage, type ApiClient } from '../../api-client.js';
import { createChart, type Chart } from '../../charts.js';
import { h, replaceChildren } from '../../dom.js';
import { formatNumber, formatProbability, formatUtc } from '../../format.js';
import { failureModeLabel, featureLabel } from '../../labels.js';
import { RISK_COLOURS } from '../../risk-band.js';
import { cell, chartBox, notice, riskBadge, table } from '../../widgets.js';

/** Contributions shown: the largest few (the API sorts them by |contribution|). */
const MAX_DRIVERS = 6;

/** "Why this probability": the active model's prediction for one reading, with the features that drove it. */
export interface ExplanationPanel {
  readonly element: HTMLElement;
  /** Asks the API to explain `reading` and shows the answer (or why there is none). */
  explain(asset: Asset, reading: StoredReading): Promise<void>;
  destroy(): void;
}

/**
 * The body of `POST /api/v1/predict` for one stored reading of `asset`. Not typed as the route's `PredictBody`:
 * `Asset.assetType` is a plain string in the API's answer, and the route validates the body anyway.
 */
export function predictBody(assetId: string, asset: Asset, reading: StoredReading) {
  return {
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
  };
}

/** Creates the panel; it waits for the first `explain`. */
export function createExplanationPanel(api: ApiClient, assetId: string): ExplanationPanel {
  const element = h('div', { class: 'explanation' }, notice('loading', 'Waiting for the latest reading…'));
  let chart: Chart | undefined;
  let destroyed = false;

  function render(response: PredictResponse, reading: StoredReading): void {
    const prediction = response.predictions[0];
    if (prediction === undefined) return;
    const drivers = prediction.contributions.slice(0, MAX_DRIVERS);
    const { box, canvas } = chartBox(
      'explanation',
      'Feature contributions to the failure log-odds',
      Math.max(140, drivers.length * 34 + 50),
    );
    chart?.destroy();
    const contributions = table(
      ['Feature', { label: 'Value', numeric: true }, { label: 'Effect (log-odds)', numeric: true }],
      'explanation',
    );
    for (const d of drivers) {
      contributions.body.append(
        h(
          'tr',
          {},
          cell(featureLabel(d.feature)),
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
      element,
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
              ...prediction.modes.map((m) => h('span', { class: 'chip' }, failureModeLabel(m))),
            ),
        ),
      ),
      box,
      contributions.table,
    );
    chart = createChart(canvas, {
      type: 'bar',
      data: {
        labels: drivers.map((d) => featureLabel(d.feature)),
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

  return {
    element,
    async explain(asset, reading) {
      try {
        const response = await api.post<PredictResponse>(
          '/api/v1/predict',
          predictBody(assetId, asset, reading),
        );
        if (!destroyed) render(response, reading);
      } catch (err: unknown) {
        if (destroyed) return;
        const text =
          err instanceof ApiError && err.status === 503
            ? 'No active model: train and activate one to see explanations.'
            : `The explanation could not be loaded: ${errorMessage(err)}`;
        replaceChildren(element, notice('error', text));
      }
    },
    destroy() {
      destroyed = true;
      chart?.destroy();
    },
  };
}
