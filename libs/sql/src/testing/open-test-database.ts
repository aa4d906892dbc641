import { createThrowawaySchema, readStackSettings, stackDir } from '@lakehouse/testing';
import type { Pool } from 'mysql2/promise';
import { createSqlPool } from '../create-sql-pool.js';
import { migrate } from '../migrate.js';

/** A migrated throwaway schema on the local MariaDB, for one integration test file. */
export interface TestDatabase {
  readonly pool: Pool;
  readonly database: string;
  /** How to reach the schema as the app user, for code under test that opens its own connections (CLIs, JDBC). */
  readonly connection: {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly password: string;
    readonly database: string;
  };
  close(): Promise<void>;
}

/** Creates `it_<random>`, opens a pool on it and (unless `migrated: false`) applies every migration. */
export async function openTestDatabase(
  options: { readonly migrated?: boolean; readonly poolSize?: number } = {},
): Promise<TestDatabase> {
  const schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)));
  const pool = await createSqlPool({
    ...schema,
    tlsMode: 'disabled',
    poolSize: options.poolSize ?? 2,
    connectTimeoutMs: 5_000,
  });
  if (options.migrated !== false) await migrate(pool);
  return {
    pool,
    database: schema.database,
    connection: {
      host: schema.host,
      port: schema.port,
      user: schema.user,
      password: schema.password,
      database: schema.database,
    },
    async close() {
      await pool.end();
      await schema.drop();
    },
  };
}
