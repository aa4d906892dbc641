import type { Logger } from '@lakehouse/runtime';
import { ActiveModelCache } from '@lakehouse/scoring';
import type { Pool } from 'mysql2/promise';
import type { IngestConfig } from './config.js';
import { ingestDelivery, type ActiveModel, type IngestResult } from './ingest-delivery.js';

/** Where the handler finds the model registry's active model. */
export interface ModelRegistry {
  readonly activeModelId: (pool: Pool) => Promise<number | null>;
  readonly loadActiveModel: (pool: Pool) => Promise<ActiveModel | null>;
}

/** Builds the per-invocation handler of one function instance. */
export function createIngestHandler(options: {
  readonly config: IngestConfig;
  readonly pool: Pool;
  readonly logger: Logger;
  readonly registry: ModelRegistry;
  readonly now?: () => number;
}): (body: Buffer) => Promise<IngestResult> {
  const { config, pool, logger, registry } = options;
  const now = options.now ?? Date.now;
  // A warm instance notices an activation within modelRefreshMs and scores with it, without a redeploy.
  const models = new ActiveModelCache<ActiveModel>({
    activeModelId: () => registry.activeModelId(pool),
    load: () => registry.loadActiveModel(pool),
    refreshMs: config.modelRefreshMs,
    now,
    logger,
  });
  const activeModel = () => models.get();
  const fastPath = { enabled: config.writePath === 'load-data' };
  // Per instance: the state lives in MySQL, so a new instance (or a restarted one) carries on where the last stopped.
  const episodes = { settings: config.episodes, knownStates: new Set<string>() };
  return async (body) => {
    const result = await ingestDelivery(body, {
      fastPath,
      episodes,
      pool,
      logger,
      now,
      activeModel,
      maxMessageBytes: config.maxMessageBytes,
      maxFutureSkewMs: config.maxFutureSkewMs,
    });
    logger.debug(result, 'delivery ingested');
    return result;
  };
}
