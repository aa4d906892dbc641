import { createFleet, createFleetMasterData } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { ASSET_REGISTER_COLUMNS, formatAssetRegisterCsv, parseAssetRegister } from './asset-register-csv.js';

const NOW_MS = Date.UTC(2026, 5, 1);
const HEADER =
  'asset_id,manufacturer,model,installed_on,service_life_years,service_life_months,criticality,site_id,line_id';
const parse = (text: string) => parseAssetRegister(text, { file: 'register.csv', nowMs: NOW_MS });
const reasonsByLine = (text: string): Record<number, string[]> =>
  Object.fromEntries(parse(text).rejects.map((r) => [r.line, r.reasons.map((p) => `${p.path} ${p.reason}`)]));

describe('parseAssetRegister', () => {
  it('reads entries in any column order, with years or months of service life, trimmed and upper-cased', () => {
    const parsed = parse(
      [
        'criticality,asset_id,model,manufacturer,installed_on,service_life_years',
        ' b ,P-1,"Lathe 5, rev. ""B""", Alder Machine Works ,2015-04-01,12.5',
        'A,P-2,X1,Veskor Maschinenbau,2020-01-31,10',
      ].join('\r\n'),
    );
    expect(parsed.rejects).toEqual([]);
    expect(parsed.entries).toEqual([
      {
        line: 2,
        data: {
          assetId: 'P-1',
          manufacturer: 'Alder Machine Works',
          model: 'Lathe 5, rev. "B"',
          installedOn: '2015-04-01',
          serviceLifeMonths: 150,
          criticality: 'B',
        },
      },
      {
        line: 3,
        data: {
          assetId: 'P-2',
          manufacturer: 'Veskor Maschinenbau',
          model: 'X1',
          installedOn: '2020-01-31',
          serviceLifeMonths: 120,
          criticality: 'A',
        },
      },
    ]);
  });

  it('rejects every bad line with its line number and every reason, and keeps the good ones', () => {
    const text = [
      HEADER,
      'M1,Alder Machine Works,AMW T-220,2016-03-01,,180,A,S01,S01-L01',
      'M2,,AMW T-220,2016-02-30,,180,D,S01,S01-L01',
      '',
      'M3,Alder Machine Works,AMW T-220,2030-01-01,10,,B,,',
      'M4,Alder Machine Works,AMW T-220,2016-03-01,10,121,B,,',
      'M5,Alder Machine Works,AMW T-220,2016-03-01,,,C,S 1,',
      'M6,Alder Machine Works,"unterminated,2016-03-01,,12,C,,',
      'M7,Alder Machine Works,AMW T-220,2016-03-01,,12,C',
      'm1,Alder Machine Works,AMW T-220,2016-03-01,,180,A,S01,S01-L01',
      'M8,Alder Machine Works,AMW T-220,01/03/2016,10.1,,B,,',
      'M9,Alder Machine Works,AMW T-220,2016-03-01,,0,B,,',
      'M10,Alder Machine Works,AMW T-220,2016-03-01,10,120,C,,',
      '',
    ].join('\n');
    const parsed = parse(text);
    expect(parsed.entries.map((e) => [e.line, e.data.assetId])).toEqual([[13, 'M10']]);
    expect(parsed.blankLines).toBe(1);
    expect(parsed.entries.length + parsed.rejects.length + parsed.blankLines).toBe(12);
    expect(reasonsByLine(text)).toEqual({
      2: ['/asset_id duplicate_key'],
      3: ['/manufacturer missing', '/installed_on invalid_format', '/criticality unknown_criticality'],
      5: ['/installed_on future_date'],
      6: ['/service_life_months inconsistent'],
      7: ['/service_life_months missing', '/site_id invalid_format'],
      8: [' invalid_format'],
      9: [' field_count'],
      10: ['/asset_id duplicate_key'],
      11: ['/service_life_years invalid_format', '/installed_on invalid_format'],
      12: ['/service_life_months out_of_range'],
    });
    const duplicate = parsed.rejects.find((r) => r.line === 10);
    expect(duplicate).toMatchObject({
      file: 'register.csv',
      record: 'm1,Alder Machine Works,AMW T-220,2016-03-01,,180,A,S01,S01-L01',
    });
    expect(duplicate?.reasons[0]?.message).toMatch(/on lines 2, 10/);
  });

  it('refuses a header that lacks a required column, names an unknown one or repeats one', () => {
    expect(() => parse('asset_id,manufacturer,model,installed_on,criticality\n')).toThrow(
      /needs service_life_years or service_life_months/,
    );
    expect(() => parse(`${HEADER},cost_centre\n`)).toThrow(/"cost_centre" is not a register column/);
    expect(() => parse(`${HEADER},model\n`)).toThrow(/names model twice/);
    expect(() => parse('')).toThrow(/header column asset_id is missing/);
  });

  it('reads a UTF-8 BOM header as Excel writes it', () => {
    expect(parse(`\uFEFF${HEADER}\nM1,A,B,2016-03-01,,12,C,,\n`).entries).toHaveLength(1);
  });

  it('reads back what formatAssetRegisterCsv writes for the simulated fleet', () => {
    const fleet = createFleet({ seed: 7, assets: 12, sites: 2, linesPerSite: 2 });
    const register = createFleetMasterData({ seed: 7, fleet, asOfMs: NOW_MS });
    const text = formatAssetRegisterCsv([
      ...register,
      { ...register[0]!, assetId: 'Q-1', model: 'Odd, "quoted"' },
    ]);
    expect(text.split('\n')[0]).toBe(ASSET_REGISTER_COLUMNS.join(','));
    const parsed = parse(text);
    expect(parsed.rejects).toEqual([]);
    expect(parsed.entries.map((e) => e.data)).toEqual([
      ...register,
      { ...register[0], assetId: 'Q-1', model: 'Odd, "quoted"' },
    ]);
  });
});
