import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiProblem } from '../http/api-problem.js';
import { getAsset, listAssets } from '../read-model/assets.js';
import { AssetListQuerySchema, AssetListSchema, AssetParamsSchema, AssetSchema } from '../schemas/assets.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, operatingWindow, secured } from './route-options.js';

/** GET /assets and GET /assets/{assetId} (read scope): assets with their latest reading and risk. */
export const assetRoutes: FastifyPluginAsyncTypebox<
  Pick<ApiV1Deps, 'pool' | 'now' | 'operatingWindowMs'>
> = async (app, deps) => {
  app.get(
    '/assets',
    {
      config: needs('read'),
      schema: {
        ...secured(['assets']),
        summary: 'Assets with their latest reading and risk',
        querystring: AssetListQuerySchema,
        response: { 200: AssetListSchema, ...errors },
      },
    },
    async (request) => listAssets(deps.pool, request.query, operatingWindow(deps)),
  );

  app.get(
    '/assets/:assetId',
    {
      config: needs('read'),
      schema: {
        ...secured(['assets']),
        summary: 'One asset with its latest reading and failure probability',
        params: AssetParamsSchema,
        response: { 200: AssetSchema, ...errors },
      },
    },
    async (request) => {
      const asset = await getAsset(deps.pool, request.params.assetId, operatingWindow(deps));
      if (asset === null)
        throw new ApiProblem(404, 'API_NOT_FOUND', `asset ${request.params.assetId} does not exist`);
      return asset;
    },
  );
};
