import { formatReadingLoadDataLine } from '@lakehouse/sql';
import { open } from 'node:fs/promises';
import { CANONICAL_CSV_HEADER, checkCanonicalCsvLine, emptyLineFacts } from '../raw/canonical-csv-line.js';
import {
  csvLineValue,
  readCsvHeader,
  readRawRecords,
  type RawFileFormat,
  type RawFileRecord,
} from '../raw/read-raw-records.js';
import { toReadingToStore } from '../raw/to-reading-to-store.js';
import { rawCsvLine } from '../raw/write-raw-readings.js';
import { BatchBuilder, type ParsedBatch, type RejectLine } from './batch-builder.js';

/** What {@link parseBatches} reads. */
export interface ParseBatchesOptions {
  readonly path: string;
  readonly format: RawFileFormat;
  /** Records already committed by an earlier run. */
  readonly skipRecords: number;
  /** Valid rows per LOAD DATA statement: a batch ends exactly at a chunk boundary. */
  readonly chunkRows: number;
  readonly nowMs: number;
  readonly requiredColumns: readonly string[];
  /** Records per batch at most (fewer, larger hand-overs). @default 4096 */
  readonly batchRecords?: number;
  /**
   * Hand canonical CSV lines to the server as they are (see canonical-csv-line.ts) instead of parsing and
   * formatting every row. @default true
   */
  readonly isCsvPassThrough?: boolean;
  /**
   * Every batch gets buffers of its own, which a worker thread can transfer. False lets a batch's lines be a view
   * of the buffer the file was read into (no copy), for a consumer on the same thread. @default true
   */
  readonly isOwnBuffers?: boolean;
}

export type { BatchLayout, ParsedBatch } from './batch-builder.js';

function describeRecordError(record: RawFileRecord, message: string): RejectLine['reasons'] {
  return [{ path: '', reason: 'invalid_format', message: `record at ${String(record.position)} ${message}` }];
}

/** The first line of a file (up to 64 KB), without its line end, or undefined for an empty file. */
async function firstLine(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead === 0) return undefined;
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    return buf.toString('utf8', 0, nl < 0 ? bytesRead : nl).replace(/\r$/, '');
  } finally {
    await handle.close();
  }
}

/**
 * Reads a raw file from `skipRecords` on and turns it into batches: every record validated with libs/domain's
 * rules, valid rows as lines the server loads, bad rows as reject lines naming line number and reasons. A chunk
 * holds exactly `chunkRows` valid rows (the last one fewer); its last batch carries `endsChunk` and the chunk's
 * assets. A CSV file with the canonical header takes the pass-through path ({@link canonicalCsvBatches}); other
 * files are parsed record by record. Runs in a worker thread (parse-worker.ts) so that this work overlaps with the
 * server's inserts.
 */
export async function* parseBatches(options: ParseBatchesOptions): AsyncGenerator<ParsedBatch> {
  if (await isCanonicalCsvFile(options)) {
    yield* canonicalCsvBatches(options);
    return;
  }
  yield* recordBatches(options);
}

/** Whether {@link parseBatches} takes the pass-through path for this file: a CSV file with the canonical header. */
export async function isCanonicalCsvFile(
  options: Pick<ParseBatchesOptions, 'path' | 'format' | 'isCsvPassThrough'>,
): Promise<boolean> {
  if (options.format !== 'csv' || options.isCsvPassThrough === false) return false;
  const header = await firstLine(options.path);
  return header !== undefined && header.replace(/^\uFEFF/, '') === CANONICAL_CSV_HEADER;
}

/** The general path: record by record through toReadingToStore, valid rows formatted as load-data lines. */
async function* recordBatches(options: ParseBatchesOptions): AsyncGenerator<ParsedBatch> {
  const batchRecords = options.batchRecords ?? 4096;
  const records = readRawRecords(options.path, options.format, {
    skipRecords: options.skipRecords,
    requiredColumns: options.requiredColumns,
  });
  const batch = new BatchBuilder('load-data', options.path);
  for await (const record of records) {
    batch.bytesNow = record.bytesRead;
    batch.records += 1;
    const outcome = record.value.ok
      ? toReadingToStore(record.value.record, options.nowMs)
      : ({ ok: false, problems: describeRecordError(record, record.value.message) } as const);
    if (outcome.ok) {
      batch.addText(formatReadingLoadDataLine(outcome.item));
      batch.sightReading(outcome.item.reading);
      if (batch.chunkRows >= options.chunkRows) {
        yield batch.take(true);
        continue;
      }
    } else {
      batch.reject(record.position, outcome.problems, record.text);
    }
    if (batch.records >= batchRecords) yield batch.take(false);
  }
  if (batch.records > 0 || batch.chunkRows > 0) yield batch.take(true);
}

/** Bytes read from the file at a time. */
const READ_BYTES = 1 << 20;

/**
 * The pass-through path for a canonical CSV file (the caller has checked the header with isCanonicalCsvFile): each
 * line is checked byte by byte (checkCanonicalCsvLine) and, when it passes, handed to the server unchanged, runs of
 * such lines as one slice. A line that does not pass is decoded and judged by the general rules: rejected with its
 * reasons, or (valid but not canonical, e.g. `1e2` or CRLF) rewritten as a canonical line. Line numbers, records
 * and bytes count exactly as on the general path.
 */
export async function* canonicalCsvBatches(options: ParseBatchesOptions): AsyncGenerator<ParsedBatch> {
  const batchRecords = options.batchRecords ?? 4096;
  const header = readCsvHeader(options.path, CANONICAL_CSV_HEADER, options.requiredColumns);
  const facts = emptyLineFacts();
  const batch = new BatchBuilder('raw-csv', options.path, options.isOwnBuffers !== false);
  const handle = await open(options.path, 'r');
  let position = 0;
  let recordsSeen = 0;
  let carry: Buffer = Buffer.alloc(0);
  let fileOffset = 0;
  try {
    for (let isEof = false; !isEof;) {
      const buf = Buffer.allocUnsafe(carry.length + READ_BYTES);
      carry.copy(buf, 0);
      const { bytesRead } = await handle.read(buf, carry.length, READ_BYTES, fileOffset);
      fileOffset += bytesRead;
      isEof = bytesRead === 0;
      const length = carry.length + bytesRead;
      // The offset in the file of buf[0].
      const base = fileOffset - length;
      let pos = 0;
      // Start of the current run of pass-through lines, or -1.
      let runStart = -1;
      let runRows = 0;
      const closeRun = (end: number): void => {
        if (runStart >= 0 && end > runStart) batch.addBytes(buf.subarray(runStart, end), runRows);
        runStart = -1;
        runRows = 0;
      };
      while (pos < length) {
        let nl = buf.indexOf(10, pos);
        if (nl < 0 || nl >= length) {
          if (!isEof) break;
          nl = length;
        }
        const lineEnd = nl;
        const next = Math.min(nl + 1, length);
        position += 1;
        const isHeader = position === 1;
        const isBlank = lineEnd === pos || (lineEnd === pos + 1 && buf[pos] === 13);
        if (isHeader || isBlank || (recordsSeen += 1) <= options.skipRecords) {
          closeRun(pos);
          batch.bytesNow = base + next;
          pos = next;
          continue;
        }
        batch.records += 1;
        batch.bytesNow = base + next;
        if (nl < length && checkCanonicalCsvLine(buf, pos, lineEnd, options.nowMs, facts)) {
          if (runStart < 0) runStart = pos;
          runRows += 1;
          batch.sightLine(buf, facts);
        } else {
          closeRun(pos);
          const text = buf.toString('utf8', pos, lineEnd).replace(/\r$/, '');
          const value = csvLineValue(text, header);
          const outcome = value.ok
            ? toReadingToStore(value.record, options.nowMs)
            : ({
                ok: false,
                problems: [
                  {
                    path: '',
                    reason: 'invalid_format',
                    message: `record at ${String(position)} ${value.message}`,
                  },
                ],
              } as const);
          if (outcome.ok) {
            batch.addText(rawCsvLine(outcome.item));
            batch.sightReading(outcome.item.reading);
          } else {
            batch.reject(position, outcome.problems, text);
          }
        }
        pos = next;
        if (batch.chunkRows + runRows >= options.chunkRows) {
          closeRun(pos);
          yield batch.take(true);
        } else if (batch.records >= batchRecords) {
          closeRun(pos);
          yield batch.take(false);
        }
      }
      closeRun(pos);
      carry = Buffer.from(buf.subarray(pos, length));
    }
  } finally {
    await handle.close();
  }
  if (batch.records > 0 || batch.chunkRows > 0) yield batch.take(true);
}
