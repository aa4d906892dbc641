import { ValidationError } from '@lakehouse/runtime';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { splitCsvLine } from './split-csv-line.js';

/** The file formats the loader reads. */
export const RAW_FILE_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
/** One of {@link RAW_FILE_FORMATS}. */
export type RawFileFormat = (typeof RAW_FILE_FORMATS)[number];

/** One record of a raw file. */
export interface RawFileRecord {
  /** 1-based position: the line number in CSV/JSON lines (the CSV header is line 1), the row number in Parquet. */
  readonly position: number;
  /** The record as text, for the reject file. */
  readonly text: string;
  /** The decoded record, or why it could not be decoded. */
  readonly value:
    { readonly ok: true; readonly record: unknown } | { readonly ok: false; readonly message: string };
  /** Bytes of the file consumed up to and including this record (an estimate for Parquet). */
  readonly bytesRead: number;
}

/** Format of a file by its extension (`.csv`, `.jsonl`/`.ndjson`, `.parquet`), or undefined. */
export function rawFileFormat(path: string): RawFileFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.parquet') return 'parquet';
  return undefined;
}

async function* textLines(path: string): AsyncGenerator<{ line: string; bytes: number }> {
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let bytes = 0;
  for await (const line of lines) {
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    yield { line: line.endsWith('\r') ? line.slice(0, -1) : line, bytes };
  }
}

/**
 * Reads a CSV header line: its column names (trimmed, BOM removed). Throws BULK_FILE_INVALID naming every required
 * column it lacks.
 */
export function readCsvHeader(path: string, line: string, required: readonly string[]): string[] {
  const split = splitCsvLine(line.replace(/^\uFEFF/, ''));
  const header = split.ok ? split.fields.map((f) => f.trim()) : [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new ValidationError(
      `${path}: the CSV header lacks ${missing.join(', ')} (line 1: ${JSON.stringify(line.slice(0, 200))})`,
      missing.map((c) => ({
        path: `/${c}`,
        reason: 'missing',
        message: `header column ${c} is missing`,
      })),
      { code: 'BULK_FILE_INVALID', context: { file: path } },
    );
  }
  return header;
}

/** One CSV data line as a record keyed by the header's names, or why it is not one. */
export function csvLineValue(line: string, header: readonly string[]): RawFileRecord['value'] {
  const split = splitCsvLine(line);
  if (!split.ok) return { ok: false, message: split.message };
  if (split.fields.length !== header.length) {
    return {
      ok: false,
      message: `has ${String(split.fields.length)} fields, the header has ${String(header.length)}`,
    };
  }
  const record: Record<string, string> = {};
  header.forEach((name, i) => (record[name] = split.fields[i] ?? ''));
  return { ok: true, record };
}

async function* csvRecords(path: string, required: readonly string[]): AsyncGenerator<RawFileRecord> {
  let header: string[] | undefined;
  let position = 0;
  for await (const { line, bytes } of textLines(path)) {
    position += 1;
    if (header === undefined) {
      header = readCsvHeader(path, line, required);
      continue;
    }
    if (line === '') continue;
    yield { position, text: line, bytesRead: bytes, value: csvLineValue(line, header) };
  }
}

async function* jsonLineRecords(path: string): AsyncGenerator<RawFileRecord> {
  let position = 0;
  for await (const { line, bytes } of textLines(path)) {
    position += 1;
    if (line.trim() === '') continue;
    let value: RawFileRecord['value'];
    try {
      value = { ok: true, record: JSON.parse(line) as unknown };
    } catch (err: unknown) {
      value = { ok: false, message: `is not JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
    yield { position, text: line, bytesRead: bytes, value };
  }
}

const jsonText = (row: Record<string, unknown>): string =>
  JSON.stringify(row, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));

async function* parquetRecords(path: string, fromRow: number): AsyncGenerator<RawFileRecord> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const total = Number(metadata.num_rows);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    // Row groups before the resume point are skipped without being read.
    if (groupEnd > fromRow) {
      const rows = await parquetReadObjects({
        file,
        rowStart: Math.max(groupStart, fromRow),
        rowEnd: groupEnd,
      });
      let position = Math.max(groupStart, fromRow);
      for (const row of rows) {
        position += 1;
        yield {
          position,
          text: jsonText(row),
          bytesRead: Math.round((file.byteLength * position) / Math.max(total, 1)),
          value: { ok: true, record: row },
        };
      }
    }
    groupStart = groupEnd;
  }
}

/** Size and row estimate of a raw file, for progress. */
export async function rawFileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/**
 * Streams the records of a raw file in order, starting after `skipRecords` records (a resumed load). A CSV file
 * must have a header naming at least `requiredColumns`; otherwise a BULK_FILE_INVALID error is thrown before any
 * record is yielded.
 */
export async function* readRawRecords(
  path: string,
  format: RawFileFormat,
  options: { readonly skipRecords?: number; readonly requiredColumns: readonly string[] },
): AsyncGenerator<RawFileRecord> {
  const skip = options.skipRecords ?? 0;
  if (format === 'parquet') {
    yield* parquetRecords(path, skip);
    return;
  }
  let seen = 0;
  const source = format === 'csv' ? csvRecords(path, options.requiredColumns) : jsonLineRecords(path);
  for await (const record of source) {
    seen += 1;
    if (seen > skip) yield record;
  }
}
