import {
  ASSET_TYPES,
  WINDOW_FEATURE_COUNT,
  WINDOW_FEATURE_NAMES,
  advanceWindow,
  createWindowState,
  type WindowInput,
} from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT, FEATURE_NAMES, writeFeatureVector } from './feature-vector.js';

/*
 * libs/domain cannot import this library, so its window features compute the per-reading part themselves; this
 * test holds the two to the same values, so the horizon model and the per-reading model read the same inputs.
 */
describe('window features and the per-reading feature vector', () => {
  it('begin with FEATURE_NAMES in the same order', () => {
    expect(WINDOW_FEATURE_NAMES.slice(0, FEATURE_COUNT)).toEqual([...FEATURE_NAMES]);
  });

  it('give every reading the same first 9 values, new or late, of every variant', () => {
    const state = createWindowState();
    const windowed = new Float64Array(WINDOW_FEATURE_COUNT);
    const vector = new Float64Array(FEATURE_COUNT);
    const t0 = Date.UTC(2026, 0, 1);
    const readings: WindowInput[] = Array.from({ length: 60 }, (_, i) => ({
      // Every tenth reading is late, at a time the state has passed.
      recordedAt: i % 10 === 9 ? t0 : t0 + i * 60_000,
      assetType: ASSET_TYPES[i % 3] ?? 'L',
      airTemperatureK: 296 + (i % 7) * 0.9,
      processTemperatureK: 306 + (i % 11) * 0.8,
      rotationalSpeedRpm: 1200 + 37 * i,
      torqueNm: 3.8 + 1.27 * i,
      toolWearMin: (i * 9) % 250,
    }));
    for (const reading of readings) {
      advanceWindow(state, reading, windowed, 0);
      writeFeatureVector(reading, vector);
      expect(Array.from(windowed.slice(0, FEATURE_COUNT))).toEqual(Array.from(vector));
    }
  });
});
