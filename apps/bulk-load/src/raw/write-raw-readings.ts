import { FAILURE_MODES, MEASURES, type FailureMode, type Measure, type Reading } from '@lakehouse/domain';
import { READING_COLUMN_FIELDS } from '@lakehouse/sql';
import { parquetWriteFile } from 'hyparquet-writer';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { rawColumnKind, rawReadingColumns } from './raw-reading-columns.js';

/** A reading as a raw file row: the reading plus the failure probability the source scored it with. */
export interface RawReadingRow {
  readonly reading: Reading;
  readonly failureProbability?: number | null;
}

const MEASURE_COLUMN: ReadonlyMap<string, Measure> = new Map(
  MEASURES.map((m) => [READING_COLUMN_FIELDS[m], m]),
);
const LABEL_COLUMN: ReadonlyMap<string, 'machineFailure' | FailureMode> = new Map(
  (['machineFailure', ...FAILURE_MODES] as const).map((l) => [READING_COLUMN_FIELDS[l], l]),
);

/** The value of one raw column for a row: number, string, Date or null. */
export function rawColumnValue(row: RawReadingRow, column: string): string | number | Date | null {
  const r = row.reading;
  switch (column) {
    case 'asset_id':
      return r.assetId;
    case 'recorded_at':
      return new Date(r.recordedAt);
    case 'asset_type':
      return r.assetType;
    case 'site_id':
      return r.siteId ?? null;
    case 'line_id':
      return r.lineId ?? null;
    case 'failure_probability':
      return row.failureProbability ?? null;
  }
  const measure = MEASURE_COLUMN.get(column);
  if (measure !== undefined) return r[measure];
  const label = LABEL_COLUMN.get(column);
  if (label !== undefined) return r.labels === undefined ? null : r.labels[label] ? 1 : 0;
  throw new Error(`no raw value for column ${column}`);
}

/** The header line of a raw CSV file (with its newline). */
export function rawCsvHeader(): string {
  return `${rawReadingColumns()
    .map((c) => c.name)
    .join(',')}\n`;
}

/** One raw CSV line (with its newline): ISO-8601 UTC instants, empty fields for NULL. */
export function rawCsvLine(row: RawReadingRow): string {
  return `${rawReadingColumns()
    .map((c) => {
      const v = rawColumnValue(row, c.name);
      return v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
    })
    .join(',')}\n`;
}

/** Writes rows as a raw CSV file, streaming (constant memory for any row count). */
export async function writeRawCsv(path: string, rows: Iterable<RawReadingRow>): Promise<number> {
  const out = createWriteStream(path);
  let count = 0;
  let buffer = rawCsvHeader();
  for (const row of rows) {
    buffer += rawCsvLine(row);
    count += 1;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await finished(out);
  return count;
}

/** Writes rows as JSON lines of snake_case raw records. */
export async function writeRawJsonLines(path: string, rows: Iterable<RawReadingRow>): Promise<number> {
  const columns = rawReadingColumns();
  const out = createWriteStream(path);
  let count = 0;
  for (const row of rows) {
    const record: Record<string, unknown> = {};
    for (const c of columns) {
      const v = rawColumnValue(row, c.name);
      if (v !== null) record[c.name] = v instanceof Date ? v.toISOString() : v;
    }
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    count += 1;
  }
  out.end();
  await finished(out);
  return count;
}

/**
 * Writes rows as one Parquet file: strings as UTF8, instants as TIMESTAMP_MILLIS (UTC), measures as DOUBLE,
 * labels and other integers as INT32; every column optional. Held in memory while written: keep files to a few
 * million rows.
 */
export function writeRawParquet(
  path: string,
  rows: readonly RawReadingRow[],
  rowGroupSize = 100_000,
): number {
  const columnData = rawReadingColumns().map((c) => {
    const kind = rawColumnKind(c.type);
    return {
      name: c.name,
      data: rows.map((row) => rawColumnValue(row, c.name)),
      type:
        kind === 'string'
          ? 'STRING'
          : kind === 'timestamp'
            ? 'TIMESTAMP'
            : kind === 'double'
              ? 'DOUBLE'
              : 'INT32',
    } as const;
  });
  parquetWriteFile({ filename: path, columnData, rowGroupSize });
  return rows.length;
}
