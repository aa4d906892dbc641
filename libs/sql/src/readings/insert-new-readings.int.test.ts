import { createFleet, createLiveStream, deriveFeatures, type Reading } from '@lakehouse/domain';
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { insertNewReadings } from './insert-new-readings.js';
import { upsertReadings, type ReadingToStore } from './upsert-readings.js';

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0, 0);
const reading = (i: number, overrides: Partial<Reading> = {}): Reading => ({
  recordedAt: T0 + i * 1_000 + (i % 7),
  assetId: `S01-L01-M${String(i % 5).padStart(4, '0')}`,
  assetType: 'M',
  airTemperatureK: 298.1,
  processTemperatureK: 308.6,
  rotationalSpeedRpm: 1_551,
  torqueNm: 42.8,
  toolWearMin: i % 200,
  labels: { machineFailure: i % 3 === 0, TWF: i % 3 === 0, HDF: false, PWF: false, OSF: false, RNF: false },
  ...overrides,
});
const batch = (n: number, from = 0, extra: Partial<ReadingToStore> = {}): ReadingToStore[] =>
  Array.from({ length: n }, (_, k) => ({
    reading: reading(from + k),
    source: 'stream' as const,
    streamOffset: from + k,
    ...extra,
  }));

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await db.pool.query('DELETE FROM readings');
});

async function inTransaction<T>(work: (conn: PoolConnection) => Promise<T>): Promise<T> {
  const conn = await db.pool.getConnection();
  try {
    await conn.beginTransaction();
    const result = await work(conn);
    await conn.commit();
    return result;
  } finally {
    conn.release();
  }
}

async function rows(): Promise<RowDataPacket[]> {
  const [r] = await db.pool.query<RowDataPacket[]>(
    'SELECT asset_id, recorded_at, torque_nm, power_w, twf, failure_probability, model_id, stream_offset FROM readings ORDER BY asset_id, recorded_at',
  );
  return r;
}

describe('insertNewReadings', () => {
  it('stores a batch of new readings exactly as the upsert would', async () => {
    const items = batch(500, 0, { failureProbability: 0.25, modelId: 3 });
    expect(await inTransaction((c) => insertNewReadings(c, items))).toBe(true);
    const fast = await rows();
    await db.pool.query('DELETE FROM readings');
    await upsertReadings(db.pool, items);
    expect(fast).toEqual(await rows());
    expect(fast).toHaveLength(500);
  });

  it('stores the derived features the server computes bit for bit as libs/domain computes them', async () => {
    const stream = createLiveStream({
      seed: 5,
      fleet: createFleet({ seed: 5, assets: 40 }),
      startMs: T0,
      intervalMs: 250,
    });
    const items = Array.from({ length: 2_000 }, () => ({
      reading: stream.next().value,
      source: 'stream' as const,
    }));
    expect(await inTransaction((c) => insertNewReadings(c, items))).toBe(true);
    // Read through the binary protocol: MariaDB's text protocol prints some doubles 1 ulp off (9.299999999999955
    // comes back as 9.299999999999956), which would hide what is stored.
    const [stored] = await db.pool.execute<RowDataPacket[]>(
      'SELECT asset_id, recorded_at, power_w, temperature_difference_k, overstrain_min_nm FROM readings',
    );
    const byKey = new Map(
      stored.map((r) => [`${String(r.asset_id)} ${(r.recorded_at as Date).getTime()}`, r]),
    );
    expect(byKey.size).toBe(2_000);
    for (const { reading: r } of items) {
      const f = deriveFeatures(r);
      const row = byKey.get(`${r.assetId} ${r.recordedAt}`);
      expect([row?.power_w, row?.temperature_difference_k, row?.overstrain_min_nm]).toEqual([
        f.powerW,
        f.temperatureDifferenceK,
        f.overstrainMinNm,
      ]);
    }
  });

  it('leaves nothing behind and says so when any row already exists (a redelivery)', async () => {
    await upsertReadings(db.pool, batch(10, 0));
    const before = await rows();
    expect(await inTransaction((c) => insertNewReadings(c, batch(20, 5)))).toBe(false);
    expect(await rows()).toEqual(before);
  });

  it('leaves nothing behind when the database refuses a row', async () => {
    const refused = batch(5);
    refused[2] = { ...(refused[2] as ReadingToStore), reading: reading(2, { torqueNm: 900 }) };
    expect(await inTransaction((c) => insertNewReadings(c, refused))).toBe(false);
    expect(await rows()).toEqual([]);
  });

  it('keeps the rest of the transaction when it backs off', async () => {
    await upsertReadings(db.pool, batch(1, 0));
    await inTransaction(async (c) => {
      await c.query(
        "INSERT INTO failure_events (asset_id, occurred_at, event_kind) VALUES ('S01-L01-M0001', '2026-01-01 00:00:00', 'maintenance')",
      );
      expect(await insertNewReadings(c, batch(3, 0))).toBe(false);
    });
    const [events] = await db.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM failure_events');
    expect(Number(events[0]?.n)).toBe(1);
  });
});
