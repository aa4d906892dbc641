import { createFleet, createLiveStream } from '@lakehouse/domain';
import {
  createSqlPool,
  migrate,
  rebuildDailyRollups,
  rebuildHourlyAggregates,
  upsertReadings,
} from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, stackDir, type ThrowawaySchema } from '@lakehouse/testing';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLabelledFailures, registerFleetMasterData, removeHistory } from './history-sql.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);

async function count(pool: Pool, sql: string): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>(sql);
  return Number(rows[0]?.['n'] ?? 0);
}

describe('removeHistory', () => {
  let schema: ThrowawaySchema;
  let pool: Pool;
  beforeAll(async () => {
    schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)), 'history');
    pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 5_000 });
    await migrate(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
  });

  it('deletes the old history (bulk readings, labelled failures, its hours) and keeps streamed and later rows', async () => {
    const fleet = createFleet({ seed: 3, assets: 4 });
    // An old history (2,160 readings of each of 4 assets), a streamed reading inside its window, a newer history.
    const readings = (startMs: number, count_: number, intervalMs: number) => {
      const stream = createLiveStream({ seed: startMs, fleet, startMs, intervalMs });
      return Array.from({ length: count_ }, () => stream.next().value);
    };
    const old = readings(START, 4 * 6 * 360, 10_000 / 4);
    const oldEnd = old.reduce((max, r) => Math.max(max, r.recordedAt), 0);
    // Labels, so that failure events are recorded from the history.
    const labelled = old.map((reading, i) => ({
      reading: {
        ...reading,
        labels: {
          machineFailure: i % 50 === 0,
          TWF: false,
          HDF: i % 50 === 0,
          PWF: false,
          OSF: false,
          RNF: false,
        },
      },
      source: 'bulk' as const,
    }));
    await upsertReadings(pool, labelled);
    const streamed = readings(START + HOUR / 2 + 1_234, 1, 1_000)[0]!;
    await upsertReadings(pool, [{ reading: { ...streamed, assetId: 'STREAMED-1' }, source: 'stream' }]);
    const newer = readings(START + 7 * HOUR, 400, 1_000);
    await upsertReadings(
      pool,
      newer.map((reading) => ({ reading, source: 'bulk' as const })),
    );
    await recordLabelledFailures(pool, START, oldEnd);
    await pool.query(
      "INSERT INTO failure_events (asset_id, occurred_at, event_kind, note) VALUES (?, ?, 'maintenance', 'by an operator')",
      [old[0]!.assetId, new Date(START + HOUR)],
    );
    await rebuildHourlyAggregates(pool);
    await rebuildDailyRollups(pool);
    const labelledFailures = labelled.filter((r) => r.reading.labels.machineFailure).length;
    expect(await count(pool, 'SELECT COUNT(*) AS n FROM failure_events')).toBe(labelledFailures + 1);

    const progress: number[] = [];
    const removed = await removeHistory(pool, START, oldEnd, {
      sliceRows: 1_000,
      onProgress: (n) => progress.push(n),
    });

    expect(removed.readings).toBe(old.length);
    expect(progress.at(-1)).toBe(old.length);
    expect(progress.length).toBeGreaterThan(old.length / 1_000);
    expect(removed.failureEvents).toBe(labelledFailures);
    expect(removed.streamedKept).toBe(1);
    expect(await count(pool, "SELECT COUNT(*) AS n FROM readings WHERE source = 'bulk'")).toBe(newer.length);
    expect(await count(pool, "SELECT COUNT(*) AS n FROM readings WHERE source = 'stream'")).toBe(1);
    // The operator's event stays; the hours of the old window are gone, the newer history's stay.
    expect(await count(pool, 'SELECT COUNT(*) AS n FROM failure_events')).toBe(1);
    expect(removed.hourlyAggregates).toBeGreaterThan(0);
    const oldHours = `hour_start BETWEEN '2026-01-01 00:00:00' AND '${new Date(oldEnd).toISOString().slice(0, 19).replace('T', ' ')}'`;
    expect(oldEnd).toBeLessThan(START + 7 * HOUR);
    expect(await count(pool, `SELECT COUNT(*) AS n FROM hourly_aggregates WHERE ${oldHours}`)).toBe(0);
    expect(
      await count(
        pool,
        `SELECT COUNT(*) AS n FROM hourly_aggregates WHERE hour_start >= '2026-01-01 07:00:00'`,
      ),
    ).toBeGreaterThan(0);
    // The day's rollup now holds only what its remaining hours hold (the newer history).
    expect(removed.dailyRollups).toBeGreaterThan(0);
    expect(await count(pool, 'SELECT SUM(reading_count) AS n FROM daily_rollups')).toBe(newer.length);
  });
});

describe('registerFleetMasterData', () => {
  let schema: ThrowawaySchema;
  let pool: Pool;
  beforeAll(async () => {
    schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)), 'register');
    pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 2, connectTimeoutMs: 5_000 });
    await migrate(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
  });

  it('writes the register of the generated fleet once and finds it unchanged on the next run', async () => {
    const spec = { assets: 6, sites: 2, linesPerSite: 2, seed: 11 };
    expect(await registerFleetMasterData(pool, spec, START)).toEqual({
      inserted: 6,
      updated: 0,
      unchanged: 0,
    });
    expect(await registerFleetMasterData(pool, spec, START)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 6,
    });
    const [rows] = await pool.query<RowDataPacket[]>(
      "SELECT asset_id, site_id, line_id FROM asset_master_data WHERE source = 'generator' ORDER BY asset_id",
    );
    expect(rows.map((r) => [r['asset_id'], r['site_id'], r['line_id']])).toEqual(
      createFleet(spec)
        .assets.map((a) => [a.assetId, a.siteId, a.lineId])
        .sort(),
    );
  });
});
