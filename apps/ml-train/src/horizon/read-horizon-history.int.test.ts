import { generateHistory } from '@lakehouse/domain';
import { loadActiveScorer, parseArtifact } from '@lakehouse/scoring';
import type { RowDataPacket } from 'mysql2/promise';
import { upsertReadings } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { minutesToNextFailure } from './horizon-dataset.js';
import { readHorizonHistory } from './read-horizon-history.js';

describe('the horizon target and model from the history in MariaDB', () => {
  let db: TestDatabase;
  let failures = 0;

  beforeAll(async () => {
    db = await openTestDatabase();
    // 12 machines in time for about 4 days: a few failures of each predictable mode.
    const history = [
      ...generateHistory({
        seed: 9,
        rows: 12 * 4 * 1_400,
        assets: 12,
        startMs: Date.UTC(2024, 0, 1),
        intervalMs: 60_000,
        mode: 'in-time',
      }),
    ];
    failures = history.filter((r) => r.labels.machineFailure).length;
    await upsertReadings(
      db.pool,
      history.map((reading) => ({ reading, source: 'bulk' as const })),
    );
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('computes in SQL the same minutes to the next failure as the labels give, for every reading', async () => {
    const history = await readHorizonHistory(db.pool);
    expect(history.series).toHaveLength(12);
    expect(failures).toBeGreaterThan(3);
    let compared = 0;
    let finite = 0;
    history.series.forEach((series, i) => {
      const expected = minutesToNextFailure(series.readings);
      const actual = history.minutesToFailure[i] as Float64Array;
      expect(Array.from(actual)).toEqual(Array.from(expected));
      compared += actual.length;
      finite += actual.filter(Number.isFinite).length;
    });
    expect(compared).toBe(history.rows);
    // Most readings have a failure after them; the tail after each asset's last failure has none.
    expect(finite).toBeGreaterThan(0);
    expect(finite).toBeLessThan(compared);
  });

  it('reads only the readings at or after sinceMs', async () => {
    const sinceMs = Date.UTC(2024, 0, 3);
    const history = await readHorizonHistory(db.pool, { sinceMs });
    expect(history.rows).toBeGreaterThan(0);
    for (const series of history.series) {
      expect(series.readings.every((r) => r.recordedAt >= sinceMs)).toBe(true);
    }
  });

  it('`train` registers a model with a horizon part that the active scorer loads', async () => {
    const { connection } = db;
    const out: string[] = [];
    const env = {
      MYSQL_HOST: connection.host,
      MYSQL_PORT: String(connection.port),
      MYSQL_USER: connection.user,
      MYSQL_PASSWORD: connection.password,
      MYSQL_DATABASE: connection.database,
      MYSQL_TLS_MODE: 'disabled',
      LOG_LEVEL: 'silent',
      ML_CV_FOLDS: '0',
      ML_HORIZONS_MINUTES: '30,240',
    };
    const code = await runCli(['train'], env, { out: (l) => out.push(l), progress: () => undefined });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/horizon model: 30 and 240 min horizons \(alerts on 240 min\)/);
    const scorer = await loadActiveScorer(db.pool);
    expect(scorer?.horizon?.horizonsMinutes).toEqual([30, 240]);
    expect(scorer?.horizon?.alertMinutes).toBe(240);
    const [rows] = await db.pool.query<RowDataPacket[]>('SELECT artifact FROM models WHERE model_id = ?', [
      scorer?.modelId ?? -1,
    ]);
    const artifact = parseArtifact(rows[0]?.['artifact'] as Buffer);
    expect(artifact.horizon?.horizons.map((h) => h.given)).toEqual([240, null]);
  }, 180_000);
});
