import type { Logger } from 'pino';

/** A cleanup step run on shutdown, in registration order reversed (last started, first stopped). */
export type ShutdownStep = { readonly name: string; readonly run: () => Promise<void> };

/** Minimal view of `process` so tests can pass a fake emitter. */
export interface SignalSource {
  once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/**
 * Registers SIGINT/SIGTERM handlers that run every step (each bounded by `timeoutMs`), then call `exit`.
 * Returns a function that triggers the same shutdown programmatically.
 */
export function onShutdown(
  steps: readonly ShutdownStep[],
  options: {
    readonly logger: Logger;
    readonly timeoutMs?: number;
    readonly signals?: SignalSource;
    readonly exit?: (code: number) => void;
  },
): () => Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let running: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    running ??= (async () => {
      let failed = false;
      for (const step of [...steps].reverse()) {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            step.run(),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
          options.logger.info({ step: step.name }, 'stopped');
        } catch (err: unknown) {
          failed = true;
          options.logger.error({ err, step: step.name }, 'shutdown step failed');
        } finally {
          clearTimeout(timer);
        }
      }
      options.exit?.(failed ? 1 : 0);
    })();
    return running;
  };
  const signals = options.signals ?? process;
  signals.once('SIGINT', () => void shutdown());
  signals.once('SIGTERM', () => void shutdown());
  return shutdown;
}
