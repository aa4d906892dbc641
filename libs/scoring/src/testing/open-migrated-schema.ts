import { createSqlPool, migrate } from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, stackDir } from '@lakehouse/testing';
import type { Pool } from 'mysql2/promise';

/** A migrated `it_<random>` schema on the local MariaDB for one integration test file. */
export async function openMigratedSchema(): Promise<{
  readonly pool: Pool;
  readonly database: string;
  close(): Promise<void>;
}> {
  const schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)));
  const pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 3, connectTimeoutMs: 5_000 });
  await migrate(pool);
  return {
    pool,
    database: schema.database,
    async close() {
      await pool.end();
      await schema.drop();
    },
  };
}
