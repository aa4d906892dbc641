import { describe, expect, it } from 'vitest';
import { formatReadingLoadDataLine, formatUtcDateTime } from './format-reading-load-data-line.js';
import { READING_UPSERT_COLUMNS } from './upsert-readings.js';

describe('formatReadingLoadDataLine', () => {
  const line = formatReadingLoadDataLine({
    reading: {
      recordedAt: Date.UTC(2026, 10, 21, 9, 30, 15, 42),
      assetId: 'S01-L02-M0007',
      assetType: 'M',
      airTemperatureK: 298.1,
      processTemperatureK: 308.6,
      rotationalSpeedRpm: 1551,
      torqueNm: 42.8,
      toolWearMin: 3,
      labels: { machineFailure: true, TWF: false, HDF: true, PWF: false, OSF: false, RNF: false },
    },
    source: 'bulk',
    failureProbability: 0.25,
  });
  const fields = line.slice(0, -1).split('\t');

  it('writes one field per upsert column, in order, ending with a newline', () => {
    expect(line.endsWith('\n')).toBe(true);
    expect(fields).toHaveLength(READING_UPSERT_COLUMNS.length);
    expect(fields.slice(0, 3)).toEqual(['S01-L02-M0007', '2026-11-21 09:30:15.042', 'M']);
  });

  it('writes labels as 0/1, absent values as \\N', () => {
    const at = (c: (typeof READING_UPSERT_COLUMNS)[number]) => fields[READING_UPSERT_COLUMNS.indexOf(c)];
    expect([at('machine_failure'), at('hdf'), at('twf')]).toEqual(['1', '1', '0']);
    expect([at('failure_probability'), at('model_id'), at('stream_offset')]).toEqual(['0.25', '\\N', '\\N']);
    expect(at('source')).toBe('bulk');
  });

  it('formats instants in UTC with milliseconds', () => {
    expect(formatUtcDateTime(0)).toBe('1970-01-01 00:00:00.000');
  });
});
