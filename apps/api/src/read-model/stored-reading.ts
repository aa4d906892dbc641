import { UpstreamError } from '@lakehouse/runtime';
import type { RowDataPacket } from 'mysql2/promise';
import { READING_COLUMN_FIELDS } from '@lakehouse/sql';
import { StoredReadingSchema, type StoredReading } from '../schemas/readings.js';

const NULLABLE_FIELDS = new Set<keyof StoredReading>(['failureProbability', 'modelId']);

/** The fields of a stored reading the API returns (StoredReadingSchema), each with its `readings` column. */
const STORED_READING_COLUMNS: readonly (readonly [keyof StoredReading, string])[] = (
  Object.keys(StoredReadingSchema.properties) as (keyof StoredReading)[]
).map((field) => [field, READING_COLUMN_FIELDS[field]] as const);

/** Columns of `readings` that {@link toStoredReading} maps, prefixed with the table alias. */
export function storedReadingColumns(alias: string): string {
  return STORED_READING_COLUMNS.map(([, c]) => `${alias}.${c} AS r_${c}`).join(', ');
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Epoch ms of a DATETIME that mysql2 returned as a Date (the pool works in UTC). */
export function epochMs(value: unknown): number {
  return value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
}

/** The reading selected with {@link storedReadingColumns}, or null when the join found none. */
export function toStoredReading(row: RowDataPacket): StoredReading | null {
  if (row['r_recorded_at'] === null || row['r_recorded_at'] === undefined) return null;
  const reading: Record<string, number | null> = {};
  for (const [field, column] of STORED_READING_COLUMNS) {
    const value: unknown = row[`r_${column}`];
    reading[field] =
      field === 'recordedAt' ? epochMs(value) : NULLABLE_FIELDS.has(field) ? numOrNull(value) : num(value);
  }
  return reading as StoredReading;
}

/** Wraps a failed read with the table it was reading. */
export function readFailed(table: string, err: unknown): UpstreamError {
  return new UpstreamError('SQL_READ_FAILED', `cannot read ${table}: ${(err as Error).message}`, {
    cause: err,
    retryable: true,
    context: { table },
  });
}

export { numOrNull };
