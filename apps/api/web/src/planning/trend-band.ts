import type { TrendSeries } from '../../../src/schemas/route-schemas.js';

/** A chart point: x epoch ms UTC, y a probability. */
export interface BandPoint {
  readonly x: number;
  readonly y: number;
}

/** The three lines of a series' band chart: mean, and the min–max range around it. */
export interface TrendBand {
  readonly label: string;
  readonly mean: readonly BandPoint[];
  readonly min: readonly BandPoint[];
  readonly max: readonly BandPoint[];
}

/**
 * The mean with its range per bucket of a /trends series. Buckets without a scored reading are left out of all three
 * lines (not drawn as 0), so the band never dips to zero where there was nothing to score.
 */
export function trendBand(series: TrendSeries): TrendBand {
  const scored = series.points.filter(
    (p) =>
      p.meanFailureProbability !== null &&
      p.minFailureProbability !== null &&
      p.maxFailureProbability !== null,
  );
  return {
    label: series.key,
    mean: scored.map((p) => ({ x: p.bucketStart, y: p.meanFailureProbability ?? 0 })),
    min: scored.map((p) => ({ x: p.bucketStart, y: p.minFailureProbability ?? 0 })),
    max: scored.map((p) => ({ x: p.bucketStart, y: p.maxFailureProbability ?? 0 })),
  };
}

/** Distinct colours for series (sites, manufacturers), picked in order and repeated beyond eight. */
export const SERIES_COLOURS = [
  '#2b6cb0',
  '#2f855a',
  '#b7791f',
  '#6b46c1',
  '#c05621',
  '#2c7a7b',
  '#b83280',
  '#4a5568',
] as const;

/** The colour of the i-th series; `alpha` (0–1) makes the fill of its band. */
export function seriesColour(index: number, alpha = 1): string {
  const hex = SERIES_COLOURS[index % SERIES_COLOURS.length] ?? SERIES_COLOURS[0];
  if (alpha >= 1) return hex;
  const channel = (at: number) => parseInt(hex.slice(at, at + 2), 16);
  return `rgba(${String(channel(1))}, ${String(channel(3))}, ${String(channel(5))}, ${String(alpha)})`;
}
