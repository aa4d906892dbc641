import { performance } from 'node:perf_hooks';
import { formatDuration } from './format-duration.js';

/** Progress output of the stack command: one prefixed line per event, plus heartbeats while waiting. */
export interface Reporter {
  /** Prints `[service] message`. */
  say(service: string, message: string): void;
  /**
   * Prints `[service] <describe()> (<elapsed>)` every `intervalMs` until the returned function is called, so a
   * long download or start never looks hung.
   */
  heartbeat(service: string, describe: () => string, intervalMs?: number): () => void;
}

/** A reporter writing lines through `write` (console.log by default); `now` is injected for tests. */
export function createReporter(
  write: (line: string) => void = (line) => console.log(line),
  now: () => number = () => performance.now(),
): Reporter {
  return {
    say: (service, message) => write(`[${service}] ${message}`),
    heartbeat: (service, describe, intervalMs = 3_000) => {
      const startedAt = now();
      const timer = setInterval(
        () => write(`[${service}] ${describe()} (${formatDuration(now() - startedAt)})`),
        intervalMs,
      );
      return () => clearInterval(timer);
    },
  };
}
