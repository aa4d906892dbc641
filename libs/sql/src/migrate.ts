import type { Logger } from '@lakehouse/runtime';
import { AppError, UpstreamError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { MIGRATIONS } from './migrations/all-migrations.js';
import { assertMigrationSequence, migrationChecksum, type Migration } from './migrations/migration.js';

/** Table in which the runner records applied migrations. */
export const MIGRATIONS_TABLE = 'schema_migrations';
const LOCK_TIMEOUT_S = 60;

/** What {@link migrate} did. */
export interface MigrateResult {
  readonly applied: readonly { readonly id: number; readonly name: string; readonly durationMs: number }[];
  readonly alreadyApplied: number;
}

/** Options of {@link migrate} and {@link migrateDown}. */
export interface MigrateOptions {
  readonly logger?: Logger;
  /** The migrations to apply. @default MIGRATIONS */
  readonly migrations?: readonly Migration[];
}

interface AppliedRow extends RowDataPacket {
  id: number;
  name: string;
  checksum: string;
}

async function withMigrationLock<T>(pool: Pool, fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
  const conn = await pool.getConnection();
  try {
    // GET_LOCK is per server, so name it after the schema: two runners on one schema wait for each other.
    const [[row]] = await conn.query<RowDataPacket[]>(
      "SELECT GET_LOCK(CONCAT('migrate:', DATABASE()), ?) AS got",
      [LOCK_TIMEOUT_S],
    );
    if (row?.['got'] !== 1) {
      throw new AppError(
        'SQL_MIGRATION_FAILED',
        `another migration run holds the lock for more than ${LOCK_TIMEOUT_S} s`,
      );
    }
    try {
      return await fn(conn);
    } finally {
      await conn.query("SELECT RELEASE_LOCK(CONCAT('migrate:', DATABASE()))");
    }
  } finally {
    conn.release();
  }
}

async function readApplied(conn: PoolConnection): Promise<AppliedRow[]> {
  await conn.query(
    `CREATE TABLE IF NOT EXISTS \`${MIGRATIONS_TABLE}\` (
      id INT NOT NULL PRIMARY KEY COMMENT 'Migration number',
      name VARCHAR(200) NOT NULL COMMENT 'Migration name',
      checksum CHAR(64) NOT NULL COMMENT 'sha256 of the up statements when applied',
      applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When applied (UTC)',
      duration_ms INT NOT NULL COMMENT 'How long it ran'
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Schema migrations applied by @lakehouse/sql'`,
  );
  const [rows] = await conn.query<AppliedRow[]>(
    `SELECT id, name, checksum FROM \`${MIGRATIONS_TABLE}\` ORDER BY id`,
  );
  return rows;
}

function checkAppliedMatch(applied: readonly AppliedRow[], migrations: readonly Migration[]): void {
  for (const row of applied) {
    const known = migrations[row.id - 1];
    if (known === undefined) {
      throw new AppError(
        'SQL_MIGRATION_CHANGED',
        `the database has migration ${row.id} (${row.name}) that this code does not know: it was migrated by newer code`,
        { context: { id: row.id } },
      );
    }
    const checksum = migrationChecksum(known);
    if (checksum !== row.checksum) {
      throw new AppError(
        'SQL_MIGRATION_CHANGED',
        `migration ${row.id} (${known.name}) was changed after it ran (recorded ${row.checksum.slice(0, 12)}, now ${checksum.slice(0, 12)}): add a new migration instead of editing it`,
        { context: { id: row.id, recorded: row.checksum, current: checksum } },
      );
    }
  }
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, in order, under a per-schema lock. Refuses to
 * run when an applied migration's text changed or the database knows migrations the code does not.
 */
export async function migrate(pool: Pool, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? MIGRATIONS;
  assertMigrationSequence(migrations);
  return withMigrationLock(pool, async (conn) => {
    const applied = await readApplied(conn);
    checkAppliedMatch(applied, migrations);
    const done: { id: number; name: string; durationMs: number }[] = [];
    for (const migration of migrations.slice(applied.length)) {
      const started = performance.now();
      for (const [index, statement] of migration.up.entries()) {
        try {
          await conn.query(statement);
        } catch (err: unknown) {
          throw new UpstreamError(
            'SQL_MIGRATION_FAILED',
            `migration ${migration.id} (${migration.name}) failed at statement ${index + 1} of ${migration.up.length}: ${(err as Error).message}`,
            { cause: err, context: { id: migration.id, statement: index + 1 } },
          );
        }
      }
      const durationMs = Math.round(performance.now() - started);
      await conn.query(
        `INSERT INTO \`${MIGRATIONS_TABLE}\` (id, name, checksum, duration_ms) VALUES (?, ?, ?, ?)`,
        [migration.id, migration.name, migrationChecksum(migration), durationMs],
      );
      options.logger?.info({ id: migration.id, name: migration.name, durationMs }, 'migration applied');
      done.push({ id: migration.id, name: migration.name, durationMs });
    }
    return { applied: done, alreadyApplied: applied.length };
  });
}

/** State of each known migration in a database. */
export async function migrationStatus(
  pool: Pool,
  options: MigrateOptions = {},
): Promise<{ readonly id: number; readonly name: string; readonly applied: boolean }[]> {
  const migrations = options.migrations ?? MIGRATIONS;
  return withMigrationLock(pool, async (conn) => {
    const applied = await readApplied(conn);
    checkAppliedMatch(applied, migrations);
    return migrations.map((m) => ({ id: m.id, name: m.name, applied: m.id <= applied.length }));
  });
}

/**
 * Undoes applied migrations down to (not including) `targetId`, newest first. Destructive: the caller must pass
 * `allowDestructive: true`, which CLIs only set when `ALLOW_SQL_DOWN=1`.
 */
export async function migrateDown(
  pool: Pool,
  targetId: number,
  options: MigrateOptions & { readonly allowDestructive: boolean },
): Promise<readonly number[]> {
  if (!options.allowDestructive) {
    throw new AppError(
      'SQL_MIGRATION_FAILED',
      'refusing to undo migrations without allowDestructive (ALLOW_SQL_DOWN=1)',
    );
  }
  const migrations = options.migrations ?? MIGRATIONS;
  return withMigrationLock(pool, async (conn) => {
    const applied = await readApplied(conn);
    checkAppliedMatch(applied, migrations);
    const undone: number[] = [];
    for (const row of [...applied].reverse()) {
      if (row.id <= targetId) break;
      const migration = migrations[row.id - 1] as Migration;
      for (const statement of migration.down) await conn.query(statement);
      await conn.query(`DELETE FROM \`${MIGRATIONS_TABLE}\` WHERE id = ?`, [row.id]);
      options.logger?.info({ id: row.id, name: row.name }, 'migration undone');
      undone.push(row.id);
    }
    return undone;
  });
}
