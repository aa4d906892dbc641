import { activeModelId, loadActiveScorer } from '@lakehouse/scoring';
import type { ModelRegistry } from './create-ingest-handler.js';

/** The model registry in MySQL, read through the scoring library (the same one the API scores with). */
export const registryFromScoring: ModelRegistry = {
  activeModelId: (pool) => activeModelId(pool),
  loadActiveModel: (pool) => loadActiveScorer(pool),
};
