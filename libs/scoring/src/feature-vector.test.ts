import { deriveFeatures, type FeatureInput } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import {
  FEATURE_COUNT,
  FEATURE_NAMES,
  featureVector,
  isCurrentFeatureList,
  writeFeatureVector,
} from './feature-vector.js';

const reading: FeatureInput = {
  assetType: 'M',
  airTemperatureK: 298.1,
  processTemperatureK: 308.6,
  rotationalSpeedRpm: 1551,
  torqueNm: 42.8,
  toolWearMin: 100,
};

describe('feature vector', () => {
  it('holds the measures, the variant code and the physics features in FEATURE_NAMES order', () => {
    const x = featureVector(reading);
    const physics = deriveFeatures(reading);
    expect([...x]).toEqual([
      298.1,
      308.6,
      1551,
      42.8,
      100,
      1,
      physics.powerW,
      physics.temperatureDifferenceK,
      physics.overstrainRatio,
    ]);
    expect(FEATURE_NAMES).toHaveLength(FEATURE_COUNT);
  });

  it('computes the physics by hand as documented: power 6951.6 W, ΔT 10.5 K, overstrain 4280/12000', () => {
    const x = featureVector(reading);
    expect(x[6]).toBeCloseTo((42.8 * 1551 * 2 * Math.PI) / 60, 9);
    expect(x[6]).toBeCloseTo(6951.59, 1);
    expect(x[7]).toBeCloseTo(10.5, 9);
    expect(x[8]).toBeCloseTo(4280 / 12000, 12);
  });

  it('codes the variants L, M, H as 0, 1, 2', () => {
    expect(featureVector({ ...reading, assetType: 'L' })[5]).toBe(0);
    expect(featureVector({ ...reading, assetType: 'H' })[5]).toBe(2);
  });

  it('writes at an offset without touching the rest of the buffer', () => {
    const out = new Float64Array(FEATURE_COUNT + 2).fill(-1);
    writeFeatureVector(reading, out, 1);
    expect(out[0]).toBe(-1);
    expect(out[FEATURE_COUNT + 1]).toBe(-1);
    expect(out[1]).toBe(298.1);
  });

  it('uses no identifier or time of the reading', () => {
    expect(FEATURE_NAMES.some((n) => /id|at$|time|udi/i.test(n))).toBe(false);
  });

  it('recognises only the exact current feature list', () => {
    expect(isCurrentFeatureList([...FEATURE_NAMES])).toBe(true);
    expect(isCurrentFeatureList([...FEATURE_NAMES].reverse())).toBe(false);
    expect(isCurrentFeatureList(FEATURE_NAMES.slice(1))).toBe(false);
  });
});
