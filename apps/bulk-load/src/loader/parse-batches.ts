import type { Reading } from '@lakehouse/domain';
import { formatReadingLoadDataLine } from '@lakehouse/sql';
import { readRawRecords, type RawFileFormat, type RawFileRecord } from '../raw/read-raw-records.js';
import { toReadingToStore } from '../raw/to-reading-to-store.js';

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
}

/** One slice of a file, ready to be streamed: valid rows as LOAD DATA text, bad rows as reject-file lines. */
export interface ParsedBatch {
  /** Tab-separated LOAD DATA lines of the valid rows (utf8). */
  readonly lines: Uint8Array;
  readonly rows: number;
  /** Records read (valid + rejected). */
  readonly records: number;
  /** Reject-file JSON lines of the bad rows (utf8). */
  readonly rejects: Uint8Array;
  readonly rejectCount: number;
  /** Bytes of the input consumed by this batch (an estimate for Parquet). */
  readonly bytes: number;
  /** The last batch of a chunk: the chunk can be committed after it. */
  readonly endsChunk: boolean;
  /** First and last reading per asset of the chunk, set on the batch that ends it. */
  readonly assets?: readonly Reading[];
}

interface RejectLine {
  readonly file: string;
  readonly line: number;
  readonly reasons: readonly { readonly path: string; readonly reason: string; readonly message: string }[];
  readonly record: string;
}

function describeRecordError(record: RawFileRecord, message: string): RejectLine['reasons'] {
  return [{ path: '', reason: 'invalid_format', message: `record at ${String(record.position)} ${message}` }];
}

const encoder = new TextEncoder();

/**
 * Reads a raw file from `skipRecords` on and turns it into batches: every record validated with libs/domain's
 * rules (toReadingToStore), valid rows formatted as LOAD DATA lines, bad rows as reject lines naming line number
 * and reasons. A chunk holds exactly `chunkRows` valid rows (the last one fewer); its last batch carries
 * `endsChunk` and the chunk's first/last reading per asset. Runs in a worker thread (parse-worker.ts) so that this
 * work overlaps with the server's inserts.
 */
export async function* parseBatches(options: ParseBatchesOptions): AsyncGenerator<ParsedBatch> {
  const batchRecords = options.batchRecords ?? 4096;
  const records = readRawRecords(options.path, options.format, {
    skipRecords: options.skipRecords,
    requiredColumns: options.requiredColumns,
  });
  let lines = '';
  let rejects = '';
  let rows = 0;
  let count = 0;
  let rejectCount = 0;
  let chunkRows = 0;
  // A resumed file starts part-way: its first batch counts the skipped bytes as done too.
  let bytesBefore = 0;
  let bytesNow = 0;
  let assets = new Map<string, { first: Reading; last: Reading }>();
  const take = (endsChunk: boolean): ParsedBatch => {
    const batch: ParsedBatch = {
      lines: encoder.encode(lines),
      rows,
      records: count,
      rejects: encoder.encode(rejects),
      rejectCount,
      bytes: bytesNow - bytesBefore,
      endsChunk,
      ...(endsChunk ? { assets: [...assets.values()].flatMap((a) => [a.first, a.last]) } : {}),
    };
    lines = '';
    rejects = '';
    rows = 0;
    count = 0;
    rejectCount = 0;
    bytesBefore = bytesNow;
    if (endsChunk) {
      chunkRows = 0;
      assets = new Map();
    }
    return batch;
  };
  for await (const record of records) {
    bytesNow = record.bytesRead;
    count += 1;
    const outcome = record.value.ok
      ? toReadingToStore(record.value.record, options.nowMs)
      : ({ ok: false, problems: describeRecordError(record, record.value.message) } as const);
    if (outcome.ok) {
      lines += formatReadingLoadDataLine(outcome.item);
      rows += 1;
      chunkRows += 1;
      const r = outcome.item.reading;
      const seen = assets.get(r.assetId);
      if (seen === undefined) assets.set(r.assetId, { first: r, last: r });
      else if (r.recordedAt < seen.first.recordedAt) seen.first = r;
      else if (r.recordedAt > seen.last.recordedAt) seen.last = r;
      if (chunkRows >= options.chunkRows) {
        yield take(true);
        continue;
      }
    } else {
      const reject: RejectLine = {
        file: options.path,
        line: record.position,
        reasons: outcome.problems,
        record: record.text,
      };
      rejects += `${JSON.stringify(reject)}\n`;
      rejectCount += 1;
    }
    if (count >= batchRecords) yield take(false);
  }
  if (count > 0 || chunkRows > 0) yield take(true);
}
