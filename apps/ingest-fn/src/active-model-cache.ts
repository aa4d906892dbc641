import type { Logger } from '@lakehouse/runtime';
import type { ActiveModel } from './ingest-delivery.js';

/** Options of {@link createActiveModelCache}. */
export interface ActiveModelCacheOptions {
  /** Registry id of the active model, or null; cheap, asked at most once per `refreshMs`. */
  readonly activeModelId: () => Promise<number | null>;
  /** Loads the active model (deserialises it); called only when the active id changes. */
  readonly loadActiveModel: () => Promise<ActiveModel | null>;
  readonly refreshMs: number;
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * Keeps the active model of the registry in memory and notices an activation within `refreshMs`, so a warm
 * function instance scores with the model an operator activated without a redeploy. A failure to check keeps the
 * model in use (scoring is an enrichment; ingestion must not stop because the registry is unreadable).
 */
export function createActiveModelCache(options: ActiveModelCacheOptions): () => Promise<ActiveModel | null> {
  let model: ActiveModel | null = null;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<ActiveModel | null> | undefined;

  const refresh = async (): Promise<ActiveModel | null> => {
    try {
      const id = await options.activeModelId();
      if (id !== (model?.modelId ?? null)) {
        const loaded = id === null ? null : await options.loadActiveModel();
        options.logger.info(
          { from: model?.modelId ?? null, to: loaded?.modelId ?? null },
          'active model changed',
        );
        model = loaded;
      }
      checkedAt = options.now();
    } catch (error) {
      options.logger.warn({ err: error }, 'could not check the active model; keeping the one in use');
      checkedAt = options.now();
    }
    return model;
  };

  return () => {
    if (options.now() - checkedAt < options.refreshMs) return Promise.resolve(model);
    pending ??= refresh().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
