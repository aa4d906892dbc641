import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  endOfLife,
  endOfLifeGroup,
  MEAN_MONTH_MS,
  summariseEndOfLife,
} from './end-of-life.js';

describe('addCalendarMonths', () => {
  it('adds calendar months and clamps the day to a shorter month', () => {
    expect(addCalendarMonths('2016-03-01', 120)).toBe('2026-03-01');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addCalendarMonths('2020-11-30', 3)).toBe('2021-02-28');
    expect(addCalendarMonths('2020-05-15', -5)).toBe('2019-12-15');
  });

  it('refuses a date that names no day and a fractional count', () => {
    expect(() => addCalendarMonths('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addCalendarMonths('2023-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('endOfLife', () => {
  const now = Date.UTC(2026, 0, 1);

  it('adds the service life to the install date and counts mean months from now', () => {
    const eol = endOfLife({ installedOn: '2014-07-01', serviceLifeMonths: 144 }, now);
    expect(eol.endOfLifeOn).toBe('2026-07-01');
    expect(eol.endOfLifeAt).toBe(Date.UTC(2026, 6, 1));
    expect(eol.monthsRemaining).toBeCloseTo((Date.UTC(2026, 6, 1) - now) / MEAN_MONTH_MS, 9);
    expect(eol.monthsRemaining).toBeCloseTo(5.95, 2);
    expect(eol.isPastEndOfLife).toBe(false);
  });

  it('gives negative months once the end of life has passed', () => {
    const eol = endOfLife({ installedOn: '2010-01-01', serviceLifeMonths: 120 }, now);
    expect(eol.isPastEndOfLife).toBe(true);
    expect(eol.monthsRemaining).toBeCloseTo(-72, 0);
  });

  it('refuses a service life that is not a positive whole number of months', () => {
    expect(() => endOfLife({ installedOn: '2010-01-01', serviceLifeMonths: 0 }, now)).toThrow(RangeError);
  });
});

describe('summariseEndOfLife', () => {
  it('counts assets per group within 6, 12 and 24 months, those already past in every horizon', () => {
    const items = [
      { site: 'S02', monthsRemaining: -3 },
      { site: 'S01', monthsRemaining: 5 },
      { site: 'S01', monthsRemaining: 12 },
      { site: 'S01', monthsRemaining: 30 },
    ];
    expect(summariseEndOfLife(items, (i) => i.site)).toEqual([
      {
        key: 'S01',
        assets: 3,
        meanMonthsToEndOfLife: 47 / 3,
        pastEndOfLife: 0,
        within6Months: 1,
        within12Months: 2,
        within24Months: 2,
      },
      {
        key: 'S02',
        assets: 1,
        meanMonthsToEndOfLife: -3,
        pastEndOfLife: 1,
        within6Months: 1,
        within12Months: 1,
        within24Months: 1,
      },
    ]);
  });

  it('has no mean for an empty group', () => {
    expect(endOfLifeGroup('all', [])).toMatchObject({
      assets: 0,
      meanMonthsToEndOfLife: null,
      within24Months: 0,
    });
  });
});
