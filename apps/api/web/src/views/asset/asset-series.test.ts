import { describe, expect, it } from 'vitest';
import type { ReadingBucket, ReadingsPage, StoredReading } from '../../../../src/schemas/route-schemas.js';
import {
  addReading,
  createAssetSeries,
  describeReadingsPage,
  fillSeries,
  readingsWindow,
} from './asset-series.js';

function reading(recordedAt: number, failureProbability: number | null = 0.2): StoredReading {
  return {
    recordedAt,
    airTemperatureK: 300,
    processTemperatureK: 310,
    rotationalSpeedRpm: 1500,
    torqueNm: 40,
    toolWearMin: 10,
    powerW: 6283,
    temperatureDifferenceK: 10,
    failureProbability,
    modelId: failureProbability === null ? null : 1,
  };
}

function bucket(bucketStart: number, maxFailureProbability: number | null): ReadingBucket {
  const stat = (mean: number) => ({ mean, min: mean - 1, max: mean + 1 });
  return {
    bucketStart,
    count: 10,
    airTemperatureK: stat(300),
    processTemperatureK: stat(310),
    rotationalSpeedRpm: stat(1500),
    torqueNm: stat(40),
    toolWearMin: stat(20),
    maxFailureProbability,
  };
}

function page(fields: Partial<ReadingsPage>): ReadingsPage {
  return {
    assetId: 'M-1',
    from: 0,
    to: 1,
    total: 0,
    downsampled: false,
    bucketMs: null,
    readings: [],
    buckets: [],
    nextCursor: null,
    ...fields,
  };
}

describe('asset series', () => {
  it('draws raw readings as they are, leaving unscored ones out of the probability line', () => {
    const series = createAssetSeries();
    fillSeries(series, page({ readings: [reading(1_000), reading(2_000, null)] }));
    expect(series.air).toEqual([
      { x: 1_000, y: 300 },
      { x: 2_000, y: 300 },
    ]);
    expect(series.probability).toEqual([{ x: 1_000, y: 0.2 }]);
  });

  it('draws buckets as their means, tool wear as its maximum, probability as the highest', () => {
    const series = createAssetSeries();
    fillSeries(series, page({ downsampled: true, buckets: [bucket(0, 0.7), bucket(60_000, null)] }));
    expect(series.torque).toEqual([
      { x: 0, y: 40 },
      { x: 60_000, y: 40 },
    ]);
    expect(series.wear.map((p) => p.y)).toEqual([21, 21]);
    expect(series.probability).toEqual([{ x: 0, y: 0.7 }]);
  });

  it('replaces what was drawn before, in the same arrays the charts hold', () => {
    const series = createAssetSeries();
    const air = series.air;
    fillSeries(series, page({ readings: [reading(1_000)] }));
    fillSeries(series, page({ readings: [reading(5_000)] }));
    expect(series.air).toBe(air);
    expect(air).toEqual([{ x: 5_000, y: 300 }]);
  });

  it('adds live readings once, and lets the oldest scroll out', () => {
    const series = createAssetSeries();
    for (const at of [1_000, 2_000, 2_000, 1_500, 3_000]) addReading(series, reading(at), 2);
    expect(series.speed.map((p) => p.x)).toEqual([2_000, 3_000]);
  });

  it('asks for the range ending at the latest reading, up to a minute past now', () => {
    expect(readingsWindow(10_000_000, 3_600_000, 20_000_000)).toEqual({
      from: 10_000_001 - 3_600_000,
      to: 20_060_000,
    });
    expect(readingsWindow(10_000_000, 3_600_000, 0).to).toBe(10_060_001);
  });

  it('says how many readings the charts show and how', () => {
    expect(describeReadingsPage(page({ total: 1234 }))).toBe(
      '1,234 readings in range; new readings are added live.',
    );
    expect(
      describeReadingsPage(
        page({ total: 5040, downsampled: true, bucketMs: 90_000, buckets: [bucket(0, null)] }),
      ),
    ).toBe('5,040 readings in range, drawn as 1 buckets of 1.5 min (mean); new readings are added live.');
  });
});
