import type { Reading } from '@lakehouse/domain';
import type { RowDataPacket } from 'mysql2/promise';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertAssetsFromReadings } from '../assets/upsert-assets.js';
import { loadDataLocalInfile } from '../load-data-local-infile.js';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { READING_LOAD_DATA_LAYOUT, formatReadingLoadDataLine } from './format-reading-load-data-line.js';
import { upsertReadings, type ReadingToStore } from './upsert-readings.js';

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0, 0);

function aReading(i: number, overrides: Partial<Reading> = {}): Reading {
  return {
    recordedAt: T0 + i * 1_000 + (i % 7), // millisecond precision must survive the round trip
    assetId: `S01-L01-M${String(i % 5).padStart(4, '0')}`,
    assetType: (['L', 'M', 'H'] as const)[i % 3] ?? 'L',
    siteId: 'S01',
    lineId: 'L01',
    airTemperatureK: 298.1 + (i % 10) / 10,
    processTemperatureK: 308.6 + (i % 10) / 10,
    rotationalSpeedRpm: 1_551,
    torqueNm: 42.8,
    toolWearMin: i % 200,
    ...overrides,
  };
}

const batch = (n: number, from = 0): ReadingToStore[] =>
  Array.from({ length: n }, (_, k) => ({
    reading: aReading(from + k),
    source: 'stream' as const,
    streamPartition: 0,
    streamOffset: from + k,
  }));

async function count(db: TestDatabase, table = 'readings'): Promise<number> {
  const [rows] = await db.pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0]?.['n']);
}

describe('upsertReadings against MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.pool.query('TRUNCATE TABLE readings');
  });

  it('stores a batch with derived features and exact millisecond timestamps', async () => {
    const items = batch(50);
    const result = await upsertReadings(db.pool, items);
    expect(result).toEqual({ rows: 50, changed: 0, statements: 1 });
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT recorded_at, power_w, temperature_difference_k, overstrain_min_nm, failure_probability FROM readings WHERE asset_id = ? AND recorded_at = ?',
      [items[3]?.reading.assetId, new Date(items[3]?.reading.recordedAt ?? 0)],
    );
    const row = rows[0];
    expect((row?.['recorded_at'] as Date).getTime()).toBe(items[3]?.reading.recordedAt);
    // 42.8 Nm x 1551 rpm x 2π/60 rad/s = 6951.59 W
    expect(row?.['power_w']).toBeCloseTo(6951.59, 1);
    expect(row?.['temperature_difference_k']).toBeCloseTo(10.5, 6);
    expect(row?.['overstrain_min_nm']).toBeCloseTo(3 * 42.8, 6);
    expect(row?.['failure_probability']).toBeNull();
  });

  it('creates no duplicates when the same batch is delivered again', async () => {
    const items = batch(300);
    await upsertReadings(db.pool, items);
    const again = await upsertReadings(db.pool, items);
    expect(again.changed).toBe(0);
    expect(await count(db)).toBe(300);
  });

  it('keeps one row per key when a retried batch overlaps and corrects earlier rows', async () => {
    await upsertReadings(db.pool, batch(100));
    const corrected = batch(100, 50).map((item, k) =>
      k === 0 ? { ...item, reading: { ...item.reading, torqueNm: 50 }, failureProbability: 0.7 } : item,
    );
    const result = await upsertReadings(db.pool, corrected);
    expect(result.changed).toBe(1);
    expect(await count(db)).toBe(150);
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT torque_nm, failure_probability FROM readings WHERE asset_id = ? AND recorded_at = ?',
      [corrected[0]?.reading.assetId, new Date(corrected[0]?.reading.recordedAt ?? 0)],
    );
    expect(rows[0]).toMatchObject({ torque_nm: 50, failure_probability: 0.7 });
  });

  it('keeps an existing score when a redelivery carries none', async () => {
    const [first] = batch(1);
    if (!first) throw new Error('no item');
    await upsertReadings(db.pool, [{ ...first, failureProbability: 0.93, modelId: 4 }]);
    await upsertReadings(db.pool, [first]);
    const [rows] = await db.pool.query<RowDataPacket[]>('SELECT failure_probability, model_id FROM readings');
    expect(rows[0]).toMatchObject({ failure_probability: 0.93, model_id: 4 });
  });

  it('writes large batches atomically across several statements', async () => {
    const result = await upsertReadings(db.pool, batch(2_500), { rowsPerStatement: 1_000 });
    expect(result.statements).toBe(3);
    expect(await count(db)).toBe(2_500);
    const poisoned = batch(2_500, 10_000);
    // Row 2,400 sits in the third statement; the database rejects it, and the first two must roll back.
    poisoned[2_400] = {
      ...poisoned[2_400]!,
      reading: { ...poisoned[2_400]!.reading, processTemperatureK: 900 },
    };
    await expect(upsertReadings(db.pool, poisoned, { rowsPerStatement: 1_000 })).rejects.toMatchObject({
      code: 'SQL_ROW_INVALID',
      retryable: false,
    });
    expect(await count(db)).toBe(2_500);
  });

  it('rejects a non-finite measure before the database, naming row and field', async () => {
    const items = batch(3);
    items[1] = { ...items[1]!, reading: { ...items[1]!.reading, torqueNm: Number.NaN } };
    await expect(upsertReadings(db.pool, items)).rejects.toMatchObject({
      code: 'SQL_ROW_INVALID',
      message: expect.stringMatching(/row 1 .*\/torqueNm must be a finite number/),
    });
    expect(await count(db)).toBe(0);
  });

  it('reports a row the database rejects with the constraint it broke', async () => {
    const items = batch(3);
    items[2] = { ...items[2]!, reading: { ...items[2]!.reading, airTemperatureK: 1_000 } };
    await expect(upsertReadings(db.pool, items)).rejects.toMatchObject({
      code: 'SQL_ROW_INVALID',
      message: expect.stringMatching(/readings_air_temperature_range/),
    });
    expect(await count(db)).toBe(0);
  });

  it('loads the same rows through LOAD DATA LOCAL INFILE, idempotently', async () => {
    const items = batch(400);
    const load = () =>
      loadDataLocalInfile(db.pool, {
        table: 'readings',
        ...READING_LOAD_DATA_LAYOUT,
        stream: Readable.from(items.map(formatReadingLoadDataLine)),
      });
    expect((await load()).warningCount).toBe(0);
    await load();
    expect(await count(db)).toBe(400);
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT SUM(tool_wear_min) AS wear, SUM(failure_probability IS NULL) AS unscored FROM readings',
    );
    expect(Number(rows[0]?.['wear'])).toBe(items.reduce((s, i) => s + i.reading.toolWearMin, 0));
    expect(Number(rows[0]?.['unscored'])).toBe(400);
  });

  it('registers assets with their first and last sighting', async () => {
    await upsertAssetsFromReadings(
      db.pool,
      batch(20).map((i) => i.reading),
    );
    await upsertAssetsFromReadings(
      db.pool,
      batch(5, 100).map((i) => i.reading),
    );
    const [rows] = await db.pool.query<RowDataPacket[]>(
      'SELECT asset_id, first_seen_at, last_seen_at FROM assets ORDER BY asset_id',
    );
    expect(rows).toHaveLength(5);
    expect((rows[0]?.['first_seen_at'] as Date).getTime()).toBe(aReading(0).recordedAt);
    expect((rows[0]?.['last_seen_at'] as Date).getTime()).toBe(aReading(100).recordedAt);
  });
});
