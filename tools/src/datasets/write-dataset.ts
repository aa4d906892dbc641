import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Progress of a running {@link writeDataset}. */
export interface DatasetProgress {
  /** Data rows written so far (header excluded). */
  readonly rows: number;
  readonly totalRows: number;
  readonly elapsedMs: number;
}

/** Options of {@link writeDataset}. */
export interface WriteDatasetOptions {
  /** Lines to write, each with its terminator; `headerLines` of them are not counted as rows. */
  readonly lines: Iterable<string>;
  readonly outPath: string;
  readonly totalRows: number;
  /** Leading lines that are not data rows (the CSV header). @default 0 */
  readonly headerLines?: number;
  /** Called at most once per `progressIntervalMs` while writing. */
  readonly onProgress?: (progress: DatasetProgress) => void;
  /** @default 1_000 */
  readonly progressIntervalMs?: number;
  /** Monotonic clock in ms; injected for tests. @default performance.now */
  readonly now?: () => number;
}

/** Lines are joined into chunks of about this size before each write: one write per line would dominate. */
const CHUNK_CHARS = 1 << 20;

/**
 * Streams lines to `outPath` through a `.partial` file that is renamed at the end, so an interrupted run never leaves
 * a truncated dataset under the real name. Creates the folder. Returns rows written and the time taken.
 */
export async function writeDataset(options: WriteDatasetOptions): Promise<DatasetProgress> {
  const now = options.now ?? (() => performance.now());
  const progressIntervalMs = options.progressIntervalMs ?? 1_000;
  const partialPath = `${options.outPath}.partial`;
  await mkdir(dirname(options.outPath), { recursive: true });
  const out = createWriteStream(partialPath, { encoding: 'utf8' });
  const startedMs = now();
  let lastReportMs = startedMs;
  let headerLeft = options.headerLines ?? 0;
  let rows = 0;
  let chunk = '';
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const isBelowHighWater = out.write(chunk);
    chunk = '';
    if (!isBelowHighWater) await once(out, 'drain');
  };
  try {
    for (const line of options.lines) {
      chunk += line;
      if (headerLeft > 0) headerLeft -= 1;
      else rows += 1;
      if (chunk.length >= CHUNK_CHARS) {
        await flush();
        const nowMs = now();
        if (options.onProgress !== undefined && nowMs - lastReportMs >= progressIntervalMs) {
          lastReportMs = nowMs;
          options.onProgress({ rows, totalRows: options.totalRows, elapsedMs: nowMs - startedMs });
        }
      }
    }
    await flush();
    out.end();
    await once(out, 'finish');
    await rename(partialPath, options.outPath);
  } catch (err: unknown) {
    // The file may still be opening: wait until the stream has closed it, or rm would race the open.
    const closed = out.closed ? Promise.resolve() : once(out, 'close');
    out.destroy();
    await closed;
    await rm(partialPath, { force: true });
    throw err;
  }
  return { rows, totalRows: options.totalRows, elapsedMs: now() - startedMs };
}
