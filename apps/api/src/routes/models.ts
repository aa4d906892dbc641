import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { activateModel, activeModelId, listModels } from '@lakehouse/scoring';
import { ApiProblem } from '../http/api-problem.js';
import { ModelListSchema, ModelParamsSchema, ModelSchema } from '../schemas/models.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, secured } from './route-options.js';

/** GET /models (read scope) and POST /models/{modelId}/activate (admin scope): the model registry. */
export const modelRoutes: FastifyPluginAsyncTypebox<Pick<ApiV1Deps, 'pool' | 'scorers'>> = async (
  app,
  deps,
) => {
  app.get(
    '/models',
    {
      config: needs('read'),
      schema: {
        ...secured(['models']),
        summary: 'The model registry with metrics',
        response: { 200: ModelListSchema, ...errors },
      },
    },
    async () => {
      const [items, active] = await Promise.all([listModels(deps.pool), activeModelId(deps.pool)]);
      return { activeModelId: active, items: items.map((m) => ({ ...m, features: [...m.features] })) };
    },
  );

  app.post(
    '/models/:modelId/activate',
    {
      config: needs('admin'),
      schema: {
        ...secured(['models']),
        summary: 'Makes a model the active one (admin scope)',
        params: ModelParamsSchema,
        response: { 200: ModelSchema, ...errors },
      },
    },
    async (request) => {
      const { modelId } = request.params;
      const model = (await listModels(deps.pool)).find((m) => m.modelId === modelId);
      if (model === undefined)
        throw new ApiProblem(404, 'API_NOT_FOUND', `model ${modelId} is not in the registry`);
      if (!model.hasArtifact) {
        throw new ApiProblem(
          409,
          'API_CONFLICT',
          `model ${modelId} has no in-process artifact and cannot serve /predict`,
        );
      }
      await activateModel(deps.pool, modelId);
      await deps.scorers.refresh();
      return { ...model, features: [...model.features], isActive: true };
    },
  );
};
