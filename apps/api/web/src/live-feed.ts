import type { ApiClient } from './api-client.js';
import { SseParser, type SseEvent } from './sse-parser.js';

/** State of the live connection, shown in the header. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** Listener of one event type of the feed; receives the parsed JSON `data`. */
export type LiveListener = (data: unknown) => void;

/**
 * The one connection to `GET /api/v1/live` shared by every view. Reads the stream with `fetch` and a reader,
 * reconnects with a capped backoff, and hands each event to the listeners of its type.
 */
export class LiveFeed {
  readonly #api: ApiClient;
  readonly #listeners = new Map<string, Set<LiveListener>>();
  readonly #statusListeners = new Set<(status: LiveStatus) => void>();
  #abort: AbortController | undefined;
  #status: LiveStatus = 'stopped';
  #eventCount = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  get status(): LiveStatus {
    return this.#status;
  }

  /** Events received since start (shown in the header, read by the browser tests). */
  get eventCount(): number {
    return this.#eventCount;
  }

  /** Subscribes to one event type (`reading`, `alert`); returns the unsubscribe function. */
  on(type: string, listener: LiveListener): () => void {
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.#statusListeners.add(listener);
    listener(this.#status);
    return () => this.#statusListeners.delete(listener);
  }

  start(): void {
    if (this.#abort !== undefined) return;
    const abort = new AbortController();
    this.#abort = abort;
    void this.#run(abort.signal);
  }

  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#setStatus('stopped');
  }

  async #run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      this.#setStatus(failures === 0 ? 'connecting' : 'reconnecting');
      try {
        const response = await this.#api.stream('/api/v1/live', signal);
        if (response.body === null) throw new Error('live feed without a body');
        this.#setStatus('live');
        failures = 0;
        await this.#read(response.body, signal);
      } catch (err: unknown) {
        if (signal.aborted) return;
        // 401 is handled by the client (key prompt); anything else is a dropped connection: retry.
        if (err instanceof Error && 'status' in err && err.status === 401) return;
      }
      if (signal.aborted) return;
      failures += 1;
      this.#setStatus('reconnecting');
      await sleep(Math.min(1000 * 2 ** Math.min(failures - 1, 4), 15_000), signal);
    }
  }

  async #read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    const cancel = () => void reader.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) this.#dispatch(event);
      }
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  #dispatch(event: SseEvent): void {
    const listeners = this.#listeners.get(event.event);
    this.#eventCount += 1;
    if (listeners === undefined || listeners.size === 0) return;
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return; // Not JSON (a keep-alive or an unknown event): nothing for the views.
    }
    for (const listener of listeners) listener(data);
  }

  #setStatus(status: LiveStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
