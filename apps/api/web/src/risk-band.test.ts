import { RISK_BANDS } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { ELEVATED_THRESHOLD, HIGH_THRESHOLD, RISK_LABELS, RISK_TITLES, riskBand } from './risk-band.js';

describe('riskBand', () => {
  // The bundle imports the bands from @lakehouse/domain/browser; this pins that they are the main entry's.
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

  it('writes the thresholds into the labels people read', () => {
    expect(RISK_LABELS).toEqual({
      normal: 'Normal (< 60 %)',
      elevated: 'Elevated (≥ 60 %)',
      high: 'High (≥ 90 %)',
      unknown: 'Not scored',
    });
    expect(RISK_TITLES.high).toBe('High risk: failure probability ≥ 90 %');
    expect(RISK_TITLES.normal).toBe('Normal: failure probability below 60 %');
  });
});
