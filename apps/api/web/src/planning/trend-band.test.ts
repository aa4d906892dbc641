import { describe, expect, it } from 'vitest';
import { seriesColour, trendBand } from './trend-band.js';

const point = (bucketStart: number, mean: number | null, min: number | null, max: number | null) => ({
  bucketStart,
  readingCount: 10,
  scoredCount: mean === null ? 0 : 10,
  meanFailureProbability: mean,
  minFailureProbability: min,
  maxFailureProbability: max,
  countProbabilityAbove0_6: 0,
  countProbabilityAbove0_9: 0,
  failureCount: 0,
});

describe('trendBand', () => {
  it('gives mean, min and max lines per bucket and leaves out buckets with nothing scored', () => {
    const band = trendBand({
      key: 'site-a',
      siteId: 'site-a',
      lineId: null,
      assetType: null,
      manufacturer: null,
      points: [point(1, 0.2, 0.01, 0.9), point(2, null, null, null), point(3, 0.3, 0.05, 0.7)],
    });
    expect(band).toEqual({
      label: 'site-a',
      mean: [
        { x: 1, y: 0.2 },
        { x: 3, y: 0.3 },
      ],
      min: [
        { x: 1, y: 0.01 },
        { x: 3, y: 0.05 },
      ],
      max: [
        { x: 1, y: 0.9 },
        { x: 3, y: 0.7 },
      ],
    });
  });
});

describe('seriesColour', () => {
  it('repeats the palette and turns a colour into its translucent fill', () => {
    expect(seriesColour(0)).toBe('#2b6cb0');
    expect(seriesColour(8)).toBe(seriesColour(0));
    expect(seriesColour(0, 0.2)).toBe('rgba(43, 108, 176, 0.2)');
  });
});
