import { describe, expect, it } from 'vitest';
import { riskBand } from './risk-band.js';

describe('riskBand', () => {
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
