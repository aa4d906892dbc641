import { describe, expect, it } from 'vitest';
import { createSeededRandom, deriveSeed } from './seeded-random.js';

const take = (count: number, draw: () => number): number[] => Array.from({ length: count }, draw);

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    expect(take(100, () => a.next())).toEqual(take(100, () => b.next()));
    expect(take(100, () => a.nextNormal())).toEqual(take(100, () => b.nextNormal()));
  });

  it('produces a different sequence for a different seed, including seeds above 32 bits', () => {
    const first = take(10, createSeededRandom(1).next);
    expect(take(10, createSeededRandom(2).next)).not.toEqual(first);
    expect(take(10, createSeededRandom(2 ** 32 + 1).next)).not.toEqual(first);
  });

  it('stays pinned to known values, so generated datasets never change silently', () => {
    const random = createSeededRandom(2020);
    expect(take(3, () => random.nextInt(1_000_000))).toEqual([270_038, 230_513, 927_418]);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const values = take(100_000, createSeededRandom(7).next);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // sd of the mean of 1e5 uniforms is 0.29/316 ≈ 0.0009: ±0.005 is more than 5 sd.
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('draws standard normals with mean 0, sd 1 and Gaussian tails', () => {
    const random = createSeededRandom(11);
    const values = take(100_000, () => random.nextNormal());
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
    // sd of the mean is 1/316 ≈ 0.003 and of the sample sd ≈ 0.0022: ±0.015 is about 5 sd either way.
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(sd - 1)).toBeLessThan(0.015);
    // P(|z| > 2) = 4.55 %; binomial sd on 1e5 draws is 0.066 pp, so ±0.4 pp is 6 sd.
    const beyondTwo = values.filter((v) => Math.abs(v) > 2).length / values.length;
    expect(Math.abs(beyondTwo - 0.0455)).toBeLessThan(0.004);
  });

  it('draws integers below the bound', () => {
    const random = createSeededRandom(3);
    const values = take(10_000, () => random.nextInt(6));
    expect(new Set(values)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });

  it('rejects seeds and bounds that are not safe integers', () => {
    expect(() => createSeededRandom(1.5)).toThrow(RangeError);
    expect(() => createSeededRandom(Number.NaN)).toThrow(RangeError);
    expect(() => createSeededRandom(1).nextInt(0)).toThrow(RangeError);
    expect(() => createSeededRandom(1).nextInt(2 ** 33)).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('gives distinct, stable 32-bit seeds per stream', () => {
    const seeds = Array.from({ length: 1_000 }, (_, stream) => deriveSeed(2020, stream));
    expect(new Set(seeds).size).toBe(1_000);
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)).toBe(true);
    expect(deriveSeed(2020, 5)).toBe(deriveSeed(2020, 5));
    expect(deriveSeed(2021, 5)).not.toBe(deriveSeed(2020, 5));
  });

  it('rejects a stream id that is not a safe integer', () => {
    expect(() => deriveSeed(1, 0.5)).toThrow(RangeError);
  });
});
