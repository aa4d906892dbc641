import type { ApiClient } from './api-client.js';
import type { LiveFeed } from './live-feed.js';

/** What every page gets: the API, the shared live feed. */
export interface ViewContext {
  readonly api: ApiClient;
  readonly live: LiveFeed;
}

/** A mounted page; `destroy` unsubscribes from the feed and frees its charts. */
export interface View {
  readonly element: HTMLElement;
  destroy(): void;
}

/**
 * Runs `task` at most once per `intervalMs`, at the end of the interval (live events arrive in bursts: one
 * refresh per burst is enough).
 */
export function throttle(task: () => void, intervalMs: number): { run(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    run() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        task();
      }, intervalMs);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
