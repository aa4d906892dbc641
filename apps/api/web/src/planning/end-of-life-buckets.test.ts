import { describe, expect, it } from 'vitest';
import { endOfLifeBuckets } from './end-of-life-buckets.js';

describe('endOfLifeBuckets', () => {
  it('turns the cumulative horizons (past ones included) into disjoint buckets that add up to the group', () => {
    const group = {
      key: 'site-a',
      assets: 20,
      meanMonthsToEndOfLife: 30,
      pastEndOfLife: 2,
      within6Months: 5,
      within12Months: 9,
      within24Months: 12,
    };
    const buckets = endOfLifeBuckets(group);
    expect(buckets).toEqual({ past: 2, upTo6: 3, from6To12: 4, from12To24: 3, later: 8 });
    expect(Object.values(buckets).reduce((a, b) => a + b, 0)).toBe(group.assets);
  });

  it('puts a fleet wholly past its end of life in the first bucket only', () => {
    expect(
      endOfLifeBuckets({
        key: 'fleet',
        assets: 3,
        meanMonthsToEndOfLife: -4,
        pastEndOfLife: 3,
        within6Months: 3,
        within12Months: 3,
        within24Months: 3,
      }),
    ).toEqual({ past: 3, upTo6: 0, from6To12: 0, from12To24: 0, later: 0 });
  });
});
