import { describe, expect, it } from 'vitest';
import { formatReadingLoadDataLine, formatUtcDateTime } from './format-reading-load-data-line.js';
import { createFleet, createLiveStream } from '@lakehouse/domain';
import { READING_LOAD_DATA_LAYOUT } from './format-reading-load-data-line.js';
import { READING_UPSERT_COLUMNS, readingColumnValues, type ReadingToStore } from './upsert-readings.js';

const COLUMNS = READING_LOAD_DATA_LAYOUT.columns;

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

  it('writes one field per layout column, in order, ending with a newline; the server derives the features', () => {
    expect(line.endsWith('\n')).toBe(true);
    expect(fields).toHaveLength(COLUMNS.length);
    expect([...COLUMNS, 'power_w', 'temperature_difference_k', 'overstrain_min_nm'].sort()).toEqual(
      [...READING_UPSERT_COLUMNS].sort(),
    );
    expect(READING_LOAD_DATA_LAYOUT.set).toEqual([
      'power_w = torque_nm * rotational_speed_rpm * (2 * PI() / 60)',
      'temperature_difference_k = process_temperature_k - air_temperature_k',
      'overstrain_min_nm = tool_wear_min * torque_nm',
    ]);
    expect(fields.slice(0, 3)).toEqual(['S01-L02-M0007', '2026-11-21 09:30:15.042', 'M']);
  });

  it('writes labels as 0/1, absent values as \\N', () => {
    const at = (c: string) => fields[COLUMNS.indexOf(c)];
    expect([at('machine_failure'), at('hdf'), at('twf')]).toEqual(['1', '1', '0']);
    expect([at('failure_probability'), at('model_id'), at('stream_offset')]).toEqual(['0.25', '\\N', '\\N']);
    expect(at('source')).toBe('bulk');
  });

  it('formats instants in UTC with milliseconds, across minutes, days and years', () => {
    expect(formatUtcDateTime(0)).toBe('1970-01-01 00:00:00.000');
    for (let ms = Date.UTC(2024, 1, 28, 23, 58); ms < Date.UTC(2024, 1, 29, 0, 3); ms += 997) {
      const iso = new Date(ms).toISOString();
      expect(formatUtcDateTime(ms)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`);
    }
    for (const ms of [Date.UTC(2025, 11, 31, 23, 59, 59, 999), Date.UTC(2026, 0, 1), 1, 59_999, 60_000]) {
      const iso = new Date(ms).toISOString();
      expect(formatUtcDateTime(ms)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`);
    }
  });
});

describe('formatReadingLoadDataLine against the generic column mapping', () => {
  it('writes exactly readingColumnValues, tab-separated, for every shape of row', () => {
    const fleet = createFleet({ seed: 9, assets: 7 });
    const labelled = createLiveStream({
      seed: 9,
      fleet,
      startMs: Date.UTC(2025, 0, 1),
      intervalMs: 997,
      includeLabels: true,
    });
    const generic = (item: ReadingToStore): string => {
      const values = readingColumnValues(item);
      return `${COLUMNS.map(
        (c) => values[READING_UPSERT_COLUMNS.indexOf(c as (typeof READING_UPSERT_COLUMNS)[number])],
      )
        .map((v) => (v === null ? '\\N' : v instanceof Date ? formatUtcDateTime(v.getTime()) : String(v)))
        .join('\t')}\n`;
    };
    for (let i = 0; i < 500; i += 1) {
      const { labels, ...unlabelled } = labelled.next().value;
      const item: ReadingToStore = {
        reading: i % 2 === 0 ? { ...unlabelled, labels } : unlabelled,
        source: (['stream', 'bulk', 'replay'] as const)[i % 3] ?? 'stream',
        ...(i % 4 === 0 ? { failureProbability: i / 997, modelId: 3 } : {}),
        ...(i % 5 === 0 ? { streamPartition: i % 6, streamOffset: i * 1_000 } : {}),
      };
      expect(formatReadingLoadDataLine(item)).toBe(generic(item));
    }
  });
});
