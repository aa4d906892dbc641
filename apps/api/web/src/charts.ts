import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
  type ScaleOptions,
} from 'chart.js';
import { formatAxisTime, formatPercent } from './format.js';
import { timeTicks } from './time-ticks.js';
import { HIGH_THRESHOLD, ELEVATED_THRESHOLD } from './risk-band.js';

// Only what the pages draw is registered, so the bundle carries no unused controllers.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

Chart.defaults.font.family = '"Inter", "Liberation Sans", "DejaVu Sans", system-ui, sans-serif';
Chart.defaults.font.size = 12;
Chart.defaults.color = '#4a5568';
Chart.defaults.borderColor = '#e5e9f0';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

/**
 * Writes the number of data points on the canvas (`data-points`) after every update: the browser tests and
 * anyone inspecting the page can see that a chart has data without reading pixels.
 */
const pointCount: Plugin = {
  id: 'pointCount',
  afterUpdate(chart) {
    const points = chart.data.datasets.reduce((sum, dataset) => sum + dataset.data.length, 0);
    chart.canvas.dataset['points'] = String(points);
  },
};

/** Options of the risk-band plugin: shade y >= 0.6 amber and y >= 0.9 red on the given y scale. */
export interface RiskBandsOptions {
  readonly enabled?: boolean;
  readonly scaleId?: string;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    riskBands?: RiskBandsOptions;
    /** Only declared so that TType is used (TypeScript requires every type parameter to be used). */
    readonly riskBandsChartType?: TType;
  }
}

/** Shades the elevated (0.6–0.9) and high (>= 0.9) probability bands behind the data. */
const riskBands: Plugin = {
  id: 'riskBands',
  beforeDatasetsDraw(chart, _args, options: RiskBandsOptions) {
    if (options.enabled !== true) return;
    const scale = chart.scales[options.scaleId ?? 'y'];
    if (scale === undefined) return;
    const { left, right } = chart.chartArea;
    const y06 = scale.getPixelForValue(ELEVATED_THRESHOLD);
    const y09 = scale.getPixelForValue(HIGH_THRESHOLD);
    const top = Math.max(chart.chartArea.top, scale.getPixelForValue(scale.max));
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = 'rgba(217, 138, 0, 0.10)';
    ctx.fillRect(left, y09, right - left, y06 - y09);
    ctx.fillStyle = 'rgba(198, 40, 40, 0.10)';
    ctx.fillRect(left, top, right - left, y09 - top);
    ctx.restore();
  },
};

Chart.register(pointCount, riskBands);

/** Creates a chart on a canvas; the caller destroys it with the view. */
export function createChart<TType extends ChartType>(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<TType>,
): Chart<TType> {
  return new Chart(canvas, config);
}

/**
 * An x axis of epoch milliseconds labelled in UTC, without a date adapter: it spans the data and puts its ticks
 * on round times (see {@link timeTicks}).
 */
export function timeAxis(title = 'Time (UTC)'): ScaleOptions<'linear'> {
  return {
    type: 'linear',
    bounds: 'data',
    title: { display: true, text: title },
    afterBuildTicks(scale) {
      scale.ticks = timeTicks(scale.min, scale.max, 8).map((value) => ({ value }));
    },
    ticks: {
      maxRotation: 0,
      autoSkip: false,
      callback(value) {
        return formatAxisTime(Number(value), this.max - this.min);
      },
    },
    grid: { display: false },
  };
}

/** A y axis with its unit in the title. */
export function valueAxis(title: string, extra: ScaleOptions<'linear'> = {}): ScaleOptions<'linear'> {
  return { type: 'linear', title: { display: true, text: title }, grace: '5%', ...extra };
}

/** The y axis of a failure probability (0–1, shown as %). */
export function probabilityAxis(title = 'Failure probability'): ScaleOptions<'linear'> {
  return {
    type: 'linear',
    min: 0,
    max: 1,
    title: { display: true, text: title },
    ticks: { callback: (value) => formatPercent(Number(value), 0), stepSize: 0.2 },
  };
}

export { Chart };
