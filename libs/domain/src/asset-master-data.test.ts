import { describe, expect, it } from 'vitest';
import { calendarDateMs, toCalendarDate, validateAssetMasterData } from './asset-master-data.js';

const NOW_MS = Date.UTC(2026, 5, 15, 12);
const good = {
  assetId: 'S01-L01-M0001',
  manufacturer: '  Alder Machine Works ',
  model: 'AMW T-220',
  installedOn: '2016-03-01',
  serviceLifeMonths: 180,
  criticality: 'A',
  siteId: 'S01',
};

const reasons = (input: unknown): string[] => {
  const result = validateAssetMasterData(input, { nowMs: NOW_MS });
  return result.ok ? [] : result.problems.map((p) => `${p.path} ${p.reason}`);
};

describe('validateAssetMasterData', () => {
  it('accepts a register entry and trims the names', () => {
    expect(validateAssetMasterData(good, { nowMs: NOW_MS })).toEqual({
      ok: true,
      value: { ...good, manufacturer: 'Alder Machine Works' },
    });
  });

  it('reports every problem of an entry at once', () => {
    expect(
      reasons({
        assetId: 'has space',
        manufacturer: '',
        model: 7,
        installedOn: '2016-02-30',
        serviceLifeMonths: 12.5,
        criticality: '1',
        lineId: 'L 1',
        colour: 'red',
      }),
    ).toEqual([
      '/colour unknown_field',
      '/assetId invalid_format',
      '/manufacturer missing',
      '/model wrong_type',
      '/lineId invalid_format',
      '/installedOn invalid_format',
      '/serviceLifeMonths wrong_type',
      '/criticality unknown_criticality',
    ]);
  });

  it('refuses install dates in the future or before 1950, and lives outside 1..1200 months', () => {
    expect(reasons({ ...good, installedOn: '2026-06-16' })).toEqual(['/installedOn future_date']);
    expect(reasons({ ...good, installedOn: '2026-06-15' })).toEqual([]);
    expect(reasons({ ...good, installedOn: '1949-12-31' })).toEqual(['/installedOn out_of_range']);
    expect(reasons({ ...good, serviceLifeMonths: 0 })).toEqual(['/serviceLifeMonths out_of_range']);
    expect(reasons({ ...good, serviceLifeMonths: 1_201 })).toEqual(['/serviceLifeMonths out_of_range']);
  });

  it('requires every field but site and line, and names too long a model', () => {
    expect(reasons({})).toEqual([
      '/assetId missing',
      '/manufacturer missing',
      '/model missing',
      '/installedOn missing',
      '/serviceLifeMonths missing',
      '/criticality missing',
    ]);
    expect(reasons({ ...good, model: 'x'.repeat(129) })).toEqual(['/model too_long']);
    expect(reasons({ ...good, installedOn: 20160301 })).toEqual(['/installedOn wrong_type']);
    expect(reasons({ ...good, siteId: 5 })).toEqual(['/siteId wrong_type']);
    expect(reasons([good])).toEqual([' not_an_object']);
  });
});

describe('calendar dates', () => {
  it('parse only real days and format instants as their UTC day', () => {
    expect(calendarDateMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(calendarDateMs('2023-02-29')).toBeUndefined();
    expect(calendarDateMs('2024-2-1')).toBeUndefined();
    expect(calendarDateMs('0050-01-01')).toBe(new Date('0050-01-01T00:00:00Z').getTime());
    expect(toCalendarDate(Date.UTC(2026, 0, 1, 23, 59))).toBe('2026-01-01');
  });
});
