import { readStackSettings, stackDir } from '@lakehouse/testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool } from './create-sql-pool.js';
import { detectServer } from './server-kind.js';
import { openTestDatabase, type TestDatabase } from './testing/open-test-database.js';

describe('server detection and HeatWave clauses on the local MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('recognises MariaDB and reports no HeatWave capability', async () => {
    const caps = await detectServer(db.pool);
    expect(caps.kind).toBe('mariadb');
    expect(caps.version).toMatch(/^10\.11\./);
    expect(caps).toMatchObject({ hasRapid: false, hasAutoMl: false, hasLakehouse: false });
  });

  it('created the RAPID tables even though MariaDB ignores the SECONDARY_ENGINE clause', async () => {
    const [rows] = await db.pool.query<RowDataPacket[]>(
      "SELECT ENGINE AS engine, TABLE_COMMENT AS comment FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'readings'",
    );
    expect(rows[0]?.['engine']).toBe('InnoDB');
    // The versioned HeatWave load statement is a no-op here rather than an error.
    await expect(db.pool.query('ALTER TABLE readings /*!80013 SECONDARY_LOAD */')).resolves.toBeDefined();
  });

  it('runs the session in strict MySQL-8 mode with UTC and LOCAL INFILE enabled', async () => {
    const [[row]] = await db.pool.query<RowDataPacket[]>(
      'SELECT @@SESSION.sql_mode AS mode, @@SESSION.time_zone AS tz, @@GLOBAL.local_infile AS localInfile, @@character_set_server AS cs',
    );
    expect(String(row?.['mode'])).toContain('STRICT_TRANS_TABLES');
    expect(String(row?.['mode'])).toContain('ONLY_FULL_GROUP_BY');
    expect(row?.['tz']).toBe('+00:00');
    expect(Number(row?.['localInfile'])).toBe(1);
    expect(row?.['cs']).toBe('utf8mb4');
  });

  it('fails fast with a clear, non-retryable error on a wrong password', async () => {
    const { mariadb } = readStackSettings(stackDir(process.env));
    await expect(
      createSqlPool({
        host: mariadb.host,
        port: mariadb.port,
        user: mariadb.user,
        password: 'definitely-wrong',
        database: mariadb.database,
        tlsMode: 'disabled',
        poolSize: 1,
        connectTimeoutMs: 5_000,
      }),
    ).rejects.toMatchObject({
      code: 'SQL_CONNECT_FAILED',
      retryable: false,
      message: expect.stringContaining(`${mariadb.host}:${mariadb.port}`),
    });
  });
});
