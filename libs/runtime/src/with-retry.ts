import { AppError } from './app-error.js';

/** How {@link withRetry} retries; the delays are {@link backoffDelayMs} of the policy. */
export interface RetryPolicy extends BackoffPolicy {
  /** Total attempts including the first. @default 5 */
  readonly maxAttempts?: number;
  /** Stops waiting and retrying when aborted. */
  readonly signal?: AbortSignal;
  /** Decides whether an error is worth another attempt. @default AppError with retryable=true */
  readonly isRetryable?: (err: unknown) => boolean;
  /** Source of jitter in [0, 1). Injected so tests are deterministic. @default Math.random */
  readonly random?: () => number;
  /** Waits; injected so tests need no real clock. @default setTimeout-based */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each wait with the attempt that failed and the delay chosen. */
  readonly onRetry?: (info: {
    readonly attempt: number;
    readonly delayMs: number;
    readonly err: unknown;
  }) => void;
}

/** The shape of a backoff: where it starts, how it grows, where it stops. */
export interface BackoffPolicy {
  /** Delay after the first failure. @default 100 */
  readonly initialDelayMs?: number;
  /** Ceiling of any single delay. @default 10_000 */
  readonly maxDelayMs?: number;
  /** Growth factor per attempt. @default 2 */
  readonly factor?: number;
}

/**
 * The delay after failed attempt number `attempt` (from 1): exponential up to the ceiling, with jitter over its
 * upper half so that many clients that failed together do not retry together. What withRetry waits, and what a
 * caller that persists its retries (an outbox) schedules.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy = {},
  random: () => number = Math.random,
): number {
  const initial = policy.initialDelayMs ?? 100;
  const ceiling = policy.maxDelayMs ?? 10_000;
  const factor = policy.factor ?? 2;
  const cap = Math.min(ceiling, initial * factor ** (Math.max(1, attempt) - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Default retry decision: only errors that say they are retryable. */
export function isRetryableError(err: unknown): boolean {
  return err instanceof AppError && err.retryable;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('OPERATION_ABORTED', 'aborted while waiting to retry', { cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AppError('OPERATION_ABORTED', 'aborted while waiting to retry', { cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` until it succeeds, with exponential backoff and full jitter between attempts. Errors that are not
 * retryable are rethrown at once; when attempts run out, throws `RETRY_EXHAUSTED` whose cause is an
 * AggregateError of every attempt's error.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = {},
): Promise<T> {
  const maxAttempts = policy.maxAttempts ?? 5;
  const retryable = policy.isRetryable ?? isRetryableError;
  const random = policy.random ?? Math.random;
  const sleep = policy.sleep ?? defaultSleep;
  const errors: unknown[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    if (policy.signal?.aborted) {
      throw new AppError('OPERATION_ABORTED', `aborted before attempt ${attempt}`, {
        cause: policy.signal.reason,
      });
    }
    try {
      return await fn(attempt);
    } catch (err: unknown) {
      if (!retryable(err)) throw err;
      errors.push(err);
      if (attempt === maxAttempts) break;
      const delayMs = backoffDelayMs(attempt, policy, random);
      policy.onRetry?.({ attempt, delayMs, err });
      await sleep(delayMs, policy.signal);
    }
  }
  const last = errors[errors.length - 1];
  const lastMessage = last instanceof Error ? last.message : String(last);
  throw new AppError('RETRY_EXHAUSTED', `gave up after ${errors.length} attempts: ${lastMessage}`, {
    cause: new AggregateError(errors, 'every attempt failed'),
    context: { attempts: errors.length },
  });
}
