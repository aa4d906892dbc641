import { describe, expect, it } from 'vitest';
import type { FeatureInput } from './derive-features.js';
import { evaluateFailureRules } from './evaluate-failure-rules.js';

const healthy: FeatureInput = {
  assetType: 'L',
  airTemperatureK: 300,
  processTemperatureK: 310,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: 100,
};

describe('evaluateFailureRules', () => {
  it('reports no failure for a mid-range reading', () => {
    expect(evaluateFailureRules(healthy)).toEqual({ HDF: false, PWF: false, OSF: false });
  });

  it('flags HDF only when the temperature gap is below 8.6 K and the speed below 1380 rpm', () => {
    const hot = { ...healthy, processTemperatureK: 308.5 }; // gap 8.5 K
    expect(evaluateFailureRules({ ...hot, rotationalSpeedRpm: 1379 }).HDF).toBe(true);
    expect(evaluateFailureRules({ ...hot, rotationalSpeedRpm: 1380 }).HDF).toBe(false);
    expect(
      evaluateFailureRules({ ...healthy, processTemperatureK: 308.7, rotationalSpeedRpm: 1300 }).HDF,
    ).toBe(false);
  });

  it('flags PWF when power leaves the 3500–9000 W band', () => {
    // 20 Nm: 1671 rpm → 3499.7 W (fails), 1672 rpm → 3501.8 W (passes).
    expect(evaluateFailureRules({ ...healthy, torqueNm: 20, rotationalSpeedRpm: 1671 }).PWF).toBe(true);
    expect(evaluateFailureRules({ ...healthy, torqueNm: 20, rotationalSpeedRpm: 1672 }).PWF).toBe(false);
    // 60 Nm: 1433 rpm → 9003.9 W (fails), 1432 rpm → 8997.6 W (passes).
    expect(evaluateFailureRules({ ...healthy, torqueNm: 60, rotationalSpeedRpm: 1433 }).PWF).toBe(true);
    expect(evaluateFailureRules({ ...healthy, torqueNm: 60, rotationalSpeedRpm: 1432 }).PWF).toBe(false);
  });

  it('flags OSF when wear × torque exceeds the variant limit, not when it equals it', () => {
    const worn = { ...healthy, toolWearMin: 200 };
    expect(evaluateFailureRules({ ...worn, torqueNm: 55 }).OSF).toBe(false); // 11 000 = L limit
    expect(evaluateFailureRules({ ...worn, torqueNm: 55.1 }).OSF).toBe(true); // 11 020 > 11 000
    expect(evaluateFailureRules({ ...worn, assetType: 'M', torqueNm: 55.1 }).OSF).toBe(false);
    expect(evaluateFailureRules({ ...worn, assetType: 'M', torqueNm: 60.1 }).OSF).toBe(true); // 12 020 > 12 000
    expect(evaluateFailureRules({ ...worn, assetType: 'H', torqueNm: 65 }).OSF).toBe(false); // 13 000 = H limit
    expect(evaluateFailureRules({ ...worn, assetType: 'H', torqueNm: 65.1 }).OSF).toBe(true);
  });
});
