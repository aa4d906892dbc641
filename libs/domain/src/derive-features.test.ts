import { describe, expect, it } from 'vitest';
import {
  AI4I_THRESHOLDS,
  OVERSTRAIN_LIMITS_MIN_NM,
  deriveFeatures,
  type FeatureInput,
} from './derive-features.js';

const base: FeatureInput = {
  assetType: 'L',
  airTemperatureK: 300,
  processTemperatureK: 310.5,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: 200,
};

describe('deriveFeatures', () => {
  it('computes power as torque × angular speed in watts', () => {
    // 40 Nm × 1500 rpm × 2π/60 rad/s per rpm = 40 × 50π = 2000π W ≈ 6283.19 W.
    expect(deriveFeatures(base).powerW).toBeCloseTo(2000 * Math.PI, 9);
    expect(deriveFeatures(base).powerW).toBeCloseTo(6283.185, 3);
    // 20 Nm × 1671 rpm × π/30 = 3499.73 W, just under the PWF floor.
    expect(deriveFeatures({ ...base, torqueNm: 20, rotationalSpeedRpm: 1671 }).powerW).toBeCloseTo(
      3499.734,
      3,
    );
  });

  it('computes the temperature difference as process minus air', () => {
    expect(deriveFeatures(base).temperatureDifferenceK).toBe(10.5);
    expect(
      deriveFeatures({ ...base, processTemperatureK: 308.1, airTemperatureK: 299.6 }).temperatureDifferenceK,
    ).toBeCloseTo(8.5, 9);
  });

  it('computes overstrain as wear × torque and its ratio to the variant limit', () => {
    // 200 min × 40 Nm = 8000 min·Nm; 8000 / 11000 (L) = 0.72727…
    expect(deriveFeatures(base).overstrainMinNm).toBe(8_000);
    expect(deriveFeatures(base).overstrainRatio).toBeCloseTo(8 / 11, 12);
    const atLimit = { ...base, torqueNm: 55 };
    expect(deriveFeatures(atLimit).overstrainRatio).toBe(1);
    expect(deriveFeatures({ ...atLimit, assetType: 'M' }).overstrainRatio).toBeCloseTo(11 / 12, 12);
    expect(deriveFeatures({ ...atLimit, assetType: 'H' }).overstrainRatio).toBeCloseTo(11 / 13, 12);
  });

  it('gives zero power and overstrain for an idle spindle with a new tool', () => {
    const idle = deriveFeatures({ ...base, rotationalSpeedRpm: 0, toolWearMin: 0 });
    expect(idle.powerW).toBe(0);
    expect(idle.overstrainMinNm).toBe(0);
    expect(idle.overstrainRatio).toBe(0);
  });
});

describe('AI4I constants', () => {
  it('carry the published thresholds', () => {
    expect(OVERSTRAIN_LIMITS_MIN_NM).toEqual({ L: 11_000, M: 12_000, H: 13_000 });
    expect(AI4I_THRESHOLDS).toEqual({
      heatDissipation: { maxTemperatureDifferenceK: 8.6, maxRotationalSpeedRpm: 1_380 },
      power: { minW: 3_500, maxW: 9_000 },
      toolWearWindowMin: { min: 200, max: 240 },
      randomFailureProbability: 0.001,
    });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(AI4I_THRESHOLDS.power)).toBe(true);
    expect(Object.isFrozen(OVERSTRAIN_LIMITS_MIN_NM)).toBe(true);
  });
});
