import { WINDOW_FEATURE_COUNT, advanceWindow, createWindowState, type WindowState } from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import {
  HOUR_MS,
  READING_ROW_COLUMNS,
  insertHorizonRisks,
  readingFromRow,
  saveWindowStates,
  type HorizonRiskRow,
} from '@lakehouse/sql';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { Scorer } from './create-scorer.js';
import type { ReadingRow } from './reading-row.js';

/** Options of {@link scoreHistory}. */
export interface ScoreHistoryOptions {
  /** Readings read, scored and written back per slice. @default 5000 */
  readonly sliceRows?: number;
  /** Called after each slice. */
  readonly onProgress?: (progress: ScoreHistoryProgress) => void;
}

/** Where {@link scoreHistory} stands after a slice. */
export interface ScoreHistoryProgress {
  readonly scored: number;
  /** Readings the model had not scored when the run began. */
  readonly toScore: number;
}

/** Result of {@link scoreHistory}. */
export interface ScoreHistoryResult {
  readonly scored: number;
  /** Readings that also got a horizon risk (0 when the model has no horizon part). */
  readonly horizonScored: number;
  readonly slices: number;
  /** Start (epoch ms UTC) of every hour that had a reading scored, oldest first: what the aggregates must rebuild. */
  readonly hourStartsMs: readonly number[];
}

/** Not scored by the model yet: bulk-loaded history (no model) or rows an earlier model scored. */
const NOT_BY_MODEL = '(model_id IS NULL OR model_id <> ?)';
/** Per-connection scratch table of one slice's scores; keyed, as Group Replication wants every table to be. */
const SCRATCH = 'history_scores';

function readFailed(err: unknown): UpstreamError {
  return new UpstreamError('SQL_READ_FAILED', `cannot read readings to score: ${(err as Error).message}`, {
    cause: err,
    retryable: true,
    context: { table: 'readings' },
  });
}

/**
 * Scores every reading that `scorer`'s model has not scored (the bulk-loaded history, or rows of an earlier model)
 * and writes the probability and model id onto `readings`: probability only, without the explanation rows that
 * `scoreReadingsTable` writes to `predictions`. Walks the primary key in slices (keyset pagination, flat memory);
 * each slice is one read, one multi-row insert into a temporary table and one `UPDATE ... JOIN`, so a slice of
 * 5,000 rows costs three round trips. A run stopped part-way leaves whole slices scored; the next run picks up the
 * rest. Returns the hours it changed, which the caller rebuilds the aggregates of.
 */
export async function scoreHistory(
  db: Pool,
  scorer: Scorer,
  options: ScoreHistoryOptions = {},
): Promise<ScoreHistoryResult> {
  const sliceRows = options.sliceRows ?? 5_000;
  if (!Number.isInteger(sliceRows) || sliceRows < 1 || sliceRows > 20_000) {
    throw new RangeError(`sliceRows must be an integer in 1..20000, got ${String(sliceRows)}`);
  }
  let conn: PoolConnection;
  try {
    conn = await db.getConnection();
  } catch (err: unknown) {
    throw readFailed(err);
  }
  const hours = new Set<number>();
  let scored = 0;
  let horizonScored = 0;
  let slices = 0;
  try {
    let toScore: number;
    try {
      const [count] = await conn.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM readings WHERE ${NOT_BY_MODEL}`,
        [scorer.modelId],
      );
      toScore = Number(count[0]?.['n'] ?? 0);
    } catch (err: unknown) {
      throw readFailed(err);
    }
    if (toScore === 0) return { scored: 0, horizonScored: 0, slices: 0, hourStartsMs: [] };
    try {
      await conn.query(
        // The charset the tables are created with (libs/sql createTableSql), so asset_id compares with readings'
        // column whatever the schema's default collation (the demo's schema differs from it: utf8mb4_unicode_ci).
        `CREATE TEMPORARY TABLE IF NOT EXISTS ${SCRATCH} (
           asset_id VARCHAR(64) NOT NULL, recorded_at DATETIME(3) NOT NULL, failure_probability DOUBLE NOT NULL,
           PRIMARY KEY (asset_id, recorded_at)) DEFAULT CHARSET=utf8mb4`,
      );
      await conn.query(`DELETE FROM ${SCRATCH}`);
    } catch (err: unknown) {
      throw writeFailed(err, scorer.modelId);
    }
    let after: { assetId: string; recordedAt: Date } | undefined;
    // With a horizon part: the window features of each asset's readings in key (= time) order, the same
    // computation as training and the ingest function, and the states they end in, so live readings go on from the
    // history (ADR 0050). Readings an earlier run scored are not read again, so a run resumed part-way starts the
    // rest of that asset's window afresh.
    const horizon = scorer.horizon;
    const features = new Float64Array(WINDOW_FEATURE_COUNT);
    let windowAsset = '';
    let window: WindowState = createWindowState();
    for (;;) {
      let rows: ReadingRow[];
      try {
        // The OR form of the keyset condition, which MariaDB's range optimizer turns into a primary-key range.
        [rows] = await conn.query<ReadingRow[]>(
          `SELECT ${READING_ROW_COLUMNS.join(', ')}
             FROM readings
            WHERE ${NOT_BY_MODEL}${after === undefined ? '' : ' AND (asset_id > ? OR (asset_id = ? AND recorded_at > ?))'}
            ORDER BY asset_id, recorded_at
            LIMIT ?`,
          after === undefined
            ? [scorer.modelId, sliceRows]
            : [scorer.modelId, after.assetId, after.assetId, after.recordedAt, sliceRows],
        );
      } catch (err: unknown) {
        throw readFailed(err);
      }
      if (rows.length === 0) break;
      const values: unknown[] = [];
      const risks: HorizonRiskRow[] = [];
      const states = new Map<string, WindowState>();
      for (const row of rows) {
        const reading = readingFromRow(row);
        values.push(row.asset_id, row.recorded_at, scorer.probability(reading));
        hours.add(Math.floor(reading.recordedAt / HOUR_MS) * HOUR_MS);
        if (horizon === null) continue;
        if (row.asset_id !== windowAsset) {
          windowAsset = row.asset_id;
          window = createWindowState();
        }
        advanceWindow(window, reading, features, 0);
        const { risk, expectedMinutesToFailure } = horizon.score(features, 0);
        risks.push({
          assetId: reading.assetId,
          recordedAt: reading.recordedAt,
          modelId: scorer.modelId,
          horizonMinutes: horizon.alertMinutes,
          risk,
          expectedMinutesToFailure,
        });
        states.set(row.asset_id, window);
      }
      try {
        await conn.query(
          `INSERT INTO ${SCRATCH} (asset_id, recorded_at, failure_probability) VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}`,
          values,
        );
        await conn.query(
          // STRAIGHT_JOIN: the slice's rows first, each finding its reading by primary key. Left to the optimizer,
          // MariaDB switched part-way through a run to driving the join from readings (mariadbd at 100 % CPU, 2.5 s
          // per slice instead of 0.05 s: the 1,000,000-row demo history went from 30,000 to 2,000 readings/s).
          `UPDATE ${SCRATCH} s STRAIGHT_JOIN readings r ON r.asset_id = s.asset_id AND r.recorded_at = s.recorded_at
              SET r.failure_probability = s.failure_probability, r.model_id = ?`,
          [scorer.modelId],
        );
        await conn.query(`DELETE FROM ${SCRATCH}`);
        if (risks.length > 0) {
          await insertHorizonRisks(conn, risks);
          // A stored state moves only forward: one that live readings already took past the history stays.
          await saveWindowStates(conn, states, new Map(), Date.now());
          horizonScored += risks.length;
        }
      } catch (err: unknown) {
        throw writeFailed(err, scorer.modelId);
      }
      scored += rows.length;
      slices += 1;
      options.onProgress?.({ scored, toScore });
      const last = rows[rows.length - 1] as ReadingRow;
      after = { assetId: last.asset_id, recordedAt: last.recorded_at };
      if (rows.length < sliceRows) break;
    }
  } finally {
    // The scratch table lives as long as the connection, which goes back to the pool: drop it, or drop the
    // connection when that fails.
    const dropped = await conn.query(`DROP TEMPORARY TABLE IF EXISTS ${SCRATCH}`).then(
      () => true,
      () => false,
    );
    if (dropped) conn.release();
    else conn.destroy();
  }
  return { scored, horizonScored, slices, hourStartsMs: [...hours].sort((a, b) => a - b) };
}

function writeFailed(err: unknown, modelId: number): UpstreamError {
  return new UpstreamError('SQL_WRITE_FAILED', `cannot store history scores: ${(err as Error).message}`, {
    cause: err,
    retryable: true,
    context: { table: 'readings', modelId },
  });
}
