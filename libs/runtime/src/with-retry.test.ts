import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { backoffDelayMs, withRetry } from './with-retry.js';

const noSleep = async (): Promise<void> => undefined;
const transient = (): AppError => new AppError('SQL_WRITE_FAILED', 'deadlock', { retryable: true });

describe('withRetry', () => {
  it('returns the first success after retryable failures', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw transient();
        return 'ok';
      },
      { sleep: noSleep },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('rethrows a non-retryable error at once', async () => {
    let calls = 0;
    const bug = new TypeError('programmer error');
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw bug;
        },
        { sleep: noSleep },
      ),
    ).rejects.toBe(bug);
    expect(calls).toBe(1);
  });

  it('throws RETRY_EXHAUSTED with every attempt when attempts run out', async () => {
    const err = await withRetry(async () => Promise.reject(transient()), {
      maxAttempts: 3,
      sleep: noSleep,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('RETRY_EXHAUSTED');
    expect(((err as AppError).cause as AggregateError).errors).toHaveLength(3);
  });

  it('backs off exponentially within the ceiling, with jitter', async () => {
    const delays: number[] = [];
    await withRetry(async () => Promise.reject(transient()), {
      maxAttempts: 6,
      initialDelayMs: 100,
      maxDelayMs: 1_000,
      random: () => 1,
      sleep: async (ms) => {
        delays.push(ms);
      },
    }).catch(() => undefined);
    expect(delays).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(withRetry(async () => 'never', { signal: controller.signal })).rejects.toMatchObject({
      code: 'OPERATION_ABORTED',
    });
  });
});

describe('withRetry with the real timer', () => {
  it('stops waiting as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    await expect(
      withRetry(async () => Promise.reject(transient()), {
        initialDelayMs: 60_000,
        signal: controller.signal,
        onRetry: () => queueMicrotask(() => controller.abort()),
      }),
    ).rejects.toMatchObject({ code: 'OPERATION_ABORTED' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('waits the chosen delay before retrying', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          if (calls === 1) throw transient();
          return calls;
        },
        { initialDelayMs: 1 },
      ),
    ).resolves.toBe(2);
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the initial delay up to the ceiling, jittered over the upper half', () => {
    const policy = { initialDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([
      500, 1_000, 2_000, 2_500, 2_500,
    ]);
    expect(backoffDelayMs(3, policy, () => 0.999_999)).toBe(4_000);
    expect(backoffDelayMs(0, {}, () => 0)).toBe(50);
  });
});
