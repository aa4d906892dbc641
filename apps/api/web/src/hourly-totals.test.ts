import { describe, expect, it } from 'vitest';
import type { HourlyAggregate } from '../../src/schemas/route-schemas.js';
import { totalsByHour } from './hourly-totals.js';

const stat = { mean: 1, min: 1, max: 1 };
function row(
  assetId: string,
  hourStart: number,
  readingCount: number,
  mean: number | null,
  max: number | null,
) {
  const aggregate: HourlyAggregate = {
    assetId,
    hourStart,
    assetType: 'L',
    siteId: 'plant-a',
    lineId: null,
    readingCount,
    airTemperatureK: stat,
    processTemperatureK: stat,
    rotationalSpeedRpm: stat,
    torqueNm: stat,
    toolWearMin: stat,
    meanFailureProbability: mean,
    maxFailureProbability: max,
    countProbabilityAbove0_6: 0,
    countProbabilityAbove0_9: 0,
    failureCount: 0,
  };
  return aggregate;
}

describe('totalsByHour', () => {
  it('sums readings, weights the mean probability by readings and keeps the highest, oldest hour first', () => {
    const totals = totalsByHour([
      row('B', 7_200_000, 10, 0.5, 0.7),
      row('A', 3_600_000, 30, 0.1, 0.2),
      row('B', 3_600_000, 10, 0.5, 0.95),
    ]);
    expect(totals.map((t) => t.hourStart)).toEqual([3_600_000, 7_200_000]);
    const first = totals[0]!;
    expect(first.readings).toBe(40);
    expect(first.weightedProbability / first.scoredReadings).toBeCloseTo(0.2, 12);
    expect(first.maxProbability).toBe(0.95);
  });

  it('leaves unscored rows out of the probabilities but counts their readings', () => {
    const [total] = totalsByHour([row('A', 0, 5, null, null), row('B', 0, 5, 0.4, 0.6)]);
    expect(total).toEqual({
      hourStart: 0,
      readings: 10,
      weightedProbability: 2,
      scoredReadings: 5,
      maxProbability: 0.6,
    });
  });
});
