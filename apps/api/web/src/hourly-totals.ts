import type { HourlyAggregate } from '../../src/schemas/route-schemas.js';

/** One hour of the chart: the rows of that hour summed over the assets shown. */
export interface HourTotal {
  hourStart: number;
  readings: number;
  weightedProbability: number;
  scoredReadings: number;
  maxProbability: number | null;
}

/** Sums the rows of each hour (readings-weighted mean probability), oldest first. */
export function totalsByHour(items: readonly HourlyAggregate[]): HourTotal[] {
  const byHour = new Map<number, HourTotal>();
  for (const row of items) {
    let total = byHour.get(row.hourStart);
    if (total === undefined) {
      total = {
        hourStart: row.hourStart,
        readings: 0,
        weightedProbability: 0,
        scoredReadings: 0,
        maxProbability: null,
      };
      byHour.set(row.hourStart, total);
    }
    total.readings += row.readingCount;
    if (row.meanFailureProbability !== null) {
      total.weightedProbability += row.meanFailureProbability * row.readingCount;
      total.scoredReadings += row.readingCount;
    }
    if (row.maxFailureProbability !== null) {
      total.maxProbability = Math.max(total.maxProbability ?? 0, row.maxFailureProbability);
    }
  }
  return [...byHour.values()].sort((a, b) => a.hourStart - b.hourStart);
}
