import type { Reading } from '@lakehouse/domain';
import { addSighting, formatReadingLoadDataLine, type AssetSighting } from '@lakehouse/sql';
import { open } from 'node:fs/promises';
import {
  CANONICAL_CSV_HEADER,
  checkCanonicalCsvLine,
  emptyLineFacts,
  type CanonicalLineFacts,
} from '../raw/canonical-csv-line.js';
import {
  csvLineValue,
  readCsvHeader,
  readRawRecords,
  type RawFileFormat,
  type RawFileRecord,
} from '../raw/read-raw-records.js';
import { toReadingToStore } from '../raw/to-reading-to-store.js';
import { rawCsvLine } from '../raw/write-raw-readings.js';

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

/**
 * How the lines of a batch are laid out: `load-data` is the tab-separated format of formatReadingLoadDataLine,
 * `raw-csv` the canonical raw CSV (rawCsvLoadDataColumns says how the server reads it). One file, one layout.
 */
export type BatchLayout = 'load-data' | 'raw-csv';

/** One slice of a file, ready to be streamed: valid rows as LOAD DATA text, bad rows as reject-file lines. */
export interface ParsedBatch {
  readonly layout: BatchLayout;
  /** The valid rows, one line each (utf8). */
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
  /** The assets of the chunk with the span of their readings, set on the batch that ends it. */
  readonly assets?: readonly AssetSighting[];
}

interface RejectLine {
  readonly file: string;
  readonly line: number;
  readonly reasons: readonly { readonly path: string; readonly reason: string; readonly message: string }[];
  readonly record: string;
}

const encoder = new TextEncoder();

/** An asset of the chunk, found from the bytes of its id. */
interface HashedAsset {
  readonly idBytes: Buffer;
  readonly sighting: AssetSighting;
  readonly next: HashedAsset | undefined;
}

/** Collects the rows, rejects and assets of the batch being built, and hands it over as a {@link ParsedBatch}. */
class BatchBuilder {
  rows = 0;
  records = 0;
  chunkRows = 0;
  /** Bytes of the file consumed so far. */
  bytesNow = 0;
  private parts: Uint8Array[] = [];
  private partsBytes = 0;
  private text = '';
  private rejects = '';
  private rejectCount = 0;
  // A resumed file starts part-way: its first batch counts the skipped bytes as done too.
  private bytesBefore = 0;
  private assets = new Map<string, AssetSighting>();
  /** The chunk's assets by the hash of their id bytes (entries with equal hashes chained). */
  private byHash = new Map<number, HashedAsset>();

  constructor(
    private readonly layout: BatchLayout,
    private readonly path: string,
    private readonly isOwnBuffers = true,
  ) {}

  /** A valid row as text (with its line end). */
  addText(line: string): void {
    this.text += line;
    this.rows += 1;
    this.chunkRows += 1;
  }

  /** Valid rows as bytes (whole lines); keeps their order relative to {@link addText}. */
  addBytes(bytes: Uint8Array, rows: number): void {
    this.flushText();
    this.parts.push(bytes);
    this.partsBytes += bytes.byteLength;
    this.rows += rows;
    this.chunkRows += rows;
  }

  sight(
    assetId: string,
    assetType: string,
    siteId: string | undefined,
    lineId: string | undefined,
    atMs: number,
  ): void {
    addSighting(this.assets, assetId, assetType, siteId, lineId, atMs);
  }

  /**
   * {@link sight} for a canonical line: the asset is found by the hash of its id bytes (checkCanonicalCsvLine
   * computes it) and a byte comparison, so the id is decoded only on its first line in the chunk.
   */
  sightLine(buf: Buffer, facts: CanonicalLineFacts): void {
    const length = facts.assetEnd - facts.assetStart;
    let isHashed = false;
    for (let entry = this.byHash.get(facts.assetHash); entry !== undefined; entry = entry.next) {
      const id = entry.idBytes;
      if (id.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i += 1) {
        if (id[i] !== buf[facts.assetStart + i]) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      isHashed = true;
      const seen = entry.sighting;
      if (seen.siteId !== null && seen.lineId !== null) {
        if (facts.recordedAtMs < seen.firstMs) seen.firstMs = facts.recordedAtMs;
        else if (facts.recordedAtMs > seen.lastMs) seen.lastMs = facts.recordedAtMs;
        return;
      }
      break;
    }
    const assetId = buf.toString('latin1', facts.assetStart, facts.assetEnd);
    this.sight(
      assetId,
      String.fromCharCode(facts.assetTypeCode),
      facts.siteEnd > facts.siteStart ? buf.toString('latin1', facts.siteStart, facts.siteEnd) : undefined,
      facts.lineEnd > facts.lineStart ? buf.toString('latin1', facts.lineStart, facts.lineEnd) : undefined,
      facts.recordedAtMs,
    );
    // Filed under its hash on its first canonical line (a general-path line may have added the asset before).
    const sighting = this.assets.get(assetId);
    if (!isHashed && sighting !== undefined) {
      this.byHash.set(facts.assetHash, {
        idBytes: Buffer.from(buf.subarray(facts.assetStart, facts.assetEnd)),
        sighting,
        next: this.byHash.get(facts.assetHash),
      });
    }
  }

  sightReading(r: Reading): void {
    this.sight(r.assetId, r.assetType, r.siteId, r.lineId, r.recordedAt);
  }

  reject(line: number, reasons: RejectLine['reasons'], record: string): void {
    const reject: RejectLine = { file: this.path, line, reasons, record };
    this.rejects += `${JSON.stringify(reject)}\n`;
    this.rejectCount += 1;
  }

  take(endsChunk: boolean): ParsedBatch {
    this.flushText();
    let lines: Uint8Array;
    if (!this.isOwnBuffers && this.parts.length === 1 && this.parts[0] !== undefined) {
      lines = this.parts[0];
    } else {
      // A fresh buffer of its own: the worker transfers it, and the parts are views of the read buffer.
      lines = new Uint8Array(this.partsBytes);
      let offset = 0;
      for (const part of this.parts) {
        lines.set(part, offset);
        offset += part.byteLength;
      }
    }
    const batch: ParsedBatch = {
      layout: this.layout,
      lines,
      rows: this.rows,
      records: this.records,
      rejects: encoder.encode(this.rejects),
      rejectCount: this.rejectCount,
      bytes: this.bytesNow - this.bytesBefore,
      endsChunk,
      ...(endsChunk ? { assets: [...this.assets.values()] } : {}),
    };
    this.parts = [];
    this.partsBytes = 0;
    this.rejects = '';
    this.rows = 0;
    this.records = 0;
    this.rejectCount = 0;
    this.bytesBefore = this.bytesNow;
    if (endsChunk) {
      this.chunkRows = 0;
      this.assets = new Map();
      this.byHash = new Map();
    }
    return batch;
  }

  private flushText(): void {
    if (this.text === '') return;
    const bytes = encoder.encode(this.text);
    this.parts.push(bytes);
    this.partsBytes += bytes.byteLength;
    this.text = '';
  }
}

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
