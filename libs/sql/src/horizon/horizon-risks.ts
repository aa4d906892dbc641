import { ValidationError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { DEFAULT_ROWS_PER_STATEMENT } from '../readings/upsert-readings.js';
import { translateWriteError } from '../translate-sql-error.js';

/** The horizon model's answer for one scored reading: a row of `horizon_risks`. */
export interface HorizonRiskRow {
  readonly assetId: string;
  /** Reading time, epoch ms. */
  readonly recordedAt: number;
  /** Registry id of the model whose horizon part scored it. */
  readonly modelId: number;
  /** Horizon of `risk`, minutes of operation (1..10080). */
  readonly horizonMinutes: number;
  /** Probability of a failure within the horizon, 0..1. */
  readonly risk: number;
  /** Expected minutes of operation to the next failure; null when the risks give no estimate. */
  readonly expectedMinutesToFailure: number | null;
}

/** Result of {@link insertHorizonRisks}. */
export interface InsertHorizonRisksResult {
  /** Rows sent (a row already stored is kept as it was). */
  readonly rows: number;
  readonly statements: number;
}

const COLUMNS = [
  'asset_id',
  'recorded_at',
  'model_id',
  'horizon_minutes',
  'risk',
  'expected_minutes_to_failure',
] as const;
const PLACEHOLDER = `(${COLUMNS.map(() => '?').join(', ')})`;
const MAX_HORIZON_MINUTES = 10_080;

function assertWritable(row: HorizonRiskRow, index: number): void {
  const problems: { path: string; reason: string; message: string }[] = [];
  const problem = (path: string, message: string) => {
    problems.push({ path, reason: 'out_of_range', message });
  };
  if (!Number.isInteger(row.recordedAt)) problem('/recordedAt', 'must be an integer of epoch milliseconds');
  if (!Number.isInteger(row.modelId)) problem('/modelId', `must be an integer, got ${String(row.modelId)}`);
  if (!(
    Number.isInteger(row.horizonMinutes) &&
    row.horizonMinutes >= 1 &&
    row.horizonMinutes <= MAX_HORIZON_MINUTES
  )) {
    problem(
      '/horizonMinutes',
      `must be an integer in 1..${String(MAX_HORIZON_MINUTES)}, got ${String(row.horizonMinutes)}`,
    );
  }
  if (!(row.risk >= 0 && row.risk <= 1)) problem('/risk', `must lie in 0..1, got ${String(row.risk)}`);
  const minutes = row.expectedMinutesToFailure;
  if (minutes !== null && !(Number.isFinite(minutes) && minutes >= 0)) {
    problem(
      '/expectedMinutesToFailure',
      `must be null or a finite number of at least 0, got ${String(minutes)}`,
    );
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `horizon_risks: row ${String(index)} (asset ${row.assetId}) cannot be stored: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      problems,
      { code: 'SQL_ROW_INVALID', context: { table: 'horizon_risks', index, assetId: row.assetId } },
    );
  }
}

/**
 * Stores horizon risks keyed on (asset_id, recorded_at), inside the caller's transaction, one statement per
 * 2,000 rows. A row already there keeps its values: it was scored from the window state just before its reading,
 * and a redelivery (or a late copy) would score it from a later state, so the first answer stands.
 */
export async function insertHorizonRisks(
  db: Pool | PoolConnection,
  rows: readonly HorizonRiskRow[],
): Promise<InsertHorizonRisksResult> {
  if (rows.length === 0) return { rows: 0, statements: 0 };
  rows.forEach(assertWritable);
  let statements = 0;
  try {
    for (let start = 0; start < rows.length; start += DEFAULT_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + DEFAULT_ROWS_PER_STATEMENT);
      const values: unknown[] = [];
      for (const r of chunk) {
        values.push(
          r.assetId,
          new Date(r.recordedAt),
          r.modelId,
          r.horizonMinutes,
          r.risk,
          r.expectedMinutesToFailure,
        );
      }
      // The no-op assignment keeps the stored row and, unlike INSERT IGNORE, still fails on a broken CHECK.
      await db.query<ResultSetHeader>(
        `INSERT INTO horizon_risks (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: chunk.length }, () => PLACEHOLDER).join(', ')} ON DUPLICATE KEY UPDATE model_id = model_id`,
        values,
      );
      statements += 1;
    }
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'horizon_risks', rows: rows.length });
  }
  return { rows: rows.length, statements };
}
