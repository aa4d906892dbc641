import { activeModelId, loadActiveScorer } from '@lakehouse/scoring';
import type { ModelRegistry } from './create-ingest-handler.js';
import type { ActiveModel } from './ingest-delivery.js';

/** The model registry in MySQL, read through the scoring library (the same one the API scores with). */
export const registryFromScoring: ModelRegistry = {
  activeModelId: (pool) => activeModelId(pool),
  loadActiveModel: async (pool) => {
    const scorer = await loadActiveScorer(pool);
    if (scorer === null) return null;
    const { horizon } = scorer;
    // The scorer's horizon part answers for every horizon; the function stores and alerts on the alert horizon.
    const model: ActiveModel = {
      modelId: scorer.modelId,
      probability: (reading) => scorer.probability(reading),
      explain: (reading) => scorer.explain(reading),
    };
    return horizon === null
      ? model
      : {
          ...model,
          horizon: {
            horizonMinutes: horizon.alertMinutes,
            score: (features, offset) => horizon.score(features, offset),
          },
        };
  },
};
