import { describe, expect, it } from 'vitest';
import { judgeGrowth, theilSenSlope, warmUpSamples } from './growth-verdict.js';

/** Deterministic noise in [-amplitude, amplitude] (a linear congruential generator with a fixed seed). */
function noise(count: number, amplitude: number, seed = 7): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return (state / 2 ** 31) * 2 * amplitude - amplitude;
  });
}

const TEN_PERCENT = { relative: 0.1, absolute: 0 };

describe('judgeGrowth', () => {
  it('fails a series that never falls after the warm-up and ends more than the threshold above its start', () => {
    const j = judgeGrowth([100, 101, 103, 106, 110, 115, 121], TEN_PERCENT, 1);
    expect(j.verdict).toBe('growth');
    expect(j.isMonotone).toBe(true);
    expect(j.baseline).toBe(101);
    expect(j.reason).toContain('never fell');
  });

  it('passes a monotone series whose rise stays under the threshold', () => {
    expect(judgeGrowth([100, 101, 102, 103, 104, 105], TEN_PERCENT, 1).verdict).toBe('ok');
  });

  it('passes a flat series with noise', () => {
    const values = noise(30, 5).map((n) => 100 + n);
    const j = judgeGrowth(values, TEN_PERCENT, 3);
    expect(j.verdict).toBe('ok');
    expect(j.isMonotone).toBe(false);
    expect(Math.abs(j.fittedRise)).toBeLessThan(j.threshold);
  });

  it('fails a steady climb hidden in noise through the Theil-Sen slope', () => {
    const values = noise(30, 3).map((n, i) => 100 + i + n);
    const j = judgeGrowth(values, TEN_PERCENT, 3);
    expect(j.isMonotone).toBe(false);
    expect(j.verdict).toBe('growth');
    expect(j.reason).toContain('Theil-Sen');
    expect(j.fittedRise).toBeGreaterThan(20);
    expect(j.risingShare).toBeGreaterThan(0.8);
  });

  it('ignores the warm-up samples', () => {
    const values = [20, 60, 100, 100, 100, 101, 101];
    expect(judgeGrowth(values, TEN_PERCENT, 0).verdict).toBe('growth');
    const j = judgeGrowth(values, TEN_PERCENT, 2);
    expect(j.verdict).toBe('ok');
    expect(j.baseline).toBe(100);
  });

  it('passes a spike that falls back', () => {
    expect(judgeGrowth([100, 100, 100, 140, 100, 100, 100, 100], TEN_PERCENT, 1).verdict).toBe('ok');
  });

  it('needs the absolute rise as well, so a series near 0 does not fail on a rise of one', () => {
    const fds = { relative: 0, absolute: 4 };
    expect(judgeGrowth([20, 20, 21, 21, 22, 22], fds, 1).verdict).toBe('ok');
    expect(judgeGrowth([20, 21, 22, 23, 24, 25, 26], fds, 1).verdict).toBe('growth');
    expect(judgeGrowth([0, 0, 1, 1, 2], { relative: 0.1, absolute: 0 }, 1).verdict).toBe('growth');
  });

  it('does not judge fewer than three samples after the warm-up', () => {
    const j = judgeGrowth([100, 200, 400], TEN_PERCENT, 1);
    expect(j).toMatchObject({ verdict: 'ok', isJudged: false });
  });

  it('drops missing values (a process that was not running) before judging', () => {
    const j = judgeGrowth([100, 100, Number.NaN, 100, 101, Number.NaN, 100], TEN_PERCENT, 1);
    expect(j).toMatchObject({ verdict: 'ok', isJudged: true, baseline: 100 });
    expect(judgeGrowth([1, 100, Number.NaN, 120, 140, Number.NaN, 160], TEN_PERCENT, 1).verdict).toBe(
      'growth',
    );
  });

  it('rejects a negative bound or warm-up', () => {
    expect(() => judgeGrowth([1, 2, 3], { relative: -1, absolute: 0 }, 0)).toThrow('non-negative bounds');
    expect(() => judgeGrowth([1, 2, 3], TEN_PERCENT, -1)).toThrow('warm-up must be a count');
  });
});

describe('theilSenSlope', () => {
  it('is the median pairwise slope, unmoved by one outlier', () => {
    expect(theilSenSlope([0, 1, 2, 3, 100, 5, 6])).toBe(1);
    expect(theilSenSlope([5, 5, 5])).toBe(0);
    expect(theilSenSlope([5])).toBe(0);
  });
});

describe('warmUpSamples', () => {
  it('is a tenth of the samples, rounded up, and at least one', () => {
    expect(warmUpSamples(30)).toBe(3);
    expect(warmUpSamples(15)).toBe(2);
    expect(warmUpSamples(2)).toBe(1);
    expect(warmUpSamples(0)).toBe(1);
    expect(() => warmUpSamples(-1)).toThrow('samples must be a count');
  });
});
