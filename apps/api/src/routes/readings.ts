import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readAssetReadings } from '../read-model/asset-readings.js';
import { AssetParamsSchema } from '../schemas/assets.js';
import { ReadingsPageSchema, ReadingsQuerySchema } from '../schemas/readings.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, secured } from './route-options.js';

/** GET /assets/{assetId}/readings (read scope): raw readings of a range, or time buckets above maxPoints. */
export const readingRoutes: FastifyPluginAsyncTypebox<Pick<ApiV1Deps, 'pool'>> = async (app, deps) => {
  app.get(
    '/assets/:assetId/readings',
    {
      config: needs('read'),
      schema: {
        ...secured(['assets']),
        summary: 'Readings of an asset over [from, to): raw and paginated, or downsampled above maxPoints',
        params: AssetParamsSchema,
        querystring: ReadingsQuerySchema,
        response: { 200: ReadingsPageSchema, ...errors },
      },
    },
    async (request) => readAssetReadings(deps.pool, request.params.assetId, request.query),
  );
};
