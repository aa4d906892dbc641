import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Pool } from 'mysql2/promise';
import { errors, needs, secured } from './route-options.js';
import { readTrends } from '../read-model/trends.js';
import { TrendQuerySchema, TrendsSchema } from '../schemas/trends.js';

/** What the trend routes need (a subset of the /api/v1 dependencies). */
export interface TrendRoutesDeps {
  readonly pool: Pool;
  readonly now: () => number;
}

/** GET /trends (read scope): failure-probability trends over days or weeks, from `daily_rollups`. */
export const trendRoutes: FastifyPluginAsyncTypebox<TrendRoutesDeps> = async (app, deps) => {
  app.get(
    '/trends',
    {
      config: needs('read'),
      schema: {
        ...secured(['fleet']),
        summary:
          'Failure-probability trend (mean with min/max range, band counts, failures) per day or week, by site, line or asset type',
        querystring: TrendQuerySchema,
        response: { 200: TrendsSchema, ...errors },
      },
    },
    async (request) => readTrends(deps.pool, request.query, deps.now()),
  );
};
