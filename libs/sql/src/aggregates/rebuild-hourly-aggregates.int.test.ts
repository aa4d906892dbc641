import type { Reading } from '@lakehouse/domain';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAssetsFromReadings } from '../assets/upsert-assets.js';
import { upsertReadings } from '../readings/upsert-readings.js';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { rebuildHourlyAggregates } from './rebuild-hourly-aggregates.js';

const H0 = Date.UTC(2026, 0, 1, 8, 0, 0);
// Two assets, hours 8 and 9; asset A has probabilities 0.5, 0.7, 0.95 in hour 8 and a labelled failure.
const reading = (assetId: string, atMs: number, torqueNm: number, failed = false): Reading => ({
  recordedAt: atMs,
  assetId,
  assetType: 'M',
  siteId: 'site-1',
  lineId: 'line-1',
  airTemperatureK: 300,
  processTemperatureK: 310,
  rotationalSpeedRpm: 1_500,
  torqueNm,
  toolWearMin: 10,
  labels: { machineFailure: failed, TWF: failed, HDF: false, PWF: false, OSF: false, RNF: false },
});
const stored = [
  { reading: reading('A', H0 + 60_000, 30), failureProbability: 0.5 },
  { reading: reading('A', H0 + 120_000, 40), failureProbability: 0.7 },
  { reading: reading('A', H0 + 180_000, 50, true), failureProbability: 0.95 },
  { reading: reading('B', H0 + 60_000, 20) },
  { reading: reading('A', H0 + 3_600_000, 60), failureProbability: 0.1 },
];

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await upsertReadings(
    db.pool,
    stored.map((s) => ({ ...s, source: 'bulk' as const })),
  );
  await upsertAssetsFromReadings(
    db.pool,
    stored.map((s) => s.reading),
  );
});
afterAll(async () => {
  await db.close();
});

async function aggregates(): Promise<RowDataPacket[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT asset_id, DATE_FORMAT(hour_start, '%H') AS hour, site_id, reading_count, scored_count, mean_torque_nm,
       max_torque_nm, mean_failure_probability, min_failure_probability, max_failure_probability,
       count_probability_above_0_6, count_probability_above_0_9, failure_count
     FROM hourly_aggregates ORDER BY asset_id, hour_start`,
  );
  return rows;
}

describe('rebuildHourlyAggregates', () => {
  it('aggregates every asset-hour with the measures, band counts and labelled failures', async () => {
    await rebuildHourlyAggregates(db.pool);
    const rows = await aggregates();
    expect(rows.map((r) => [r['asset_id'], r['hour'], r['reading_count']])).toEqual([
      ['A', '08', 3],
      ['A', '09', 1],
      ['B', '08', 1],
    ]);
    const a8 = rows[0] as RowDataPacket;
    expect(a8['site_id']).toBe('site-1');
    expect(Number(a8['mean_torque_nm'])).toBeCloseTo(40, 9);
    expect(Number(a8['max_torque_nm'])).toBe(50);
    expect(Number(a8['mean_failure_probability'])).toBeCloseTo((0.5 + 0.7 + 0.95) / 3, 9);
    expect([a8['scored_count'], a8['min_failure_probability'], a8['max_failure_probability']]).toEqual([
      3, 0.5, 0.95,
    ]);
    expect([
      a8['count_probability_above_0_6'],
      a8['count_probability_above_0_9'],
      a8['failure_count'],
    ]).toEqual([2, 1, 1]);
    // Unscored readings count nowhere in the bands, and not as scored.
    expect(rows[2]?.['count_probability_above_0_6']).toBe(0);
    expect([rows[2]?.['scored_count'], rows[2]?.['min_failure_probability']]).toEqual([0, null]);
  });

  it('rebuilds only the hours of [fromMs, toMs) when both are given', async () => {
    await db.pool.query('UPDATE hourly_aggregates SET reading_count = 77');
    await rebuildHourlyAggregates(db.pool, { fromMs: H0 + 30_000, toMs: H0 + 3_600_000 });
    const rows = await aggregates();
    expect(rows.map((r) => [r['asset_id'], r['hour'], r['reading_count']])).toEqual([
      ['A', '08', 3],
      ['A', '09', 77],
      ['B', '08', 1],
    ]);
  });

  it('refreshes only the hours from fromMs on', async () => {
    await db.pool.query('UPDATE hourly_aggregates SET reading_count = 99');
    await db.pool.query(
      `UPDATE readings SET torque_nm = 61 WHERE asset_id = 'A' AND recorded_at >= '2026-01-01 09:00:00'`,
    );
    await rebuildHourlyAggregates(db.pool, { fromMs: H0 + 3_600_000 + 1_234 });
    const rows = await aggregates();
    expect(rows.map((r) => [r['asset_id'], r['hour'], r['reading_count']])).toEqual([
      ['A', '08', 99],
      ['A', '09', 1],
      ['B', '08', 99],
    ]);
    expect(Number(rows[1]?.['mean_torque_nm'])).toBe(61);
  });
});
