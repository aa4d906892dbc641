import type { PoolConnection } from 'mysql2/promise';
import { Readable } from 'node:stream';
import { formatReadingLoadDataLine, loadReadingLines } from './format-reading-load-data-line.js';
import { assertWritable, type ReadingToStore } from './upsert-readings.js';

const SAVEPOINT = 'insert_new_readings';

/**
 * The fast path of an idempotent write, for batches that are (nearly always) new: `LOAD DATA LOCAL INFILE ...
 * IGNORE` into `readings`, which costs the server about a third of a multi-row upsert. It keeps the rows only if every
 * one of them was inserted without a single warning; otherwise (a redelivery, a conflicting or refused row) it rolls
 * back to a savepoint and returns false, and the caller stores the batch with {@link upsertReadings}, whose
 * semantics (merge rules, errors naming the row) then apply unchanged. Runs inside the caller's transaction.
 * Throws when the server refuses LOCAL INFILE (`local_infile=OFF`), after rolling back to the savepoint.
 */
export async function insertNewReadings(
  conn: PoolConnection,
  items: readonly ReadingToStore[],
): Promise<boolean> {
  if (items.length === 0) return true;
  items.forEach(assertWritable);
  await conn.query(`SAVEPOINT ${SAVEPOINT}`);
  let clean = false;
  try {
    const result = await loadReadingLines(conn, {
      stream: Readable.from([items.map(formatReadingLoadDataLine).join('')]),
      onDuplicate: 'ignore',
    });
    clean = result.affectedRows === items.length && result.warningCount === 0;
  } finally {
    await conn.query(clean ? `RELEASE SAVEPOINT ${SAVEPOINT}` : `ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
  }
  return clean;
}
