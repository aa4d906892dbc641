import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'mysql2/promise';
import { readTrends } from '../read-model/trends.js';
import { ProblemSchema } from '../schemas/route-schemas.js';
import { TrendQuerySchema, TrendsSchema } from '../schemas/trend-schemas.js';

/** What the trend routes need (a subset of the /api/v1 dependencies). */
export interface TrendRoutesDeps {
  readonly pool: Pool;
  readonly now: () => number;
}

const errors = { '4xx': ProblemSchema, '5xx': ProblemSchema };

/** GET /trends (read scope): failure-probability trends over days or weeks, from `daily_rollups`. */
export async function trendRoutes(root: FastifyInstance, deps: TrendRoutesDeps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/trends',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['fleet'],
        security: [{ apiKey: [] }, { bearer: [] }],
        summary:
          'Failure-probability trend (mean with min/max range, band counts, failures) per day or week, by site, line or asset type',
        querystring: TrendQuerySchema,
        response: { 200: TrendsSchema, ...errors },
      },
    },
    async (request) => readTrends(deps.pool, request.query, deps.now()),
  );
}
