import { createSqlPool, migrate } from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, stackDir, type ThrowawaySchema } from '@lakehouse/testing';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHourlyAggregates } from './build-hourly-aggregates.js';
import { loadSampleHistory } from './load-sample-history.js';

const options = {
  seed: 7,
  rows: 6_000,
  assets: 10,
  sites: 2,
  linesPerSite: 2,
  startMs: Date.UTC(2026, 0, 1),
  intervalMs: 60_000,
};

describe('the demo load against MariaDB', () => {
  let schema: ThrowawaySchema;
  let pool: Pool;
  beforeAll(async () => {
    schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)));
    pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 5_000 });
    await migrate(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
  });

  const scalar = async (sql: string): Promise<number> => {
    const [rows] = await pool.query<RowDataPacket[]>(sql);
    return Number(Object.values(rows[0] ?? {})[0]);
  };

  it('loads every generated reading, the fleet and the labelled failures', async () => {
    const result = await loadSampleHistory(pool, options);
    expect(result.rows).toBe(6_000);
    expect(result.assets).toBe(10);
    expect(await scalar('SELECT COUNT(*) FROM readings')).toBe(6_000);
    expect(
      await scalar('SELECT COUNT(*) FROM assets WHERE site_id IS NOT NULL AND line_id IS NOT NULL'),
    ).toBe(10);
    expect(await scalar('SELECT COUNT(*) FROM failure_events')).toBe(
      await scalar('SELECT SUM(machine_failure) FROM readings'),
    );
    expect(result.failures).toBeGreaterThan(0);
  });

  it('is idempotent: a second run with the same seed leaves the same rows', async () => {
    const before = await scalar('SELECT SUM(torque_nm) FROM readings');
    await loadSampleHistory(pool, options);
    expect(await scalar('SELECT COUNT(*) FROM readings')).toBe(6_000);
    expect(await scalar('SELECT SUM(torque_nm) FROM readings')).toBeCloseTo(before, 6);
    expect(await scalar('SELECT COUNT(*) FROM failure_events')).toBe(
      await scalar('SELECT SUM(machine_failure) FROM readings'),
    );
  });

  it('builds hourly aggregates that add up to the readings', async () => {
    await buildHourlyAggregates(pool);
    expect(await scalar('SELECT SUM(reading_count) FROM hourly_aggregates')).toBe(6_000);
    expect(await scalar('SELECT SUM(failure_count) FROM hourly_aggregates')).toBe(
      await scalar('SELECT SUM(machine_failure) FROM readings'),
    );
    // Unscored history: probability bands are zero, not NULL.
    expect(await scalar('SELECT SUM(count_probability_above_0_6) FROM hourly_aggregates')).toBe(0);
    const [rows] = await pool.query<RowDataPacket[]>(
      'SELECT MIN(min_torque_nm) AS lo, MAX(max_torque_nm) AS hi FROM hourly_aggregates',
    );
    expect(Number(rows[0]?.['lo'])).toBe(await scalar('SELECT MIN(torque_nm) FROM readings'));
    expect(Number(rows[0]?.['hi'])).toBe(await scalar('SELECT MAX(torque_nm) FROM readings'));
  });
});
