import { describe, expect, it } from 'vitest';
import { isoWeekday, isoWeekOf } from './iso-week.js';

describe('isoWeekOf', () => {
  it('puts a day in the week of its Thursday', () => {
    expect(isoWeekOf(Date.parse('2026-12-02T23:59:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(Date.parse('2026-12-31T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(Date.parse('2027-01-03T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(Date.parse('2027-01-04T00:00:00Z'))).toBe('2027-W01');
    expect(isoWeekOf(Date.parse('2024-12-30T00:00:00Z'))).toBe('2025-W01');
  });
  it('numbers weekdays from Monday 1 to Sunday 7', () => {
    expect(isoWeekday(Date.parse('2026-12-07T00:00:00Z'))).toBe(1);
    expect(isoWeekday(Date.parse('2026-12-06T12:00:00Z'))).toBe(7);
  });
});
