import { describe, expect, it } from 'vitest';
import {
  AI4I_CSV_HEADER,
  ai4iRecordToReading,
  parseAi4iRow,
  readingToAi4iRow,
  type Ai4iRecord,
} from './ai4i-csv.js';
import { generateHistory } from './generate-history.js';
import type { LabelledReading } from './reading.js';

const noFailure = { machineFailure: false, TWF: false, HDF: false, PWF: false, OSF: false, RNF: false };
const reading: LabelledReading = {
  recordedAt: Date.UTC(2024, 0, 1),
  assetId: 'S01-L01-M0001',
  assetType: 'M',
  airTemperatureK: 298.1,
  processTemperatureK: 308.6,
  rotationalSpeedRpm: 1551,
  torqueNm: 42.8,
  toolWearMin: 0,
  labels: noFailure,
};

describe('AI4I_CSV_HEADER', () => {
  it('spells the published header exactly', () => {
    expect(AI4I_CSV_HEADER).toBe(
      'UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF',
    );
  });
});

describe('readingToAi4iRow', () => {
  it('writes the AI4I columns in order', () => {
    expect(readingToAi4iRow(reading, { udi: 1, productId: 'M14860' })).toBe(
      '1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0',
    );
  });

  it('rounds like AI4I and drops a trailing .0', () => {
    const raw = {
      ...reading,
      airTemperatureK: 299.96,
      processTemperatureK: 309.04,
      rotationalSpeedRpm: 1407.6,
      torqueNm: 40.01,
      toolWearMin: 8.7,
      labels: { ...noFailure, machineFailure: true, OSF: true, PWF: true },
    };
    expect(readingToAi4iRow(raw, { udi: 5, productId: 'L47184' })).toBe(
      '5,L47184,M,300,309,1408,40,9,1,0,0,1,1,0',
    );
  });

  it('refuses a UDI or Product ID that would break the layout', () => {
    expect(() => readingToAi4iRow(reading, { udi: 0, productId: 'M1' })).toThrow(RangeError);
    expect(() => readingToAi4iRow(reading, { udi: 1, productId: 'M1,2' })).toThrow(RangeError);
  });
});

describe('parseAi4iRow', () => {
  it('parses a published-style line into a record', () => {
    expect(parseAi4iRow('51,L47230,L,298.9,309.1,2861,4.6,143,1,0,0,1,0,0', 52)).toEqual({
      ok: true,
      record: {
        udi: 51,
        productId: 'L47230',
        assetType: 'L',
        airTemperatureK: 298.9,
        processTemperatureK: 309.1,
        rotationalSpeedRpm: 2861,
        torqueNm: 4.6,
        toolWearMin: 143,
        labels: { machineFailure: true, TWF: false, HDF: false, PWF: true, OSF: false, RNF: false },
      },
    });
  });

  it('ignores a Windows line ending', () => {
    expect(parseAi4iRow('1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0\r', 2).ok).toBe(true);
  });

  it('names line and column of a malformed field', () => {
    const result = parseAi4iRow('7,L47186,L,298.1,308.6,15x0,41.9,11,0,0,0,0,0,0', 8);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          line: 8,
          column: 6,
          columnName: 'Rotational speed [rpm]',
          message: 'line 8, column 6 (Rotational speed [rpm]): expected a decimal number, got "15x0"',
        },
      ],
    });
  });

  it('reports every malformed field of a line', () => {
    const result = parseAi4iRow('0,47186,X,,308.6,1550,NaN,11,2,0,0,0,0,yes', 3);
    expect(result.ok ? [] : result.problems.map((p) => [p.column, p.columnName])).toEqual([
      [1, 'UDI'],
      [2, 'Product ID'],
      [3, 'Type'],
      [4, 'Air temperature [K]'],
      [7, 'Torque [Nm]'],
      [9, 'Machine failure'],
      [14, 'RNF'],
    ]);
  });

  it('reports a wrong field count at the first missing or surplus column', () => {
    const short = parseAi4iRow('1,M14860,M,298.1', 2);
    expect(short.ok ? undefined : short.problems[0]).toMatchObject({
      line: 2,
      column: 5,
      columnName: '(row)',
    });
    const long = parseAi4iRow('1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0,extra', 9);
    expect(long.ok ? undefined : long.problems[0]?.message).toBe(
      'line 9, column 15 ((row)): expected 14 comma-separated fields, got 15',
    );
  });

  it('rejects the header line, so callers notice a header they forgot to skip', () => {
    expect(parseAi4iRow(AI4I_CSV_HEADER, 1).ok).toBe(false);
  });

  it('keeps inconsistent labels as they are, leaving the judgement to validateReading', () => {
    const result = parseAi4iRow('1,M1,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,1', 2);
    expect(result.ok && result.record.labels).toEqual({ ...noFailure, RNF: true });
  });
});

describe('AI4I round trip', () => {
  it('parses back exactly what it wrote for generated history', () => {
    const rows = [...generateHistory({ seed: 12, rows: 5_000, startMs: 0, intervalMs: 1_000 })];
    rows.forEach((r, i) => {
      const line = readingToAi4iRow(r, { udi: i + 1, productId: `${r.assetType}${String(10_000 + i)}` });
      const parsed = parseAi4iRow(line, i + 2);
      // The layout has no site or line; everything else survives unchanged because the generator already
      // quantises to AI4I resolution.
      const expected: Partial<LabelledReading> = { ...r };
      delete expected.siteId;
      delete expected.lineId;
      expect(
        parsed.ok && ai4iRecordToReading(parsed.record, { assetId: r.assetId, recordedAt: r.recordedAt }),
      ).toEqual(expected);
    });
  });

  it('places a record in the domain with the asset and instant the caller gives', () => {
    const record: Ai4iRecord = {
      udi: 1,
      productId: 'M14860',
      assetType: 'M',
      airTemperatureK: 298.1,
      processTemperatureK: 308.6,
      rotationalSpeedRpm: 1551,
      torqueNm: 42.8,
      toolWearMin: 0,
      labels: noFailure,
    };
    expect(
      ai4iRecordToReading(record, { assetId: 'S01-L01-M0001', recordedAt: Date.UTC(2024, 0, 1) }),
    ).toEqual(reading);
  });
});
