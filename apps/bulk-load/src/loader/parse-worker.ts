/**
 * Worker thread of the fast loader: parses, validates and formats one file (parseBatches) and posts the batches
 * to the loading thread, at most `window` batches ahead of what it has acknowledged, so that reading and
 * validation run on another core while the server inserts the previous rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseBatches, type ParseBatchesOptions, type ParsedBatch } from './parse-batches.js';

/** Data the loading thread hands the worker. */
export interface ParseWorkerData extends ParseBatchesOptions {
  /** Batches posted and not yet acknowledged, at most. */
  readonly window: number;
}

/** Messages from the worker. */
export type ParseWorkerMessage =
  | { readonly kind: 'batch'; readonly batch: ParsedBatch }
  | { readonly kind: 'end' }
  | {
      readonly kind: 'error';
      readonly name: string;
      readonly message: string;
      readonly code?: string;
      readonly problems?: unknown;
      readonly context?: unknown;
    };

const port = parentPort;
if (port !== null) {
  const data = workerData as ParseWorkerData;
  let credits = data.window;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits += 1;
    wake?.();
    wake = undefined;
  });
  void (async () => {
    try {
      for await (const batch of parseBatches(data)) {
        while (credits <= 0) await new Promise<void>((done) => (wake = done));
        credits -= 1;
        port.postMessage({ kind: 'batch', batch } satisfies ParseWorkerMessage, [
          batch.lines.buffer as ArrayBuffer,
          batch.rejects.buffer as ArrayBuffer,
        ]);
      }
      port.postMessage({ kind: 'end' } satisfies ParseWorkerMessage);
    } catch (err: unknown) {
      const e = err as {
        name?: string;
        message?: string;
        code?: string;
        problems?: unknown;
        context?: unknown;
      };
      port.postMessage({
        kind: 'error',
        name: e.name ?? 'Error',
        message: e.message ?? String(err),
        ...(e.code === undefined ? {} : { code: e.code }),
        ...(e.problems === undefined ? {} : { problems: e.problems }),
        ...(e.context === undefined ? {} : { context: e.context }),
      } satisfies ParseWorkerMessage);
    }
  })();
}
