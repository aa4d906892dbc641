import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readKpis } from '../read-model/kpis.js';
import { KpiQuerySchema, KpisSchema } from '../schemas/kpis.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, operatingWindow, secured } from './route-options.js';

/** GET /kpis (read scope): the fleet KPIs. */
export const kpiRoutes: FastifyPluginAsyncTypebox<
  Pick<ApiV1Deps, 'pool' | 'now' | 'operatingWindowMs'>
> = async (app, deps) => {
  app.get(
    '/kpis',
    {
      config: needs('read'),
      schema: {
        ...secured(['fleet']),
        summary: 'Fleet KPIs: operating assets, readings/s, risk by type/site/line, bands, mean measures',
        querystring: KpiQuerySchema,
        response: { 200: KpisSchema, ...errors },
      },
    },
    async (request) => readKpis(deps.pool, request.query, operatingWindow(deps)),
  );
};
