import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readHourlyAggregates } from '../read-model/hourly-aggregates.js';
import { HourlyPageSchema, HourlyQuerySchema } from '../schemas/hourly-aggregates.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, secured } from './route-options.js';

/** GET /aggregates/hourly (read scope): hourly per-asset aggregates of the silver layer. */
export const hourlyAggregateRoutes: FastifyPluginAsyncTypebox<Pick<ApiV1Deps, 'pool'>> = async (
  app,
  deps,
) => {
  app.get(
    '/aggregates/hourly',
    {
      config: needs('read'),
      schema: {
        ...secured(['fleet']),
        summary: 'Hourly per-asset aggregates (silver layer), newest first',
        querystring: HourlyQuerySchema,
        response: { 200: HourlyPageSchema, ...errors },
      },
    },
    async (request) => readHourlyAggregates(deps.pool, request.query),
  );
};
