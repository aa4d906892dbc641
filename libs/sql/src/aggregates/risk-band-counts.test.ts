import { RISK_BANDS, atOrAboveRiskBandSql } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { dailyRollupsTable, hourlyAggregatesTable } from '../schema/aggregate-tables.js';
import { RISK_BAND_COUNT_COLUMNS } from './risk-band-counts.js';

describe('RISK_BAND_COUNT_COLUMNS', () => {
  it("names the aggregates' band-count columns after libs/domain's RISK_BANDS floors", () => {
    expect(RISK_BAND_COUNT_COLUMNS).toEqual([
      { band: 'elevated', floor: RISK_BANDS.elevated, column: 'count_probability_above_0_6' },
      { band: 'high', floor: RISK_BANDS.high, column: 'count_probability_above_0_9' },
    ]);
    for (const table of [hourlyAggregatesTable, dailyRollupsTable]) {
      const counts = table.columns.filter((c) => c.name.startsWith('count_probability_'));
      expect(
        counts.map((c) => c.name),
        table.name,
      ).toEqual(RISK_BAND_COUNT_COLUMNS.map((b) => b.column));
    }
  });

  it('puts a probability at the floor in the band (>=)', () => {
    expect(atOrAboveRiskBandSql('r.failure_probability', 'elevated')).toBe('r.failure_probability >= 0.6');
    expect(atOrAboveRiskBandSql('failure_probability', 'high')).toBe('failure_probability >= 0.9');
  });
});
