import { createLogger } from '@lakehouse/runtime';
import { detectServer, hourlyAggregatesTable } from '@lakehouse/sql';
import { openTestDatabase, type TestDatabase } from '@lakehouse/sql/testing';
import { parquetWriteFile } from 'hyparquet-writer';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILVER_TABLE, heatwaveLoadPlan } from './heatwave-load-plan.js';
import { runHeatwaveLoad } from './run-heatwave-load.js';

const logger = createLogger({ name: 'heatwave-int', level: 'silent' });

/** A silver Parquet file shaped like the Spark job's output: hourly_aggregates columns in order. */
function writeSilver(path: string, hours: number): void {
  const columnData = hourlyAggregatesTable.columns.map((c) => {
    const data = Array.from({ length: hours }, (_, i) => {
      if (c.name === 'asset_id') return 'M-1';
      if (c.name === 'hour_start' || c.name === 'built_at') return new Date(Date.UTC(2026, 0, 1, i));
      if (c.name === 'asset_type') return 'L';
      if (c.name === 'site_id' || c.name === 'line_id') return null;
      if (c.name === 'mean_failure_probability' || c.name === 'max_failure_probability')
        return i % 2 === 0 ? null : 0.5;
      return c.type === 'INT' ? i : 300 + i / 10;
    });
    const type = c.type.startsWith('DATETIME')
      ? 'TIMESTAMP'
      : c.type === 'INT'
        ? 'INT32'
        : c.type === 'DOUBLE'
          ? 'DOUBLE'
          : 'STRING';
    return { name: c.name, data, type } as const;
  });
  parquetWriteFile({ filename: path, columnData });
}

describe('heatwave load on MariaDB', () => {
  let db: TestDatabase;
  let schema: TestDatabase['connection'];
  let pool: Pool;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    ({ pool, connection: schema } = db);
    dir = await mkdtemp(join(tmpdir(), 'bulk-load-hw-'));
  });
  afterAll(async () => {
    await db?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('says HeatWave is not present and loads the silver Parquet files into an ordinary table of the current shape, idempotently', async () => {
    const parquetDir = join(dir, 'silver', 'hourly_aggregates', 'parquet');
    await mkdir(parquetDir, { recursive: true });
    writeSilver(join(parquetDir, 'part-00000.parquet'), 24);
    writeSilver(join(parquetDir, 'part-00001.parquet'), 30);
    const server = await detectServer(pool);
    expect(server.kind).toBe('mariadb');
    const plan = heatwaveLoadPlan(server, { schema: schema.database, mode: 'auto' });
    expect(plan.notes.join()).toMatch(/HeatWave is not present/);
    // A table an older run left, of an older shape: the load replaces it with the current one.
    await pool.query(`CREATE TABLE \`${SILVER_TABLE}\` (asset_id VARCHAR(64) NOT NULL PRIMARY KEY)`);
    const first = await runHeatwaveLoad({ pool, plan, silverDir: join(dir, 'silver'), logger });
    expect(first.silverRowsLoaded).toBe(54);
    await runHeatwaveLoad({ pool, plan, silverDir: join(dir, 'silver'), logger });
    const [rows] = await pool.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n, SUM(mean_failure_probability IS NULL) AS unscored, MAX(hour_start) AS last FROM \`${SILVER_TABLE}\``,
    );
    // Two files overlap on their first 24 hours: 30 distinct keys, however often it is loaded.
    expect(Number(rows[0]!.n)).toBe(30);
    expect(Number(rows[0]!.unscored)).toBe(15);
    expect((rows[0]!.last as Date).toISOString()).toBe('2026-01-02T05:00:00.000Z');
  });
});
