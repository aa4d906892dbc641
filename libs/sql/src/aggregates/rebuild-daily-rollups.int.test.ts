import type { Reading } from '@lakehouse/domain';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAssetMasterData } from '../assets/asset-master-data.js';
import { upsertAssetsFromReadings } from '../assets/upsert-assets.js';
import { upsertReadings } from '../readings/upsert-readings.js';
import { migration0007ManufacturerRollups } from '../migrations/0007-manufacturer-rollups.js';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { DAY_MS, HOUR_MS } from './covering-ranges.js';
import { rebuildDailyRollups } from './rebuild-daily-rollups.js';
import { rebuildHourlyAggregates } from './rebuild-hourly-aggregates.js';
import { refreshAggregates } from './refresh-aggregates.js';

const D0 = Date.UTC(2026, 2, 1);

/** A seeded, deterministic spread of probabilities in [0, 1) (no Math.random: the test must repeat). */
const probability = (i: number): number => ((i * 7_919) % 1_000) / 1_000;

function reading(assetId: string, atMs: number, i: number, where: { site?: string; line?: string }): Reading {
  return {
    recordedAt: atMs,
    assetId,
    assetType: assetId.startsWith('H') ? 'H' : 'L',
    ...(where.site === undefined ? {} : { siteId: where.site }),
    ...(where.line === undefined ? {} : { lineId: where.line }),
    airTemperatureK: 300,
    processTemperatureK: 310,
    rotationalSpeedRpm: 1_500,
    torqueNm: 40,
    toolWearMin: i % 200,
    labels: {
      machineFailure: i % 37 === 0,
      TWF: i % 37 === 0,
      HDF: false,
      PWF: false,
      OSF: false,
      RNF: false,
    },
  };
}

// Four assets over two days and a bit, one reading every 10 minutes: L-1 and L-2 share site-1/line-1, H-1 stands on
// site-2, X-9 has no assets row (site and line unknown). Every 5th reading is unscored.
const ASSETS = [
  { id: 'L-1', site: 'site-1', line: 'line-1' },
  { id: 'L-2', site: 'site-1', line: 'line-1' },
  { id: 'H-1', site: 'site-2', line: 'line-3' },
  { id: 'X-9' },
];
const stored = ASSETS.flatMap((asset, a) =>
  Array.from({ length: 2 * 144 + 12 }, (_, k) => {
    const i = a * 1_000 + k;
    return {
      reading: reading(asset.id, D0 + k * 600_000, i, asset),
      source: 'bulk' as const,
      ...(k % 5 === 4 ? {} : { failureProbability: probability(i), modelId: 1 }),
    };
  }),
);

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await upsertReadings(db.pool, stored);
  await upsertAssetsFromReadings(
    db.pool,
    stored.filter((s) => s.reading.assetId !== 'X-9').map((s) => s.reading),
  );
  await rebuildHourlyAggregates(db.pool);
});
afterAll(async () => {
  await db.close();
});

const num = (v: unknown): number | null => (v === null ? null : Number(v));

async function dailyRows(): Promise<RowDataPacket[]> {
  const [rows] = await db.pool.query<RowDataPacket[]>(
    `SELECT DATE_FORMAT(day_start, '%Y-%m-%d') AS day, site_id, line_id, asset_type, asset_count, reading_count,
       scored_count, mean_failure_probability, min_failure_probability, max_failure_probability,
       count_probability_above_0_6, count_probability_above_0_9, failure_count
     FROM daily_rollups ORDER BY day_start, site_id, line_id, asset_type`,
  );
  return rows;
}

describe('rebuildDailyRollups', () => {
  it('rolls the hours up per day, site, line and type, with sums equal to the hourly ones', async () => {
    await rebuildDailyRollups(db.pool);
    const daily = await dailyRows();
    // Three days (the third partial), three groups a day: site-1/line-1/L, site-2/line-3/H, and ''/''/L for X-9.
    expect(
      daily.map((r) => [r['day'], r['site_id'], r['line_id'], r['asset_type'], r['asset_count']]),
    ).toEqual(
      ['2026-03-01', '2026-03-02', '2026-03-03'].flatMap((day) => [
        [day, '', '', 'L', 1],
        [day, 'site-1', 'line-1', 'L', 2],
        [day, 'site-2', 'line-3', 'H', 1],
      ]),
    );
    const [hourly] = await db.pool.query<RowDataPacket[]>(
      `SELECT DATE_FORMAT(hour_start, '%Y-%m-%d') AS day, COALESCE(site_id, '') AS site_id,
         SUM(reading_count) AS reading_count, SUM(scored_count) AS scored_count,
         SUM(count_probability_above_0_6) AS above_0_6, SUM(count_probability_above_0_9) AS above_0_9,
         SUM(failure_count) AS failure_count, MIN(min_failure_probability) AS min_p,
         MAX(max_failure_probability) AS max_p,
         SUM(mean_failure_probability * scored_count) / SUM(scored_count) AS mean_p
       FROM hourly_aggregates GROUP BY day, COALESCE(site_id, '') ORDER BY day, site_id`,
    );
    expect(hourly).toHaveLength(9);
    for (const h of hourly) {
      const group = daily.filter((d) => d['day'] === h['day'] && d['site_id'] === h['site_id']);
      const sum = (key: string) => group.reduce((s, d) => s + Number(d[key]), 0);
      const where = `${String(h['day'])} ${String(h['site_id'])}`;
      expect(sum('reading_count'), where).toBe(Number(h['reading_count']));
      expect(sum('scored_count'), where).toBe(Number(h['scored_count']));
      expect(sum('count_probability_above_0_6'), where).toBe(Number(h['above_0_6']));
      expect(sum('count_probability_above_0_9'), where).toBe(Number(h['above_0_9']));
      expect(sum('failure_count'), where).toBe(Number(h['failure_count']));
      expect(num(group[0]?.['min_failure_probability'])).toBe(num(h['min_p']));
      expect(num(group[0]?.['max_failure_probability'])).toBe(num(h['max_p']));
      expect(num(group[0]?.['mean_failure_probability'])).toBeCloseTo(Number(h['mean_p']), 12);
    }
  });

  it("splits the same days by the register's manufacturer, under '' for assets without a register row", async () => {
    const entry = (assetId: string, manufacturer: string) => ({
      data: {
        assetId,
        manufacturer,
        model: 'T-1',
        installedOn: '2020-01-01',
        serviceLifeMonths: 120,
        criticality: 'B' as const,
      },
      source: 'import' as const,
    });
    // L-1 and H-1 are registered (two makers), L-2 (beside L-1) and X-9 are not.
    await upsertAssetMasterData(db.pool, [entry('L-1', 'Alder'), entry('H-1', 'Veskor')]);
    await rebuildDailyRollups(db.pool);
    const [rows] = await db.pool.query<RowDataPacket[]>(
      `SELECT DATE_FORMAT(day_start, '%Y-%m-%d') AS day, site_id, line_id, asset_type, manufacturer, asset_count,
         reading_count, scored_count, mean_failure_probability, min_failure_probability, max_failure_probability,
         count_probability_above_0_6, count_probability_above_0_9, failure_count
       FROM daily_manufacturer_rollups ORDER BY day_start, site_id, line_id, asset_type, manufacturer`,
    );
    expect(
      rows
        .filter((r) => r['day'] === '2026-03-01')
        .map((r) => [r['site_id'], r['line_id'], r['manufacturer'], r['asset_count']]),
    ).toEqual([
      ['', '', '', 1],
      ['site-1', 'line-1', '', 1],
      ['site-1', 'line-1', 'Alder', 1],
      ['site-2', 'line-3', 'Veskor', 1],
    ]);
    // Summed over the manufacturers, each day and group is the daily_rollups row.
    const daily = await dailyRows();
    expect(daily).toHaveLength(9);
    for (const d of daily) {
      const group = rows.filter(
        (r) => r['day'] === d['day'] && r['site_id'] === d['site_id'] && r['line_id'] === d['line_id'],
      );
      const sum = (key: string) => group.reduce((s, r) => s + Number(r[key]), 0);
      const where = `${String(d['day'])} ${String(d['site_id'])}`;
      for (const key of [
        'asset_count',
        'reading_count',
        'scored_count',
        'count_probability_above_0_6',
        'count_probability_above_0_9',
        'failure_count',
      ]) {
        expect(sum(key), `${where} ${key}`).toBe(Number(d[key]));
      }
      const pooled =
        group.reduce((s, r) => s + Number(r['mean_failure_probability']) * Number(r['scored_count']), 0) /
        sum('scored_count');
      expect(pooled, where).toBeCloseTo(Number(d['mean_failure_probability']), 12);
      expect(Math.min(...group.map((r) => Number(r['min_failure_probability']))), where).toBe(
        num(d['min_failure_probability']),
      );
      expect(Math.max(...group.map((r) => Number(r['max_failure_probability']))), where).toBe(
        num(d['max_failure_probability']),
      );
    }
  });

  it('fills daily_manufacturer_rollups in migration 7 as the rebuild does, for a history already aggregated', async () => {
    // The mean is a SUM over a group, whose order SQL leaves open: two runs may differ in the last bit (a fresh
    // clone's run did, 0.5016034482758621 against ...22), so it is compared to 12 significant digits.
    const snapshot = async () =>
      (
        await db.pool.query<RowDataPacket[]>(
          `SELECT day_start, site_id, line_id, asset_type, manufacturer, asset_count, reading_count, scored_count,
             mean_failure_probability, min_failure_probability, max_failure_probability, failure_count
           FROM daily_manufacturer_rollups ORDER BY day_start, site_id, line_id, asset_type, manufacturer`,
        )
      )[0].map((row) => ({
        ...row,
        mean_failure_probability:
          row['mean_failure_probability'] === null
            ? null
            : Number((row['mean_failure_probability'] as number).toPrecision(12)),
      }));
    const rebuilt = await snapshot();
    expect(rebuilt.length).toBeGreaterThan(0);
    // The backfill statements (after the CREATE), run twice: the DELETE makes the migration repeatable.
    for (const statement of [
      ...migration0007ManufacturerRollups.up.slice(1),
      ...migration0007ManufacturerRollups.up.slice(1),
    ]) {
      await db.pool.query(statement);
    }
    expect(await snapshot()).toEqual(rebuilt);
  });

  it("weights the daily mean by each hour's scored readings: it is the mean of the day's scored readings", async () => {
    const day = stored.filter(
      (s) =>
        s.reading.assetId === 'H-1' &&
        s.reading.recordedAt < D0 + DAY_MS &&
        s.failureProbability !== undefined,
    );
    const mean = day.reduce((sum, s) => sum + (s.failureProbability ?? 0), 0) / day.length;
    const row = (await dailyRows()).find((r) => r['day'] === '2026-03-01' && r['site_id'] === 'site-2');
    expect(Number(row?.['scored_count'])).toBe(day.length);
    expect(Number(row?.['reading_count'])).toBe(144);
    expect(Number(row?.['mean_failure_probability'])).toBeCloseTo(mean, 12);
  });

  it('rebuilds only the days of the range, and drops a group whose hours are gone', async () => {
    await db.pool.query('UPDATE daily_rollups SET reading_count = 1');
    await db.pool.query(
      "DELETE FROM hourly_aggregates WHERE asset_id = 'X-9' AND hour_start >= '2026-03-02 00:00:00'",
    );
    await rebuildDailyRollups(db.pool, {
      fromMs: D0 + DAY_MS + 5 * HOUR_MS,
      toMs: D0 + DAY_MS + 6 * HOUR_MS,
    });
    const daily = await dailyRows();
    expect(daily.filter((r) => r['day'] === '2026-03-01').map((r) => r['reading_count'])).toEqual([1, 1, 1]);
    expect(
      daily.filter((r) => r['day'] === '2026-03-02').map((r) => [r['site_id'], r['reading_count']]),
    ).toEqual([
      ['site-1', 288],
      ['site-2', 144],
    ]);
    expect(daily.filter((r) => r['day'] === '2026-03-03').map((r) => r['reading_count'])).toEqual([1, 1, 1]);
  });

  it('counts an hour built before migration 5 (no scored count) as fully scored when it has a mean', async () => {
    await db.pool.query(
      "UPDATE hourly_aggregates SET scored_count = NULL WHERE asset_id = 'H-1' AND hour_start < '2026-03-02 00:00:00'",
    );
    await rebuildDailyRollups(db.pool, { fromMs: D0, toMs: D0 + 1 });
    const row = (await dailyRows()).find((r) => r['day'] === '2026-03-01' && r['site_id'] === 'site-2');
    expect(Number(row?.['scored_count'])).toBe(144);
  });

  it('refreshes the hours of changed readings and then their days, and nothing else', async () => {
    await db.pool.query('UPDATE daily_rollups SET reading_count = 1');
    // H-1's readings of 2026-03-03 01:xx now all carry 0.99: as if history scoring had just scored them.
    await db.pool.query(
      "UPDATE readings SET failure_probability = 0.99 WHERE asset_id = 'H-1' AND recorded_at >= '2026-03-03 01:00:00' AND recorded_at < '2026-03-03 02:00:00'",
    );
    const result = await refreshAggregates(db.pool, [D0 + 2 * DAY_MS + HOUR_MS + 60_000]);
    expect(result).toEqual({ days: 1, hourRanges: 1 });
    const [hour] = await db.pool.query<RowDataPacket[]>(
      "SELECT scored_count, min_failure_probability, count_probability_above_0_9 FROM hourly_aggregates WHERE asset_id = 'H-1' AND hour_start = '2026-03-03 01:00:00'",
    );
    expect(hour[0]).toMatchObject({
      scored_count: 6,
      min_failure_probability: 0.99,
      count_probability_above_0_9: 6,
    });
    const daily = await dailyRows();
    expect(daily.filter((r) => r['day'] !== '2026-03-03').every((r) => r['reading_count'] === 1)).toBe(true);
    const h1 = daily.find((r) => r['day'] === '2026-03-03' && r['site_id'] === 'site-2');
    expect([h1?.['reading_count'], h1?.['max_failure_probability']]).toEqual([12, 0.99]);
  });
});
