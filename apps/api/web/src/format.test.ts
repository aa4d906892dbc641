import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatAxisTime,
  formatFailsIn,
  formatMinutes,
  formatNumber,
  formatPercent,
  formatProbability,
  formatUtc,
  formatUtcMinute,
} from './format.js';

describe('format', () => {
  it('formats numbers with their unit and a dash for missing values', () => {
    expect(formatNumber(1234.56, 1, 'rpm')).toBe('1,234.6 rpm');
    expect(formatNumber(298.15, 1, 'K')).toBe('298.2 K');
    expect(formatNumber(null, 1, 'K')).toBe('—');
    expect(formatProbability(0.934)).toBe('93.4 %');
    expect(formatProbability(null)).toBe('—');
    expect(formatPercent(0.6, 0)).toBe('60 %');
    expect(formatPercent(1, 0)).toBe('100 %');
    expect(formatPercent(Number.NaN, 0)).toBe('—');
  });

  it('says when a warning is expected to fail, from now, and that there is no estimate without one', () => {
    const now = Date.UTC(2026, 0, 15, 12);
    const min = 60_000;
    expect(formatFailsIn(null, now)).toBe('no estimate');
    expect(formatFailsIn(now + 20_000, now)).toBe('fails in < 1 min');
    expect(formatFailsIn(now + 25 * min + 10_000, now)).toBe('fails in ~25 min');
    expect(formatFailsIn(now + 119 * min, now)).toBe('fails in ~119 min');
    expect(formatFailsIn(now + 5 * 60 * min, now)).toBe('fails in ~5 h');
    expect(formatFailsIn(now + 3 * 24 * 60 * min, now)).toBe('fails in ~3 d');
    expect(formatFailsIn(now, now)).toBe('due now');
    expect(formatFailsIn(now - 20_000, now)).toBe('due now');
    expect(formatFailsIn(now - 4 * min, now)).toBe('overdue by ~4 min');
  });

  it('writes durations in minutes', () => {
    expect(formatMinutes(90_000, 1)).toBe('1.5 min');
    expect(formatMinutes(600_000, 0)).toBe('10 min');
  });

  it('writes instants in UTC', () => {
    expect(formatUtc(Date.parse('2026-11-21T22:14:57.123Z'))).toBe('2026-11-21 22:14:57 UTC');
    expect(formatUtcMinute(Date.parse('2026-11-21T22:14:57.123Z'))).toBe('2026-11-21 22:14');
    expect(formatAxisTime(Date.parse('2026-11-21T22:14:57Z'), 3_600_000)).toBe('22:14');
    expect(formatAxisTime(Date.parse('2026-11-21T22:14:57Z'), 60_000)).toBe('22:14:57');
    expect(formatAxisTime(Date.parse('2026-11-21T22:14:57Z'), 3 * 86_400_000)).toBe('21 Nov 22:14');
    expect(formatAxisTime(Date.parse('2026-11-21T00:00:00Z'), 3 * 86_400_000)).toBe('21 Nov');
  });

  it('says how long ago in the largest sensible unit', () => {
    const now = 1_000_000_000;
    expect(formatAge(now - 12_000, now)).toBe('12 s ago');
    expect(formatAge(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAge(now - 3 * 86_400_000, now)).toBe('3 d ago');
    expect(formatAge(now + 5_000, now)).toBe('0 s ago');
  });
});
