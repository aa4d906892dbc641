import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listFleetWarnings, readHorizonRiskSeries } from '../read-model/fleet-warnings.js';
import { AssetParamsSchema } from '../schemas/assets.js';
import {
  FleetWarningsQuerySchema,
  FleetWarningsSchema,
  HorizonRiskPageSchema,
  HorizonRiskQuerySchema,
} from '../schemas/fleet-warnings.js';
import type { ApiV1Deps } from './api-v1.js';
import { errors, needs, secured } from './route-options.js';

/**
 * Predicting ahead for the planner (issue #18, ADR 0050), read scope: `GET /fleet/warnings` (the open episodes by
 * expected failure time) and `GET /assets/{assetId}/horizon-risk` (one asset's horizon risk over time).
 */
export const fleetWarningRoutes: FastifyPluginAsyncTypebox<Pick<ApiV1Deps, 'pool' | 'now'>> = async (
  app,
  deps,
) => {
  app.get(
    '/fleet/warnings',
    {
      config: needs('read'),
      schema: {
        ...secured(['alerts']),
        summary:
          'Open alert episodes by expected failure time (none last), with the latest horizon risk and the work orders',
        querystring: FleetWarningsQuerySchema,
        response: { 200: FleetWarningsSchema, ...errors },
      },
    },
    async (request) => listFleetWarnings(deps.pool, request.query, { nowMs: deps.now() }),
  );

  app.get(
    '/assets/:assetId/horizon-risk',
    {
      config: needs('read'),
      schema: {
        ...secured(['assets']),
        summary:
          'Horizon risk and expected minutes to failure of an asset over [from, to), oldest first, paginated',
        params: AssetParamsSchema,
        querystring: HorizonRiskQuerySchema,
        response: { 200: HorizonRiskPageSchema, ...errors },
      },
    },
    async (request) => readHorizonRiskSeries(deps.pool, request.params.assetId, request.query),
  );
};
