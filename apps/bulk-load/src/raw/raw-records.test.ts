import { describe, expect, it } from 'vitest';
import { RAW_READING_COLUMN_NAMES } from './raw-reading-columns.js';
import { rawFileFormat } from './read-raw-records.js';
import { splitCsvLine } from './split-csv-line.js';
import { toReadingToStore } from './to-reading-to-store.js';
import { rawCsvHeader, rawCsvLine } from './write-raw-readings.js';

const NOW = Date.UTC(2026, 5, 1);
const reading = {
  recordedAt: Date.UTC(2026, 0, 1, 0, 0, 0, 250),
  assetId: 'M-1',
  assetType: 'L' as const,
  siteId: 'site-a',
  airTemperatureK: 300,
  processTemperatureK: 310,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: 10,
};

describe('raw readings', () => {
  it('derives its layout from the readings and assets tables', () => {
    expect(RAW_READING_COLUMN_NAMES).toEqual([
      'asset_id',
      'recorded_at',
      'asset_type',
      'site_id',
      'line_id',
      'air_temperature_k',
      'process_temperature_k',
      'rotational_speed_rpm',
      'torque_nm',
      'tool_wear_min',
      'machine_failure',
      'twf',
      'hdf',
      'pwf',
      'osf',
      'rnf',
      'failure_probability',
    ]);
  });

  it('round-trips a CSV line through the validation of libs/domain', () => {
    const header = rawCsvHeader().trimEnd().split(',');
    const fields = rawCsvLine({ reading, failureProbability: 0.7 }).trimEnd().split(',');
    const record = Object.fromEntries(header.map((h, i) => [h, fields[i]]));
    const result = toReadingToStore(record, NOW);
    expect(result).toEqual({ ok: true, item: { reading, source: 'bulk', failureProbability: 0.7 } });
  });

  it('accepts the domain camelCase shape of JSON lines, with a failure probability', () => {
    expect(toReadingToStore({ ...reading, failureProbability: 0.2 }, NOW)).toMatchObject({
      ok: true,
      item: { failureProbability: 0.2 },
    });
  });

  it('reports every problem of a bad record, including unknown columns and a bad probability', () => {
    const result = toReadingToStore(
      {
        asset_id: 'M-1',
        recorded_at: 'yesterday',
        asset_type: 'L',
        torque_nm: 'x',
        colour: 'red',
        failure_probability: '2',
      },
      NOW,
    );
    expect(result.ok).toBe(false);
    const reasons = result.ok ? [] : result.problems.map((p) => `${p.path}:${p.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        '/recordedAt:wrong_type',
        '/torqueNm:wrong_type',
        '/airTemperatureK:missing',
        '/colour:unknown_field',
        '/failureProbability:out_of_range',
      ]),
    );
  });

  it('splits quoted CSV fields and reports an unterminated quote', () => {
    expect(splitCsvLine('a,"b,c","d""e",')).toEqual({ ok: true, fields: ['a', 'b,c', 'd"e', ''] });
    expect(splitCsvLine('a,"b')).toEqual({ ok: false, message: 'unterminated quoted field' });
    expect(splitCsvLine('"a"x,b').ok).toBe(false);
  });

  it('knows the formats by extension', () => {
    expect(['a.csv', 'b.JSONL', 'c.ndjson', 'd.parquet', 'e.txt'].map(rawFileFormat)).toEqual([
      'csv',
      'jsonl',
      'jsonl',
      'parquet',
      undefined,
    ]);
  });
});
