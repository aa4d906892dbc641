import { UpstreamError } from '@lakehouse/runtime';
import { READING_ROW_COLUMNS, readingFromRow } from '@lakehouse/sql';
import type { Pool, ResultSetHeader } from 'mysql2/promise';
import type { Scorer } from './create-scorer.js';
import type { ReadingRow } from './reading-row.js';

/** Options of {@link scoreReadingsTable}. */
export interface ScoreReadingsOptions {
  /** Readings read and written per round trip. @default 2000 */
  readonly batchSize?: number;
  /** Also copy the probability and model id onto the readings rows. @default true */
  readonly updateReadings?: boolean;
  /** Called after each batch with the running total. */
  readonly onProgress?: (scored: number) => void;
}

/** Result of {@link scoreReadingsTable}. */
export interface ScoreReadingsResult {
  readonly scored: number;
  readonly predictedFailures: number;
  readonly batches: number;
}

/**
 * Scores every row of `readings` with `scorer` and upserts one `predictions` row per reading and model (probability,
 * decision, modes, explanation). Walks the table in key order with keyset pagination, so it is restartable and
 * its memory stays flat; re-running replaces the model's earlier predictions.
 */
export async function scoreReadingsTable(
  db: Pool,
  scorer: Scorer,
  options: ScoreReadingsOptions = {},
): Promise<ScoreReadingsResult> {
  const batchSize = options.batchSize ?? 2_000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new RangeError(`batchSize must be an integer in 1..10000, got ${String(batchSize)}`);
  }
  let after: { assetId: string; recordedAt: Date } | undefined;
  let scored = 0;
  let predictedFailures = 0;
  let batches = 0;
  for (;;) {
    let rows: ReadingRow[];
    try {
      [rows] = await db.query<ReadingRow[]>(
        `SELECT ${READING_ROW_COLUMNS.join(', ')}
           FROM readings
          ${after === undefined ? '' : 'WHERE (asset_id, recorded_at) > (?, ?)'}
          ORDER BY asset_id, recorded_at
          LIMIT ?`,
        after === undefined ? [batchSize] : [after.assetId, after.recordedAt, batchSize],
      );
    } catch (err: unknown) {
      throw new UpstreamError('SQL_READ_FAILED', `cannot read readings to score: ${(err as Error).message}`, {
        cause: err,
        retryable: true,
        context: { table: 'readings' },
      });
    }
    if (rows.length === 0) break;
    const values: unknown[] = [];
    for (const row of rows) {
      const explanation = scorer.explain(readingFromRow(row));
      if (explanation.predictedFailure) predictedFailures += 1;
      values.push(
        row.asset_id,
        row.recorded_at,
        scorer.modelId,
        explanation.probability,
        explanation.predictedFailure ? 1 : 0,
        explanation.modes.length === 0 ? null : explanation.modes.join(','),
        JSON.stringify({
          modes: explanation.modes,
          modeProbabilities: explanation.modeProbabilities,
          drivers: explanation.drivers.slice(0, 5),
          baseLogOdds: explanation.baseLogOdds,
        }),
      );
    }
    const last = rows[rows.length - 1] as ReadingRow;
    try {
      await db.query<ResultSetHeader>(
        `INSERT INTO predictions (asset_id, recorded_at, model_id, failure_probability, predicted_failure, predicted_modes, explanation)
         VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE failure_probability = VALUES(failure_probability),
           predicted_failure = VALUES(predicted_failure), predicted_modes = VALUES(predicted_modes),
           explanation = VALUES(explanation), scored_at = UTC_TIMESTAMP(3)`,
        values,
      );
      if (options.updateReadings !== false) {
        const first = rows[0] as ReadingRow;
        // One statement per batch: copy this model's fresh predictions onto the batch's key range of readings.
        await db.query<ResultSetHeader>(
          `UPDATE readings r JOIN predictions p
              ON p.asset_id = r.asset_id AND p.recorded_at = r.recorded_at AND p.model_id = ?
              SET r.failure_probability = p.failure_probability, r.model_id = p.model_id
            WHERE (r.asset_id, r.recorded_at) >= (?, ?) AND (r.asset_id, r.recorded_at) <= (?, ?)`,
          [scorer.modelId, first.asset_id, first.recorded_at, last.asset_id, last.recorded_at],
        );
      }
    } catch (err: unknown) {
      throw new UpstreamError('SQL_WRITE_FAILED', `cannot store predictions: ${(err as Error).message}`, {
        cause: err,
        retryable: true,
        context: { table: 'predictions', modelId: scorer.modelId },
      });
    }
    scored += rows.length;
    batches += 1;
    options.onProgress?.(scored);
    after = { assetId: last.asset_id, recordedAt: last.recorded_at };
    if (rows.length < batchSize) break;
  }
  return { scored, predictedFailures, batches };
}
