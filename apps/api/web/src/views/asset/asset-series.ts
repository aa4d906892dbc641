import type { ReadingsPage, StoredReading } from '../../../../src/schemas/route-schemas.js';
import { formatMinutes, formatNumber } from '../../format.js';

/** Live points kept per series; older ones scroll out. */
export const MAX_SERIES_POINTS = 2_000;

/** A chart point: epoch ms UTC and the value. */
export interface Point {
  x: number;
  y: number;
}

/**
 * The series drawn for an asset, one array per line. The charts hold these very arrays, so they are filled in
 * place and a chart update is all it takes to show new points.
 */
export interface AssetSeries {
  readonly air: Point[];
  readonly process: Point[];
  readonly speed: Point[];
  readonly torque: Point[];
  readonly wear: Point[];
  readonly probability: Point[];
}

/** Empty series. */
export function createAssetSeries(): AssetSeries {
  return { air: [], process: [], speed: [], torque: [], wear: [], probability: [] };
}

/** Replaces the series by a page of readings: raw readings, or buckets (means; tool wear: max) when downsampled. */
export function fillSeries(series: AssetSeries, page: ReadingsPage): void {
  for (const points of Object.values(series) as Point[][]) points.length = 0;
  if (!page.downsampled) {
    for (const reading of page.readings) addReading(series, reading);
    return;
  }
  for (const b of page.buckets) {
    const x = b.bucketStart;
    series.air.push({ x, y: b.airTemperatureK.mean });
    series.process.push({ x, y: b.processTemperatureK.mean });
    series.speed.push({ x, y: b.rotationalSpeedRpm.mean });
    series.torque.push({ x, y: b.torqueNm.mean });
    series.wear.push({ x, y: b.toolWearMin.max });
    if (b.maxFailureProbability !== null) series.probability.push({ x, y: b.maxFailureProbability });
  }
}

/**
 * Appends one reading to every series, unless it is not newer than the last point (the live feed repeats the
 * latest reading); a series longer than `maxPoints` drops its oldest point.
 */
export function addReading(series: AssetSeries, reading: StoredReading, maxPoints = MAX_SERIES_POINTS): void {
  const x = reading.recordedAt;
  const push = (points: Point[], y: number) => {
    const last = points.at(-1);
    if (last !== undefined && last.x >= x) return;
    points.push({ x, y });
    if (points.length > maxPoints) points.shift();
  };
  push(series.air, reading.airTemperatureK);
  push(series.process, reading.processTemperatureK);
  push(series.speed, reading.rotationalSpeedRpm);
  push(series.torque, reading.torqueNm);
  push(series.wear, reading.toolWearMin);
  if (reading.failureProbability !== null) push(series.probability, reading.failureProbability);
}

/**
 * The readings to ask for: `rangeMs` ending at the asset's latest reading, and up to a minute past now so that
 * readings arriving while the request runs are included.
 */
export function readingsWindow(
  latestAtMs: number,
  rangeMs: number,
  nowMs: number,
): { readonly from: number; readonly to: number } {
  const end = latestAtMs + 1;
  return { from: end - rangeMs, to: Math.max(end, nowMs) + 60_000 };
}

/** What the charts show, in one sentence under the range picker. */
export function describeReadingsPage(page: ReadingsPage): string {
  const total = `${formatNumber(page.total, 0)} readings in range`;
  return page.downsampled
    ? `${total}, drawn as ${String(page.buckets.length)} buckets of ${formatMinutes(page.bucketMs ?? 0, 1)} (mean); new readings are added live.`
    : `${total}; new readings are added live.`;
}
