import { describe, expect, it } from 'vitest';
import { timeTicks } from './time-ticks.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('timeTicks', () => {
  it('puts ticks on whole UTC hours for a span of hours', () => {
    const ticks = timeTicks(at('2026-11-21T16:27:00Z'), at('2026-11-21T22:31:00Z'), 8);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '17:00',
      '18:00',
      '19:00',
      '20:00',
      '21:00',
      '22:00',
    ]);
  });

  it('chooses the smallest round step that keeps at most maxTicks ticks', () => {
    expect(timeTicks(0, 24 * HOUR, 8)).toEqual([0, 6, 12, 18, 24].map((h) => h * HOUR));
    expect(timeTicks(0, 50_000, 8)).toEqual([0, 15_000, 30_000, 45_000]);
  });

  it('still answers for a single point or an empty range', () => {
    expect(timeTicks(5, 5)).toEqual([5]);
    expect(timeTicks(Number.NaN, 5)).toEqual([]);
  });
});
