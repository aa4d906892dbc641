import { ASSET_TYPES, deriveFeatures, FAILURE_MODES, MEASURES, type Reading } from '@lakehouse/domain';
import { ValidationError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { LABEL_COLUMNS } from '../schema/shared-columns.js';
import { translateWriteError } from '../translate-sql-error.js';

/** How a reading reached the database (the `source` column of `readings`; not the producer's records). */
export type ReadingChannel = 'stream' | 'bulk' | 'replay';

/** A reading plus what the platform adds when storing it. */
export interface ReadingToStore {
  readonly reading: Reading;
  readonly source: ReadingChannel;
  /** Failure probability from the active model; absent/null keeps what the row already has. */
  readonly failureProbability?: number | null;
  readonly modelId?: number | null;
  readonly streamPartition?: number;
  readonly streamOffset?: number;
}

/** Result of {@link upsertReadings}. */
export interface UpsertReadingsResult {
  /** Rows sent. */
  readonly rows: number;
  /** Rows that existed and whose values changed (a redelivery of identical data changes none). */
  readonly changed: number;
  /** Statements (round trips) used. */
  readonly statements: number;
}

/** Columns written by the upsert, in order. `ingested_at` is left to its default and never updated. */
export const READING_UPSERT_COLUMNS = [
  'asset_id',
  'recorded_at',
  'asset_type',
  'air_temperature_k',
  'process_temperature_k',
  'rotational_speed_rpm',
  'torque_nm',
  'tool_wear_min',
  'power_w',
  'temperature_difference_k',
  'overstrain_min_nm',
  'machine_failure',
  'twf',
  'hdf',
  'pwf',
  'osf',
  'rnf',
  'failure_probability',
  'model_id',
  'source',
  'stream_partition',
  'stream_offset',
] as const;

/** Largest batch sent as one statement: 2,000 rows are about 400 KB of SQL, far below max_allowed_packet. */
export const DEFAULT_ROWS_PER_STATEMENT = 2_000;

const KEY_COLUMNS = new Set(['asset_id', 'recorded_at']);
// On a redelivery the row keeps its score unless the new delivery carries one, and keeps its first origin.
const KEEP_EXISTING_IF_NULL = new Set<string>([
  'failure_probability',
  'model_id',
  ...LABEL_COLUMNS.map((l) => l.name),
]);
const KEEP_FIRST = new Set(['source', 'stream_partition', 'stream_offset']);
const UPDATE_SQL = READING_UPSERT_COLUMNS.filter((c) => !KEY_COLUMNS.has(c) && !KEEP_FIRST.has(c))
  .map((c) => (KEEP_EXISTING_IF_NULL.has(c) ? `${c} = COALESCE(VALUES(${c}), ${c})` : `${c} = VALUES(${c})`))
  .join(', ');
const ROW_PLACEHOLDER = `(${READING_UPSERT_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_PREFIX = `INSERT INTO readings (${READING_UPSERT_COLUMNS.join(', ')}) VALUES `;

function flag(value: boolean | undefined): number | null {
  return value === undefined ? null : value ? 1 : 0;
}

/**
 * Cheap last check before the database: the CHECK constraints would reject these too, but only this check can
 * say which row and field. Full validation belongs to libs/domain's validateReading, upstream.
 */
export function assertWritable(item: ReadingToStore, index: number): void {
  const r = item.reading;
  const problems: { path: string; reason: string; message: string }[] = [];
  if (!(ASSET_TYPES as readonly string[]).includes(r.assetType)) {
    problems.push({
      path: '/assetType',
      reason: 'unknown_asset_type',
      message: `is an unknown asset type: ${JSON.stringify(r.assetType)}`,
    });
  }
  if (!Number.isInteger(r.recordedAt)) {
    problems.push({
      path: '/recordedAt',
      reason: 'invalid_timestamp',
      message: 'must be an integer of epoch milliseconds',
    });
  }
  for (const m of MEASURES) {
    if (typeof r[m] !== 'number' || !Number.isFinite(r[m])) {
      problems.push({
        path: `/${m}`,
        reason: 'non_finite',
        message: `must be a finite number, got ${String(r[m])}`,
      });
    }
  }
  const p = item.failureProbability;
  if (p !== undefined && p !== null && !(p >= 0 && p <= 1)) {
    problems.push({
      path: '/failureProbability',
      reason: 'out_of_range',
      message: `must lie in 0..1, got ${p}`,
    });
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `readings: row ${index} (asset ${r.assetId}) cannot be stored: ${problems.map((x) => `${x.path} ${x.message}`).join('; ')}`,
      problems,
      { code: 'SQL_ROW_INVALID', context: { table: 'readings', index, assetId: r.assetId } },
    );
  }
}

/** A value of one readings column as the driver takes it; `null` is SQL NULL. */
export type ReadingColumnValue = string | number | Date | null;

/** The values of one reading in {@link READING_UPSERT_COLUMNS} order, with the physics features derived. */
export function readingColumnValues(item: ReadingToStore): ReadingColumnValue[] {
  const r = item.reading;
  const f = deriveFeatures(r);
  const labels = r.labels;
  return [
    r.assetId,
    new Date(r.recordedAt),
    r.assetType,
    r.airTemperatureK,
    r.processTemperatureK,
    r.rotationalSpeedRpm,
    r.torqueNm,
    r.toolWearMin,
    f.powerW,
    f.temperatureDifferenceK,
    f.overstrainMinNm,
    flag(labels?.machineFailure),
    ...FAILURE_MODES.map((mode) => flag(labels?.[mode])),
    item.failureProbability ?? null,
    item.modelId ?? null,
    item.source,
    item.streamPartition ?? null,
    item.streamOffset ?? null,
  ];
}

/**
 * Stores readings with `INSERT ... ON DUPLICATE KEY UPDATE` keyed on (asset_id, recorded_at): one round trip per
 * `rowsPerStatement` rows, all statements in one transaction, so a retried batch neither duplicates rows nor
 * leaves half of itself behind. `VALUES()` rather than MySQL 8's row alias because MariaDB lacks the alias.
 */
export async function upsertReadings(
  db: Pool | PoolConnection,
  items: readonly ReadingToStore[],
  options: { readonly rowsPerStatement?: number } = {},
): Promise<UpsertReadingsResult> {
  if (items.length === 0) return { rows: 0, changed: 0, statements: 0 };
  items.forEach(assertWritable);
  const perStatement = options.rowsPerStatement ?? DEFAULT_ROWS_PER_STATEMENT;
  const chunks: (readonly ReadingToStore[])[] = [];
  for (let i = 0; i < items.length; i += perStatement) chunks.push(items.slice(i, i + perStatement));
  const run = async (conn: Pool | PoolConnection): Promise<number> => {
    let affected = 0;
    for (const chunk of chunks) {
      const values: unknown[] = [];
      for (const item of chunk) values.push(...readingColumnValues(item));
      const sql = `${INSERT_PREFIX}${Array.from({ length: chunk.length }, () => ROW_PLACEHOLDER).join(', ')} ON DUPLICATE KEY UPDATE ${UPDATE_SQL}`;
      const [result] = await conn.query<ResultSetHeader>(sql, values);
      affected += result.affectedRows;
    }
    return affected;
  };
  try {
    let affected: number;
    if (chunks.length === 1) {
      affected = await run(db);
    } else {
      const conn = 'getConnection' in db ? await db.getConnection() : db;
      try {
        await conn.beginTransaction();
        affected = await run(conn);
        await conn.commit();
      } catch (err: unknown) {
        await conn.rollback().catch(() => undefined);
        throw err;
      } finally {
        if (conn !== db) conn.release();
      }
    }
    // mysql2 sets CLIENT_FOUND_ROWS: an inserted or unchanged row counts 1, a changed existing row counts 2.
    return { rows: items.length, changed: affected - items.length, statements: chunks.length };
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'readings', rows: items.length });
  }
}
