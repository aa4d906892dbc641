import { FAILURE_MODES, MEASURES, deriveFeatures } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { READING_UPSERT_COLUMNS } from '../readings/upsert-readings.js';
import { assetsTable } from './asset-tables.js';
import { READING_COLUMN_FIELDS } from './reading-column-fields.js';
import { readingsTable } from './reading-tables.js';

const snake = (field: string): string =>
  /^[A-Z]+$/.test(field) ? field.toLowerCase() : field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('READING_COLUMN_FIELDS', () => {
  it('maps every readings column, in table order, then site and line of assets', () => {
    expect(Object.values(READING_COLUMN_FIELDS)).toEqual([
      ...readingsTable.columns.map((c) => c.name),
      'site_id',
      'line_id',
    ]);
  });

  it('names the domain fields: key, type, the five measures, the features, the labels, the stored extras', () => {
    // The stored features: every one deriveFeatures computes but the ratio, which is recomputed from the variant.
    const features = Object.keys(
      deriveFeatures({
        assetType: 'L',
        airTemperatureK: 300,
        processTemperatureK: 310,
        rotationalSpeedRpm: 1500,
        torqueNm: 40,
        toolWearMin: 10,
      }),
    ).filter((k) => k !== 'overstrainRatio');
    expect(Object.keys(READING_COLUMN_FIELDS)).toEqual([
      'assetId',
      'recordedAt',
      'assetType',
      ...MEASURES,
      ...features,
      'machineFailure',
      ...FAILURE_MODES,
      'failureProbability',
      'modelId',
      'source',
      'streamPartition',
      'streamOffset',
      'ingestedAt',
      'siteId',
      'lineId',
    ]);
  });

  it('pairs each field with its snake_case column (labels lower-cased)', () => {
    for (const [field, column] of Object.entries(READING_COLUMN_FIELDS))
      expect(column, field).toBe(snake(field));
  });

  it('types measures and features DOUBLE, labels nullable TINYINT, as the table defines them', () => {
    const type = (field: keyof typeof READING_COLUMN_FIELDS): string | undefined =>
      [...readingsTable.columns, ...assetsTable.columns].find((c) => c.name === READING_COLUMN_FIELDS[field])
        ?.type;
    for (const m of [...MEASURES, 'powerW', 'temperatureDifferenceK', 'overstrainMinNm'] as const)
      expect(type(m), m).toBe('DOUBLE');
    for (const l of ['machineFailure', ...FAILURE_MODES] as const) {
      expect(type(l), l).toBe('TINYINT');
      expect(readingsTable.columns.find((c) => c.field === l)?.nullable, l).toBe(true);
    }
    expect(type('recordedAt')).toBe('DATETIME(3)');
    expect(type('failureProbability')).toBe('DOUBLE');
  });

  it('covers the upsert columns, which are every readings column but the defaulted ingested_at', () => {
    expect([...READING_UPSERT_COLUMNS]).toEqual(
      Object.values(READING_COLUMN_FIELDS).filter((c) => !['ingested_at', 'site_id', 'line_id'].includes(c)),
    );
  });
});
