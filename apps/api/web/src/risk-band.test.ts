import { RISK_BANDS } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { ELEVATED_THRESHOLD, HIGH_THRESHOLD, riskBand } from './risk-band.js';

describe('riskBand', () => {
  // The bundle keeps its own copy (importing libs/domain would ship TypeBox to the browser); this pins it.
  it('has the platform bands of libs/domain', () => {
    expect({ elevated: ELEVATED_THRESHOLD, high: HIGH_THRESHOLD }).toEqual(RISK_BANDS);
  });

  it('uses the API bands: high from 0.9, elevated from 0.6', () => {
    expect(riskBand(0.9)).toBe('high');
    expect(riskBand(0.8999)).toBe('elevated');
    expect(riskBand(0.6)).toBe('elevated');
    expect(riskBand(0.5999)).toBe('normal');
    expect(riskBand(0)).toBe('normal');
  });

  it('calls a reading no model scored unknown', () => {
    expect(riskBand(null)).toBe('unknown');
    expect(riskBand(undefined)).toBe('unknown');
    expect(riskBand(Number.NaN)).toBe('unknown');
  });
});
