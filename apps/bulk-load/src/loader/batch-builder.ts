// The batch a parse hands over (parse-batches.ts), and the builder that collects its rows, rejects and assets.
import type { Reading } from '@lakehouse/domain';
import { addSighting, type AssetSighting } from '@lakehouse/sql';
import type { CanonicalLineFacts } from '../raw/canonical-csv-line.js';

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

/** One line of the reject file: where the record was, why it was refused, and the record as read. */
export interface RejectLine {
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
export class BatchBuilder {
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
