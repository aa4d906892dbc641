import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import { createHash } from 'node:crypto';
import { translateWriteError } from '../translate-sql-error.js';

/** Pipeline stage that rejected a record. */
export type DeadLetterSource = 'stream' | 'connector' | 'bulk' | 'replay';

/** One problem with a record, as libs/domain validation reports it. */
export interface DeadLetterReason {
  readonly path: string;
  readonly reason: string;
  readonly message: string;
}

/** A record that could not be stored, with everything needed to find, understand and replay it. */
export interface DeadLetter {
  readonly source: DeadLetterSource;
  /** The record exactly as received. */
  readonly rawPayload: Buffer;
  /** Every problem; at least one. */
  readonly reasons: readonly DeadLetterReason[];
  /** Error text when a failure (not the data) sent it here, e.g. a poison batch after N attempts. */
  readonly errorMessage?: string;
  readonly streamName?: string;
  readonly streamPartition?: number;
  readonly streamOffset?: number;
  readonly sourceFile?: string;
  /** 1-based line number in `sourceFile`. */
  readonly sourceLine?: number;
  /** Position of the record in its batch or message. */
  readonly recordIndex?: number;
}

/**
 * Identity of a dead letter: where it came from plus its bytes. A redelivered batch produces the same keys, so
 * the table counts deliveries instead of growing.
 */
export function deadLetterKey(letter: DeadLetter): string {
  const origin = [
    letter.source,
    letter.streamName ?? '',
    letter.streamPartition ?? '',
    letter.streamOffset ?? '',
    letter.sourceFile ?? '',
    letter.sourceLine ?? '',
    letter.recordIndex ?? '',
  ].join('\u0000');
  return createHash('sha256').update(origin).update('\u0000').update(letter.rawPayload).digest('hex');
}

const COLUMNS = [
  'dedup_key',
  'source',
  'stream_name',
  'stream_partition',
  'stream_offset',
  'source_file',
  'source_line',
  'record_index',
  'raw_payload',
  'primary_reason',
  'reasons',
  'error_message',
] as const;
const ROW = `(${COLUMNS.map(() => '?').join(', ')})`;

/**
 * Stores dead letters in one statement. A letter seen before (same {@link deadLetterKey}) bumps its
 * `delivery_count` and `last_seen_at` instead of adding a row. Returns how many letters were new.
 */
export async function insertDeadLetters(
  db: Pool | PoolConnection,
  letters: readonly DeadLetter[],
): Promise<{ readonly inserted: number }> {
  if (letters.length === 0) return { inserted: 0 };
  const values: unknown[] = [];
  for (const [i, letter] of letters.entries()) {
    const first = letter.reasons[0];
    if (first === undefined)
      throw new Error(`dead letter ${i} has no reason: every dead letter must say why`);
    values.push(
      deadLetterKey(letter),
      letter.source,
      letter.streamName ?? null,
      letter.streamPartition ?? null,
      letter.streamOffset ?? null,
      letter.sourceFile ?? null,
      letter.sourceLine ?? null,
      letter.recordIndex ?? null,
      letter.rawPayload,
      first.reason.slice(0, 64),
      JSON.stringify(letter.reasons),
      letter.errorMessage ?? null,
    );
  }
  const sql = `INSERT INTO dead_letters (${COLUMNS.join(', ')}) VALUES ${letters.map(() => ROW).join(', ')}
    ON DUPLICATE KEY UPDATE delivery_count = delivery_count + 1, last_seen_at = CURRENT_TIMESTAMP(3)`;
  try {
    const [result] = await db.query<ResultSetHeader>(sql, values);
    // New rows count 1, redeliveries count 2 (the row changed): new = 2n - affected.
    return { inserted: 2 * letters.length - result.affectedRows };
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'dead_letters', rows: letters.length });
  }
}
