import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { riskBandOf, validateReading } from '@lakehouse/domain';
import { ApiProblem } from '../http/api-problem.js';
import { PredictBodySchema, PredictResponseSchema, type Prediction } from '../schemas/predictions.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, secured } from './route-options.js';

/** Top feature contributions returned per prediction. */
const TOP_CONTRIBUTIONS = 5;

/** POST /predict (read scope): scores readings with the cached active model, without a database round trip. */
export const predictionRoutes: FastifyPluginAsyncTypebox<Pick<ApiV1Deps, 'scorers' | 'now'>> = async (
  app,
  deps,
) => {
  app.post(
    '/predict',
    {
      config: needs('read'),
      schema: {
        ...secured(['models']),
        summary: 'Scores readings with the active model, with per-feature contributions',
        body: PredictBodySchema,
        response: { 200: PredictResponseSchema, ...errors },
      },
    },
    async (request) => {
      const scorer = deps.scorers.current;
      if (scorer === null) {
        throw new ApiProblem(
          503,
          'API_UNAVAILABLE',
          'no model is active: activate one with POST /api/v1/models/{id}/activate',
        );
      }
      const nowMs = deps.now();
      const predictions: Prediction[] = [];
      const readings = request.body.readings;
      for (let i = 0; i < readings.length; i++) {
        // Physical ranges and consistency, as ingest checks them; timestamps may lie anywhere (what-if scoring).
        const checked = validateReading(readings[i], {
          nowMs,
          maxFutureSkewMs: Number.MAX_SAFE_INTEGER - nowMs,
        });
        if (!checked.ok) {
          const items = checked.problems.map((p) => ({
            path: `/body/readings/${i}${p.path}`,
            message: p.message,
          }));
          throw new ApiProblem(
            400,
            'VALIDATION_FAILED',
            items.map((p) => `${p.path}: ${p.message}`).join('; '),
            items,
          );
        }
        const explanation = scorer.explain(checked.reading);
        predictions.push({
          assetId: checked.reading.assetId,
          recordedAt: checked.reading.recordedAt,
          failureProbability: explanation.probability,
          riskBand: riskBandOf(explanation.probability),
          predictedFailure: explanation.predictedFailure,
          modes: [...explanation.modes],
          contributions: explanation.drivers.slice(0, TOP_CONTRIBUTIONS).map((d) => ({
            feature: d.feature,
            value: d.value,
            contribution: d.contribution,
          })),
          baseLogOdds: explanation.baseLogOdds,
        });
      }
      return {
        modelId: scorer.modelId,
        modelName: scorer.name,
        modelVersion: scorer.version,
        decisionThreshold: scorer.threshold,
        predictions,
      };
    },
  );
};
