import type { Logger } from '@lakehouse/runtime';

/** Options of {@link ActiveModelCache}. */
export interface ActiveModelCacheOptions<M extends { readonly modelId: number }> {
  /** Registry id of the active model, or null; one indexed lookup, asked at most once per `refreshMs`. */
  readonly activeModelId: () => Promise<number | null>;
  /** Loads (deserialises) a model; called only when the active id changes. */
  readonly load: (modelId: number) => Promise<M | null>;
  /** How old the answer of {@link ActiveModelCache.get} may be, and the period of {@link ActiveModelCache.start}. */
  readonly refreshMs: number;
  readonly logger: Logger;
  /** Clock, epoch ms. @default Date.now */
  readonly now?: () => number;
}

/**
 * The registry's active model, kept in memory so scoring never waits for the database, and reloaded only when
 * another model is activated. Used two ways:
 *
 * - pulled ({@link get}, the ingest function): each call answers from memory unless the last check is older than
 *   `refreshMs`; concurrent callers share one check. A failure to check or to load keeps the model in use (scoring
 *   is an enrichment; ingestion must not stop because the registry is unreadable).
 * - pushed ({@link refresh} at start and on activation, {@link start} every `refreshMs}`; the API): {@link current}
 *   is read synchronously on the hot path. `refresh` throws when the registry cannot be read; a model that cannot
 *   be loaded is logged and none is served (rather than the previous one under the new one's name).
 */
export class ActiveModelCache<M extends { readonly modelId: number }> {
  #model: M | null = null;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #pending: Promise<M | null> | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #now: () => number;

  constructor(private readonly options: ActiveModelCacheOptions<M>) {
    this.#now = options.now ?? Date.now;
  }

  /** The model in memory (null when none is active or it cannot be loaded). */
  get current(): M | null {
    return this.#model;
  }

  /** The active model, asking the registry when the last check is older than `refreshMs`; never rejects. */
  get(): Promise<M | null> {
    if (this.#now() - this.#checkedAt < this.options.refreshMs) return Promise.resolve(this.#model);
    this.#pending ??= this.#check('keep').finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Asks the registry now and loads the active model if it changed; rejects when the registry cannot be read. */
  async refresh(): Promise<M | null> {
    return this.#check('clear');
  }

  /** Refreshes every `refreshMs` in the background (a failed refresh is logged and retried next period). */
  start(): void {
    this.#timer = setInterval(() => {
      this.refresh().catch((err: unknown) =>
        this.options.logger.warn({ err }, 'could not check the active model; keeping the one in use'),
      );
    }, this.options.refreshMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #check(onFailure: 'keep' | 'clear'): Promise<M | null> {
    const { logger } = this.options;
    let id: number | null;
    try {
      id = await this.options.activeModelId();
    } catch (err: unknown) {
      if (onFailure === 'clear') throw err;
      logger.warn({ err }, 'could not check the active model; keeping the one in use');
      this.#checkedAt = this.#now();
      return this.#model;
    }
    const from = this.#model?.modelId ?? null;
    if (id === from) {
      this.#checkedAt = this.#now();
      return this.#model;
    }
    try {
      this.#model = id === null ? null : await this.options.load(id);
      logger.info({ from, to: this.#model?.modelId ?? null }, 'active model changed');
      if (this.#model === null) logger.warn('no active model: readings are not scored in-process');
    } catch (err: unknown) {
      if (onFailure === 'keep') {
        logger.warn({ err, modelId: id }, 'active model cannot be loaded; keeping the one in use');
      } else {
        this.#model = null;
        logger.error({ err, modelId: id }, 'active model cannot be loaded');
      }
    }
    this.#checkedAt = this.#now();
    return this.#model;
  }
}
