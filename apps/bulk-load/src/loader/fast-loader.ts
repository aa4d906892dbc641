import { AppError, type Logger } from '@lakehouse/runtime';
import {
  loadDataLocalInfile,
  loadReadingLines,
  upsertAssetSightings,
  type AssetSighting,
  type LoadDataResult,
} from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { rawCsvLoadDataColumns } from '../raw/canonical-csv-line.js';
import { rawFileFormat, type RawFileFormat } from '../raw/read-raw-records.js';
import { LoadCheckpoint, type FileProgress } from './load-checkpoint.js';
import { ProgressBar, type ProgressOutput } from './progress-bar.js';
import { fileBatches } from './worker-batches.js';

/** Options of {@link fastLoad}. */
export interface FastLoadOptions {
  readonly pool: Pool;
  readonly files: readonly string[];
  /** Folder of the reject files (`<input name>.rejects.jsonl`) and, by default, the checkpoint. */
  readonly outDir: string;
  /** Checkpoint file. @default `<outDir>/checkpoint.json` */
  readonly checkpointFile?: string;
  /** Ignore (and overwrite) an existing checkpoint: load every file from the start. @default false */
  readonly fresh?: boolean;
  /** Files loaded at the same time, one connection each. */
  readonly concurrency: number;
  /** Valid rows per LOAD DATA statement (one commit, one checkpoint). */
  readonly chunkRows: number;
  /** Instant validation treats as now (future-timestamp rule), epoch ms. */
  readonly nowMs: number;
  readonly logger: Logger;
  /** Where the progress bar is drawn; no bar when absent. */
  readonly progressOutput?: ProgressOutput;
  readonly signal?: AbortSignal;
  /**
   * Hand lines of canonical CSV files to the server unchanged once checked (the fast path); false parses and
   * formats every row. @default true
   */
  readonly isCsvPassThrough?: boolean;
}

/** What happened to one input file. */
export interface FileLoadSummary {
  readonly file: string;
  readonly format: RawFileFormat;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly rejectFile: string;
  /** Records skipped because an earlier, interrupted run had committed them. */
  readonly resumedFromRecord: number;
  /** The file was complete in the checkpoint and not read again. */
  readonly wasAlreadyDone: boolean;
}

/** Result of {@link fastLoad}. */
export interface FastLoadSummary {
  readonly files: readonly FileLoadSummary[];
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly seconds: number;
  /** Rows settled (loaded + rejected) in this run per second of wall time. */
  readonly rowsPerSec: number;
}

/** Batches the parsing worker may prepare ahead of the load (each up to 4,096 records). */
const WORKER_WINDOW = 8;
const REQUIRED_CSV_COLUMNS = ['asset_id', 'recorded_at', 'asset_type'];
const RAW_CSV_LOAD = rawCsvLoadDataColumns();

async function truncateTo(path: string, length: number): Promise<void> {
  const handle = await open(path, 'a+');
  try {
    await handle.truncate(length);
  } finally {
    await handle.close();
  }
}

async function writeOrFail(stream: PassThrough, text: Buffer, load: Promise<unknown>): Promise<void> {
  if (stream.write(text)) return;
  await Promise.race([
    once(stream, 'drain'),
    load.then(() => {
      throw new AppError('SQL_WRITE_FAILED', 'LOAD DATA finished before its input was complete');
    }),
  ]);
}

async function flushRejects(stream: WriteStream): Promise<void> {
  await new Promise<void>((done, fail) => stream.write('', (err) => (err ? fail(err) : done())));
}

class FileLoader {
  constructor(
    private readonly options: FastLoadOptions,
    private readonly checkpoint: LoadCheckpoint,
    private readonly progress: ProgressBar | undefined,
  ) {}

  async load(file: string): Promise<FileLoadSummary> {
    const path = resolve(file);
    const format = rawFileFormat(path);
    if (format === undefined) {
      throw new AppError(
        'BULK_FILE_INVALID',
        `${path}: unknown format; use .csv, .jsonl/.ndjson or .parquet`,
        {
          context: { file: path },
        },
      );
    }
    const info = await stat(path);
    const rejectFile = join(this.options.outDir, `${basename(path)}.rejects.jsonl`);
    const resume = this.checkpoint.resumePoint(path, info.size, info.mtimeMs);
    const log = this.options.logger.child({ file: path });
    if (resume?.isDone === true) {
      this.progress?.advance({ bytes: info.size });
      log.info({ rowsLoaded: resume.rowsLoaded }, 'file already loaded, skipped');
      return {
        file: path,
        format,
        rowsLoaded: resume.rowsLoaded,
        rowsRejected: resume.rowsRejected,
        rejectFile,
        resumedFromRecord: resume.recordsDone,
        wasAlreadyDone: true,
      };
    }
    let state: FileProgress = resume ?? {
      sizeBytes: info.size,
      mtimeMs: info.mtimeMs,
      recordsDone: 0,
      rowsLoaded: 0,
      rowsRejected: 0,
      rejectBytes: 0,
      isDone: false,
    };
    // Rejects written after the last commit belong to a chunk that will be read again.
    await truncateTo(rejectFile, state.rejectBytes);
    const rejects = createWriteStream(rejectFile, { flags: 'a' });
    const loadedBefore = { rows: state.rowsLoaded, rejects: state.rowsRejected };
    if (resume !== undefined) log.info({ fromRecord: resume.recordsDone }, 'resuming file');
    try {
      const batches = fileBatches({
        path,
        format,
        skipRecords: state.recordsDone,
        chunkRows: this.options.chunkRows,
        nowMs: this.options.nowMs,
        requiredColumns: REQUIRED_CSV_COLUMNS,
        window: WORKER_WINDOW,
        isCsvPassThrough: this.options.isCsvPassThrough !== false,
      })[Symbol.asyncIterator]();
      try {
        let next = await batches.next();
        while (!next.done) {
          this.throwIfAborted();
          const conn = await this.options.pool.getConnection();
          const input = new PassThrough({ highWaterMark: 1 << 20 });
          const chunk = { records: 0, rows: 0, rejects: 0, rejectBytes: 0 };
          let result: LoadDataResult;
          try {
            const load =
              next.value.layout === 'raw-csv'
                ? loadDataLocalInfile(conn, {
                    table: 'readings',
                    stream: input,
                    onDuplicate: 'replace',
                    fieldsTerminatedBy: ',',
                    columns: RAW_CSV_LOAD.columns,
                    set: RAW_CSV_LOAD.set,
                  })
                : loadReadingLines(conn, { stream: input, onDuplicate: 'replace' });
            // Observed below; this keeps an early failure from being reported as unhandled meanwhile.
            load.catch(() => undefined);
            let assets: readonly AssetSighting[] = [];
            // The worker prepares the next batches while this one is streamed and inserted.
            while (!next.done) {
              const batch = next.value;
              this.progress?.advance({ bytes: batch.bytes, rejects: batch.rejectCount });
              if (batch.rejects.byteLength > 0) {
                rejects.write(batch.rejects);
                chunk.rejectBytes += batch.rejects.byteLength;
              }
              if (batch.lines.byteLength > 0) {
                await writeOrFail(
                  input,
                  Buffer.from(batch.lines.buffer, batch.lines.byteOffset, batch.lines.byteLength),
                  load,
                );
                this.progress?.advance({ rows: batch.rows });
              }
              chunk.records += batch.records;
              chunk.rows += batch.rows;
              chunk.rejects += batch.rejectCount;
              if (batch.endsChunk) {
                assets = batch.assets ?? [];
                break;
              }
              this.throwIfAborted();
              next = await batches.next();
            }
            input.end();
            result = await load;
            if (assets.length > 0) await upsertAssetSightings(conn, assets);
          } catch (err: unknown) {
            input.destroy();
            throw err;
          } finally {
            conn.release();
          }
          await flushRejects(rejects);
          state = {
            ...state,
            recordsDone: state.recordsDone + chunk.records,
            rowsLoaded: state.rowsLoaded + chunk.rows,
            rowsRejected: state.rowsRejected + chunk.rejects,
            rejectBytes: state.rejectBytes + chunk.rejectBytes,
          };
          await this.checkpoint.record(path, state);
          log.debug(
            { ...chunk, warnings: result.warningCount, recordsDone: state.recordsDone },
            'chunk committed',
          );
          // Only after the commit: a failure further on must not undo this chunk's checkpoint.
          next = await batches.next();
        }
      } finally {
        await batches.return?.(undefined);
      }
      state = { ...state, isDone: true };
      await this.checkpoint.record(path, state);
    } finally {
      rejects.end();
      await once(rejects, 'close');
    }
    log.info(
      {
        rowsLoaded: state.rowsLoaded - loadedBefore.rows,
        rowsRejected: state.rowsRejected - loadedBefore.rejects,
      },
      'file loaded',
    );
    return {
      file: path,
      format,
      rowsLoaded: state.rowsLoaded,
      rowsRejected: state.rowsRejected,
      rejectFile,
      resumedFromRecord: resume?.recordsDone ?? 0,
      wasAlreadyDone: false,
    };
  }

  private throwIfAborted(): void {
    if (this.options.signal?.aborted === true)
      throw new AppError('OPERATION_ABORTED', 'load aborted; run it again to resume from the checkpoint');
  }
}

/**
 * Loads raw reading files into `readings` through streamed `LOAD DATA LOCAL INFILE ... REPLACE`: every record is
 * validated with libs/domain's rules, valid rows are streamed to the server in chunks of `chunkRows` (one
 * statement, one commit, one checkpoint each), bad rows go to the file's reject file with line number and
 * reasons while the load goes on. REPLACE on the key (asset_id, recorded_at) makes re-runs and resumed runs
 * idempotent. Files are loaded `concurrency` at a time.
 */
export async function fastLoad(options: FastLoadOptions): Promise<FastLoadSummary> {
  if (options.files.length === 0)
    throw new AppError('BULK_FILE_INVALID', 'no input files given', { context: { files: 0 } });
  await mkdir(options.outDir, { recursive: true });
  const checkpoint = await LoadCheckpoint.open(
    options.checkpointFile ?? join(options.outDir, 'checkpoint.json'),
    { fresh: options.fresh === true },
  );
  let totalBytes = 0;
  for (const file of options.files) totalBytes += (await stat(file)).size;
  const progress =
    options.progressOutput === undefined
      ? undefined
      : new ProgressBar({ output: options.progressOutput, totalBytes, label: 'fast-load' });
  const loader = new FileLoader(options, checkpoint, progress);
  const started = performance.now();
  const queue = [...options.files];
  const results = new Map<string, FileLoadSummary>();
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      results.set(file, await loader.load(file));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.files.length) }, worker));
  progress?.finish();
  const seconds = (performance.now() - started) / 1000;
  const files = options.files.map((f) => results.get(f)).filter((f): f is FileLoadSummary => f !== undefined);
  const rowsLoaded = files.reduce((n, f) => n + f.rowsLoaded, 0);
  const rowsRejected = files.reduce((n, f) => n + f.rowsRejected, 0);
  return {
    files,
    rowsLoaded,
    rowsRejected,
    seconds,
    rowsPerSec: (rowsLoaded + rowsRejected) / Math.max(seconds, 1e-9),
  };
}
