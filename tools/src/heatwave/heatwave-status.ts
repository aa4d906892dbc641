import { UpstreamError } from '@lakehouse/runtime';
import {
  detectServer,
  quoteIdentifier,
  TABLES,
  type ServerCapabilities,
  type TableDefinition,
} from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';

/** Per-table load status (HeatWave only; performance_schema.rpd_tables does not exist on MariaDB or plain MySQL). */
export const LOAD_STATUS_SQL = `SELECT SCHEMA_NAME, TABLE_NAME, LOAD_STATUS, LOAD_PROGRESS
FROM performance_schema.rpd_tables NATURAL JOIN performance_schema.rpd_table_id
ORDER BY SCHEMA_NAME, TABLE_NAME`;

/** The load status that means "loaded and queryable" (there is no literal LOADED). */
export const LOADED_STATUS = 'AVAIL_RPDGSTABSTATE';

/** One row of {@link LOAD_STATUS_SQL}. */
export interface TableLoadStatus {
  readonly schemaName: string;
  readonly tableName: string;
  readonly loadStatus: string;
  /** Percent, 0–100. */
  readonly loadProgress: number;
}

/** What `status` reports from SQL; `tables` is undefined when no running cluster could be asked. */
export interface HeatWaveSqlStatus {
  readonly server: ServerCapabilities;
  readonly database: string;
  readonly tables?: readonly TableLoadStatus[];
}

/** What a restart means for the data, printed before the CLI restarts a cluster. */
export const RESTART_WARNING =
  'Restarting the HeatWave cluster unloads every table from RAPID memory: queries fall back to InnoDB until the data is loaded again (ALTER TABLE ... SECONDARY_LOAD or sys.heatwave_load). Pass --reload to load the RAPID tables of libs/sql afterwards.';

/** Probes the server and, on a HeatWave server whose cluster is up, reads the per-table load status. */
export async function readHeatWaveStatus(pool: Pool, database: string): Promise<HeatWaveSqlStatus> {
  const server = await detectServer(pool);
  if (!server.hasRapid) return { server, database };
  try {
    const [rows] = await pool.query<RowDataPacket[]>(LOAD_STATUS_SQL);
    const tables = rows.map((row) => ({
      schemaName: String(row['SCHEMA_NAME']),
      tableName: String(row['TABLE_NAME']),
      loadStatus: String(row['LOAD_STATUS']),
      loadProgress: Number(row['LOAD_PROGRESS'] ?? 0),
    }));
    return { server, database, tables };
  } catch (err: unknown) {
    throw new UpstreamError('SQL_READ_FAILED', `cannot read rpd_tables: ${(err as Error).message}`, {
      cause: err,
      retryable: true,
      context: { table: 'performance_schema.rpd_tables' },
    });
  }
}

/** The RAPID tables of libs/sql, i.e. those `--reload` loads and `status` expects to find loaded. */
export function rapidTables(tables: readonly TableDefinition[] = TABLES): readonly TableDefinition[] {
  return tables.filter((t) => t.rapid);
}

/** Human-readable status lines. */
export function renderHeatWaveStatus(status: HeatWaveSqlStatus): string[] {
  const { server } = status;
  const lines = [`server: ${server.version} (${server.versionComment || 'no version comment'})`];
  if (server.kind === 'mariadb' || server.kind === 'mysql') {
    lines.push(
      `HeatWave: absent (${server.kind === 'mariadb' ? 'MariaDB' : 'MySQL without a HeatWave cluster'}: no RAPID engine, no rpd_tables; HeatWave steps are skipped here)`,
    );
    return lines;
  }
  if (status.tables === undefined) {
    lines.push(
      'HeatWave: DB system with a HeatWave plugin, but the cluster is not up (rapid_cluster_status is not ON)',
    );
    return lines;
  }
  const loaded = status.tables.filter((t) => t.loadStatus === LOADED_STATUS).length;
  lines.push(
    `HeatWave: cluster up (rapid_cluster_status ON); ${loaded} of ${status.tables.length} tables loaded`,
  );
  const nameWidth = Math.max(5, ...status.tables.map((t) => t.schemaName.length + t.tableName.length + 1));
  if (status.tables.length > 0)
    lines.push(`  ${'table'.padEnd(nameWidth)}  status                    progress`);
  for (const t of status.tables)
    lines.push(
      `  ${`${t.schemaName}.${t.tableName}`.padEnd(nameWidth)}  ${t.loadStatus.padEnd(24)}  ${t.loadProgress.toFixed(0).padStart(3)} %`,
    );
  const present = new Set(
    status.tables.filter((t) => t.schemaName === status.database).map((t) => t.tableName),
  );
  const missing = rapidTables()
    .map((t) => t.name)
    .filter((name) => !present.has(name));
  if (missing.length > 0)
    lines.push(
      `not in HeatWave (${status.database}): ${missing.join(', ')}; load them with restart/apply-estimate --reload`,
    );
  return lines;
}

/** `ALTER TABLE db.t SECONDARY_LOAD` (identifiers checked and quoted). */
function secondaryLoadSql(database: string, table: string): string {
  return `ALTER TABLE ${quoteIdentifier(database)}.${quoteIdentifier(table)} SECONDARY_LOAD`;
}

/** One `ALTER TABLE … SECONDARY_LOAD` per RAPID table of libs/sql, in table order. */
export function reloadStatements(database: string, tables: readonly TableDefinition[] = TABLES): string[] {
  return rapidTables(tables).map((t) => secondaryLoadSql(database, t.name));
}

/** Loads every RAPID table again, one statement at a time with progress; refuses on a server without HeatWave. */
export async function reloadRapidTables(
  pool: Pool,
  database: string,
  out: (line: string) => void,
  now: () => number = Date.now,
): Promise<void> {
  const server = await detectServer(pool);
  if (!server.hasRapid)
    throw new UpstreamError(
      'SQL_WRITE_FAILED',
      `cannot reload: ${server.version} has no running HeatWave cluster (kind ${server.kind}); check \`status\``,
      { context: { database } },
    );
  const tables = rapidTables().map((t) => t.name);
  for (const [i, table] of tables.entries()) {
    const sql = secondaryLoadSql(database, table);
    out(`  loading ${i + 1}/${tables.length}: ${database}.${table}`);
    const started = now();
    try {
      await pool.query(sql);
    } catch (err: unknown) {
      throw new UpstreamError(
        'SQL_WRITE_FAILED',
        `SECONDARY_LOAD of ${database}.${table} failed: ${(err as Error).message}`,
        {
          cause: err,
          retryable: true,
          context: { table: `${database}.${table}` },
        },
      );
    }
    out(`  loaded ${database}.${table} (${((now() - started) / 1000).toFixed(1)} s)`);
  }
}
