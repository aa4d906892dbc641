import { describe, expect, it } from 'vitest';
import { RISK_BANDS } from './alert-episode-settings.js';
import { RISK_BAND_NAMES, atOrAboveRiskBandSql, riskBandOf } from './risk-bands.js';

describe('riskBandOf', () => {
  it('puts a probability at a threshold into that band (>=)', () => {
    expect(riskBandOf(RISK_BANDS.high)).toBe('high');
    expect(riskBandOf(RISK_BANDS.elevated)).toBe('elevated');
    expect(riskBandOf(1)).toBe('high');
  });

  it('puts a probability just below a threshold into the band beneath', () => {
    expect(riskBandOf(RISK_BANDS.high - 1e-9)).toBe('elevated');
    expect(riskBandOf(RISK_BANDS.elevated - 1e-9)).toBe('normal');
    expect(riskBandOf(0)).toBe('normal');
  });

  it('puts the band edges in the higher band (moved from the API, where the rule used to live)', () => {
    expect(riskBandOf(null)).toBe('unknown');
    expect(riskBandOf(0.59)).toBe('normal');
    expect(riskBandOf(0.6)).toBe('elevated');
    expect(riskBandOf(0.9)).toBe('high');
  });

  it('calls an unscored reading unknown', () => {
    expect(riskBandOf(null)).toBe('unknown');
  });

  it('names every band it can return', () => {
    for (const p of [null, 0, RISK_BANDS.elevated, RISK_BANDS.high])
      expect(RISK_BAND_NAMES).toContain(riskBandOf(p));
  });
});

describe('atOrAboveRiskBandSql', () => {
  it('writes the same >= rule with the domain thresholds', () => {
    expect(atOrAboveRiskBandSql('r.failure_probability', 'elevated')).toBe(
      `r.failure_probability >= ${String(RISK_BANDS.elevated)}`,
    );
    expect(atOrAboveRiskBandSql('failure_probability', 'high')).toBe(
      `failure_probability >= ${String(RISK_BANDS.high)}`,
    );
  });

  it('refuses anything but a column reference', () => {
    for (const bad of ['', 'p; DROP TABLE x', '1 OR 1', 'a.b.c', '`p`']) {
      expect(() => atOrAboveRiskBandSql(bad, 'high')).toThrow(/column reference/);
    }
  });
});
