import { createChart, probabilityAxis, timeAxis, valueAxis, type Chart } from '../../charts.js';
import { h } from '../../dom.js';
import { FEATURE_LABELS } from '../../labels.js';
import { ELEVATED_TEXT, HIGH_TEXT } from '../../risk-band.js';
import { card, chartBox } from '../../widgets.js';
import type { AssetSeries, Point } from './asset-series.js';

/** The asset's lines over time: one chart per measure, and the failure probability on the risk bands. */
export interface MeasureCharts {
  /** The four measure cards, two per row. */
  readonly measures: HTMLElement;
  /** The failure-probability card. */
  readonly probability: HTMLElement;
  /** Redraws every chart from the series. */
  update(): void;
  destroy(): void;
}

function line(label: string, data: Point[], colour: string) {
  return {
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 1.5,
    pointRadius: 0,
    pointHitRadius: 6,
    tension: 0.2,
  };
}

function lineOptions(yTitle: string, legend: boolean) {
  return {
    parsing: false as const,
    normalized: true,
    interaction: { mode: 'nearest' as const, axis: 'x' as const, intersect: false },
    scales: { x: timeAxis(), y: valueAxis(yTitle) },
    plugins: { legend: { display: legend, position: 'bottom' as const } },
  };
}

/** Creates the charts over `series` (they draw those arrays; call `update` after changing them). */
export function createMeasureCharts(series: AssetSeries): MeasureCharts {
  const temperature = chartBox('temperature', 'Air and process temperature in kelvin over time', 240);
  const speed = chartBox('speed', 'Rotational speed in rpm over time', 240);
  const torque = chartBox('torque', 'Torque in newton metres over time', 240);
  const wear = chartBox('tool-wear', 'Tool wear in minutes over time', 240);
  const probability = chartBox('failure-probability', 'Failure probability over time', 260);

  const charts: Chart[] = [
    createChart(temperature.canvas, {
      type: 'line',
      data: {
        datasets: [
          line(FEATURE_LABELS.airTemperatureK, series.air, '#2f6fdf'),
          line(FEATURE_LABELS.processTemperatureK, series.process, '#e0582b'),
        ],
      },
      options: lineOptions('Temperature (K)', true),
    }),
    createChart(speed.canvas, {
      type: 'line',
      data: { datasets: [line(FEATURE_LABELS.rotationalSpeedRpm, series.speed, '#6a4fc9')] },
      options: lineOptions('Speed (rpm)', false),
    }),
    createChart(torque.canvas, {
      type: 'line',
      data: { datasets: [line(FEATURE_LABELS.torqueNm, series.torque, '#0f8b8d')] },
      options: lineOptions(FEATURE_LABELS.torqueNm, false),
    }),
    createChart(wear.canvas, {
      type: 'line',
      data: { datasets: [line(FEATURE_LABELS.toolWearMin, series.wear, '#7a5c2e')] },
      options: lineOptions(FEATURE_LABELS.toolWearMin, false),
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

  return {
    measures: h(
      'div',
      { class: 'grid-2' },
      card('Temperatures', 'Air and process temperature, kelvin', temperature.box),
      card('Rotational speed', 'Spindle speed, revolutions per minute', speed.box),
      card('Torque', 'Newton metres', torque.box),
      card('Tool wear', 'Cumulative minutes of cutting', wear.box),
    ),
    probability: card(
      'Probability of failure',
      `From the model that scored each reading; shaded: elevated ${ELEVATED_TEXT}, high ${HIGH_TEXT}`,
      probability.box,
    ),
    update() {
      for (const chart of charts) chart.update();
    },
    destroy() {
      for (const chart of charts) chart.destroy();
    },
  };
}
