import { AppError, ValidationError, type ErrorCode } from '@lakehouse/runtime';
import { Worker } from 'node:worker_threads';
import { canonicalCsvBatches, isCanonicalCsvFile, type ParsedBatch } from './parse-batches.js';
import type { ParseWorkerData, ParseWorkerMessage } from './parse-worker.js';

/**
 * The worker script: the compiled `.js` next to this module, or the `.ts` source when running from source (tsx,
 * vitest), in which case a small `.mjs` entry registers tsx in the worker, which also gets the workspace's source condition.
 */
function workerEntry(): { url: URL; execArgv?: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './parse-worker-from-source.mjs' : './parse-worker.js', import.meta.url);
  return fromSource ? { url, execArgv: ['--conditions=@lakehouse/source'] } : { url };
}

function rebuildError(message: Extract<ParseWorkerMessage, { kind: 'error' }>): Error {
  const options = {
    ...(message.context === undefined ? {} : { context: message.context as Record<string, unknown> }),
  };
  if (message.code === undefined) return new Error(message.message);
  if (Array.isArray(message.problems))
    return new ValidationError(message.message, message.problems as ValidationError['problems'], {
      ...options,
      code: message.code as ErrorCode,
    });
  return new AppError(message.code as ErrorCode, message.message, options);
}

/**
 * Runs parseBatches in a worker thread and yields its batches in order; each batch taken lets the worker prepare
 * one more (a bounded window). Errors of the worker (a bad header, an unreadable file) are re-thrown here with
 * their code. The worker is terminated when the iteration ends, early or not.
 */
export async function* workerBatches(data: ParseWorkerData): AsyncGenerator<ParsedBatch> {
  const entry = workerEntry();
  const worker = new Worker(entry.url, {
    workerData: data,
    ...(entry.execArgv === undefined ? {} : { execArgv: entry.execArgv }),
  });
  const queue: ParseWorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: ParseWorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (message === undefined) {
        if (failure !== undefined) throw failure;
        if (exited) throw new AppError('BULK_FILE_INVALID', `parser of ${data.path} stopped early`);
        await new Promise<void>((done) => (wake = done));
        continue;
      }
      if (message.kind === 'end') return;
      if (message.kind === 'error') throw rebuildError(message);
      worker.postMessage('next');
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * The batches of one file: a canonical CSV file is checked on this thread (about 0.45 µs a line, and its lines go
 * to the server as views of the read buffer, with no copy and no hand-over between threads); every other file is
 * parsed and formatted in a worker thread ({@link workerBatches}), where that work is several microseconds a row.
 */
export async function* fileBatches(data: ParseWorkerData): AsyncGenerator<ParsedBatch> {
  if (await isCanonicalCsvFile(data)) {
    yield* canonicalCsvBatches({ ...data, isOwnBuffers: false });
    return;
  }
  yield* workerBatches(data);
}
