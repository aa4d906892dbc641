import { describe, expect, it } from 'vitest';
import { coveringRanges, DAY_MS, HOUR_MS, planAggregateRebuild } from './covering-ranges.js';

const H0 = Date.UTC(2026, 0, 1, 0, 0, 0);

describe('coveringRanges', () => {
  it('merges repeated and adjacent hours into one range, oldest first', () => {
    const instants = [H0 + 2 * HOUR_MS + 5, H0 + 59_000, H0 + HOUR_MS + 1, H0 + 12, H0 + 2 * HOUR_MS];
    expect(coveringRanges(instants, HOUR_MS)).toEqual([{ startMs: H0, endMs: H0 + 3 * HOUR_MS }]);
  });

  it('keeps a gap of one empty hour as two ranges', () => {
    expect(coveringRanges([H0 + 5 * HOUR_MS, H0], HOUR_MS)).toEqual([
      { startMs: H0, endMs: H0 + HOUR_MS },
      { startMs: H0 + 5 * HOUR_MS, endMs: H0 + 6 * HOUR_MS },
    ]);
  });

  it('covers UTC days, the last millisecond of a day staying in it', () => {
    expect(coveringRanges([H0 + DAY_MS - 1, H0 + 2 * DAY_MS], DAY_MS)).toEqual([
      { startMs: H0, endMs: H0 + DAY_MS },
      { startMs: H0 + 2 * DAY_MS, endMs: H0 + 3 * DAY_MS },
    ]);
  });

  it('returns nothing for no instants and refuses a bad unit or instant', () => {
    expect(coveringRanges([], HOUR_MS)).toEqual([]);
    expect(() => coveringRanges([H0], 0)).toThrow(/unitMs must be a positive integer/);
    expect(() => coveringRanges([Number.NaN], HOUR_MS)).toThrow(/finite epoch ms/);
  });
});

describe('planAggregateRebuild', () => {
  it('splits the hours at midnight and merges them within each day, oldest day first', () => {
    const plan = planAggregateRebuild([
      H0 + DAY_MS + 30_000,
      H0 + 22 * HOUR_MS + 1,
      H0 + 23 * HOUR_MS,
      H0 + 3 * HOUR_MS,
      H0 + DAY_MS + 2 * HOUR_MS,
    ]);
    expect(plan).toEqual([
      {
        dayStartMs: H0,
        hourRanges: [
          { startMs: H0 + 3 * HOUR_MS, endMs: H0 + 4 * HOUR_MS },
          { startMs: H0 + 22 * HOUR_MS, endMs: H0 + DAY_MS },
        ],
      },
      {
        dayStartMs: H0 + DAY_MS,
        hourRanges: [
          { startMs: H0 + DAY_MS, endMs: H0 + DAY_MS + HOUR_MS },
          { startMs: H0 + DAY_MS + 2 * HOUR_MS, endMs: H0 + DAY_MS + 3 * HOUR_MS },
        ],
      },
    ]);
  });

  it('plans nothing for no instants', () => {
    expect(planAggregateRebuild([])).toEqual([]);
  });
});
