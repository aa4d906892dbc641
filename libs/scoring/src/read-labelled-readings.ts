import type { LabelledReading } from '@lakehouse/domain';
import { LABEL_ROW_COLUMNS, READING_ROW_COLUMNS, labelsFromRow, readingFromRow } from '@lakehouse/sql';
import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, RowDataPacket } from 'mysql2/promise';

/** Options of {@link readLabelledReadings}. */
export interface ReadLabelledReadingsOptions {
  /** Rows per round trip. @default 10000 */
  readonly batchSize?: number;
  /** Called after each batch with the running total. */
  readonly onProgress?: (rows: number) => void;
  /**
   * Only about the newest `newest` labelled readings: every labelled reading at or after the instant of the
   * `newest`-th newest one (ties at that instant are all kept). Undefined reads them all.
   */
  readonly newest?: number;
}

/**
 * Reads the labelled history (readings whose `machine_failure` is known) in key order, the training input of the
 * failure model. Unlabelled rows (live readings) are skipped.
 */
export async function readLabelledReadings(
  db: Pool,
  options: ReadLabelledReadingsOptions = {},
): Promise<LabelledReading[]> {
  const batchSize = options.batchSize ?? 10_000;
  const out: LabelledReading[] = [];
  let after: [string, Date] | undefined;
  let since: Date | undefined;
  for (;;) {
    let rows: RowDataPacket[];
    try {
      if (options.newest !== undefined && since === undefined) {
        // Through the recorded_at index: the instant of the newest-th newest labelled reading.
        const [cut] = await db.query<RowDataPacket[]>(
          `SELECT recorded_at FROM readings WHERE machine_failure IS NOT NULL
            ORDER BY recorded_at DESC LIMIT 1 OFFSET ?`,
          [Math.max(0, options.newest - 1)],
        );
        since = (cut[0]?.['recorded_at'] as Date | undefined) ?? new Date(0);
      }
      const conditions = ['machine_failure IS NOT NULL'];
      const params: unknown[] = [];
      if (since !== undefined) {
        conditions.push('recorded_at >= ?');
        params.push(since);
      }
      if (after !== undefined) {
        conditions.push('(asset_id, recorded_at) > (?, ?)');
        params.push(...after);
      }
      [rows] = await db.query<RowDataPacket[]>(
        `SELECT ${READING_ROW_COLUMNS.join(', ')}, ${LABEL_ROW_COLUMNS.join(', ')}
           FROM readings
          WHERE ${conditions.join(' AND ')}
          ORDER BY asset_id, recorded_at
          LIMIT ?`,
        [...params, batchSize],
      );
    } catch (err: unknown) {
      throw new UpstreamError('SQL_READ_FAILED', `cannot read labelled readings: ${(err as Error).message}`, {
        cause: err,
        retryable: true,
        context: { table: 'readings' },
      });
    }
    for (const row of rows) {
      out.push({ ...readingFromRow(row), labels: labelsFromRow(row) });
    }
    options.onProgress?.(out.length);
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < batchSize) break;
    after = [String(last['asset_id']), last['recorded_at'] as Date];
  }
  return out;
}
