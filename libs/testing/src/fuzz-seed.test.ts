import { describe, expect, it } from 'vitest';
import { fuzzRun } from './fuzz-seed.js';

describe('fuzzRun', () => {
  it('uses the fixed seed and count outside CI', () => {
    expect(fuzzRun({}, 42, 100)).toEqual({ seed: 42, numRuns: 100, replay: 'FUZZ_SEED=42' });
    expect(fuzzRun({ CI: 'false' }, 42, 100).seed).toBe(42);
  });

  it('draws a seed in CI, unless FUZZ_SEED replays one', () => {
    const seeds = new Set(Array.from({ length: 20 }, () => fuzzRun({ CI: 'true' }, 42, 100).seed));
    expect(seeds.size).toBeGreaterThan(1);
    expect(fuzzRun({ CI: 'true', FUZZ_SEED: '-7' }, 42, 100).seed).toBe(-7);
  });

  it('takes FUZZ_RUNS as the count', () => {
    expect(fuzzRun({ FUZZ_RUNS: '5000' }, 1, 100).numRuns).toBe(5000);
  });

  it('refuses a seed or count that is not an integer', () => {
    expect(() => fuzzRun({ FUZZ_SEED: 'abc' }, 1, 1)).toThrow(/FUZZ_SEED/);
    expect(() => fuzzRun({ FUZZ_RUNS: '0' }, 1, 1)).toThrow(/FUZZ_RUNS/);
  });
});
