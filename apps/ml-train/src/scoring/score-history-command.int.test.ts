import { generateHistory } from '@lakehouse/domain';
import { activateModel, FEATURE_NAMES, registerModel, serializeArtifact } from '@lakehouse/scoring';
import { stumpArtifact } from '@lakehouse/scoring/testing';
import { atOrAboveRiskBandSql } from '@lakehouse/domain';
import { rebuildHourlyAggregates, upsertAssetsFromReadings, upsertReadings } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliOutput } from '../cli.js';

// A small bulk-loaded history as the Spark job or the fast loader leaves it: readings without probabilities,
// assets registered, hourly aggregates built (without probability statistics). Then `score --history`.
describe('ml-train score --history against MariaDB', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let modelId: number;
  const lines: string[] = [];
  const progress: string[] = [];
  const output: CliOutput = { out: (l) => lines.push(l), progress: (l) => progress.push(l) };

  beforeAll(async () => {
    db = await openTestDatabase();
    // 6,000 readings of 5 assets, one a minute each: 20 hours, over two UTC days.
    const history = [
      ...generateHistory({
        seed: 3,
        rows: 6_000,
        assets: 5,
        sites: 2,
        linesPerSite: 1,
        startMs: Date.UTC(2025, 8, 1, 14),
        intervalMs: 60_000,
      }),
    ];
    await upsertReadings(
      db.pool,
      history.map((reading) => ({ reading, source: 'bulk' as const })),
    );
    await upsertAssetsFromReadings(db.pool, history);
    await rebuildHourlyAggregates(db.pool);
    ({ modelId } = await registerModel(db.pool, {
      name: 'history-cli-it',
      algorithm: 'gbdt-logistic',
      parameters: {},
      features: [...FEATURE_NAMES],
      trainingFingerprint: 'c'.repeat(64),
      metrics: {},
      decisionThreshold: 0.5,
      artifact: serializeArtifact(stumpArtifact()),
    }));
    await activateModel(db.pool, modelId);
    const c = db.connection;
    env = {
      MYSQL_HOST: c.host,
      MYSQL_PORT: String(c.port),
      MYSQL_USER: c.user,
      MYSQL_PASSWORD: c.password,
      MYSQL_DATABASE: c.database,
      MYSQL_TLS_MODE: 'disabled',
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives every bulk reading a probability and the active model id, with progress', async () => {
    expect(await runCli(['score', '--history'], env, output)).toBe(0);
    const summary = JSON.parse(lines.at(-1) ?? '{}') as Record<string, number>;
    expect(summary).toMatchObject({ modelId, scored: 6_000, slices: 2, hours: 20, days: 2 });
    expect(progress.some((l) => /^scored 5,000 of 6,000 readings \(83 %/.test(l))).toBe(true);
    expect(progress.some((l) => /^aggregates of 2025-09-02 rebuilt \(2\/2 days/.test(l))).toBe(true);
    const [[counts]] = (await db.pool.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS readings, SUM(failure_probability IS NOT NULL AND model_id = ?) AS scored,
         SUM(${atOrAboveRiskBandSql('failure_probability', 'elevated')}) AS above_0_6
       FROM readings`,
      [modelId],
    )) as unknown as [[Record<string, number>]];
    expect(Number(counts.scored)).toBe(6_000);
    // The stump model flags low-power readings; the generated history has some.
    expect(Number(counts.above_0_6)).toBeGreaterThan(0);
  });

  it('leaves every hourly aggregate of those hours with the probability statistics of its readings', async () => {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      `SELECT h.asset_id, h.hour_start, h.reading_count, h.scored_count, h.mean_failure_probability AS mean_p,
         h.min_failure_probability AS min_p, h.max_failure_probability AS max_p,
         h.count_probability_above_0_6 AS c6, h.count_probability_above_0_9 AS c9, h.site_id,
         r.n, r.mean_p AS r_mean, r.min_p AS r_min, r.max_p AS r_max, r.c6 AS r_c6, r.c9 AS r_c9
       FROM hourly_aggregates h JOIN (
         SELECT asset_id, CAST(DATE_FORMAT(recorded_at, '%Y-%m-%d %H:00:00') AS DATETIME) AS hour_start, COUNT(*) AS n,
           AVG(failure_probability) AS mean_p, MIN(failure_probability) AS min_p, MAX(failure_probability) AS max_p,
           SUM(${atOrAboveRiskBandSql('failure_probability', 'elevated')}) AS c6, SUM(${atOrAboveRiskBandSql('failure_probability', 'high')}) AS c9
         FROM readings GROUP BY asset_id, hour_start) r USING (asset_id, hour_start)`,
    );
    expect(rows).toHaveLength(5 * 20);
    for (const row of rows) {
      expect(row['site_id']).not.toBeNull();
      expect(row['scored_count']).toBe(row['reading_count']);
      expect(Number(row['mean_p'])).toBeCloseTo(Number(row['r_mean']), 12);
      expect([row['min_p'], row['max_p']]).toEqual([row['r_min'], row['r_max']]);
      expect([row['c6'], row['c9']]).toEqual([Number(row['r_c6']), Number(row['r_c9'])]);
    }
  });

  it('rolls the scored hours up into daily rollups whose sums equal the hourly ones', async () => {
    const [[sums]] = (await db.pool.query<RowDataPacket[]>(
      `SELECT (SELECT SUM(reading_count) FROM daily_rollups) AS daily_readings,
              (SELECT SUM(scored_count) FROM daily_rollups) AS daily_scored,
              (SELECT SUM(count_probability_above_0_6) FROM daily_rollups) AS daily_c6,
              (SELECT SUM(count_probability_above_0_6) FROM hourly_aggregates) AS hourly_c6,
              (SELECT COUNT(DISTINCT day_start) FROM daily_rollups) AS days,
              (SELECT MAX(max_failure_probability) FROM daily_rollups) AS daily_max,
              (SELECT MAX(failure_probability) FROM readings) AS readings_max`,
    )) as unknown as [[Record<string, number>]];
    expect(Number(sums.daily_readings)).toBe(6_000);
    expect(Number(sums.daily_scored)).toBe(6_000);
    expect(Number(sums.daily_c6)).toBe(Number(sums.hourly_c6));
    expect(Number(sums.days)).toBe(2);
    expect(sums.daily_max).toBe(sums.readings_max);
  });

  it('finds nothing to score on a second run', async () => {
    expect(await runCli(['score', '--history'], env, output)).toBe(0);
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ scored: 0, hours: 0, days: 0 });
  });
});
