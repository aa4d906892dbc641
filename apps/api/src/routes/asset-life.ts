import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Pool } from 'mysql2/promise';
import { errors, needs, secured } from './route-options.js';
import { ApiProblem } from '../http/api-problem.js';
import { readAssetLife, readFleetEndOfLife } from '../read-model/asset-life.js';
import { listAssetOutlook } from '../read-model/asset-outlook.js';
import {
  AssetLifeSchema,
  AssetOutlookListSchema,
  AssetOutlookQuerySchema,
  FleetEndOfLifeQuerySchema,
  FleetEndOfLifeSchema,
} from '../schemas/asset-life.js';
import { AssetParamsSchema } from '../schemas/assets.js';

/** What the remaining-life routes need. */
export interface AssetLifeDeps {
  readonly pool: Pool;
  readonly now: () => number;
  /** Tool wear at which a tool is replaced, min (API_TOOL_REPLACEMENT_WEAR_MIN). */
  readonly toolReplacementWearMin: number;
  /** An asset is operating when its latest reading is this recent (API_OPERATING_WINDOW_MS). */
  readonly operatingWindowMs: number;
}

/**
 * `GET /assets/{assetId}/life`, `GET /fleet/end-of-life` (issue #17, ADR 0042) and `GET /fleet/end-of-life/assets`
 * (ADR 0047), all with scope `read`, in the /api/v1 scope (routes/api-v1.ts).
 */
export const assetLifeRoutes: FastifyPluginAsyncTypebox<AssetLifeDeps> = async (app, deps) => {
  app.get(
    '/assets/:assetId/life',
    {
      config: needs('read'),
      schema: {
        ...secured(['assets']),
        summary:
          'Remaining tool life (minutes and due time), expected end of life and register entry of an asset',
        params: AssetParamsSchema,
        response: { 200: AssetLifeSchema, ...errors },
      },
    },
    async (request) => {
      const life = await readAssetLife(deps.pool, request.params.assetId, {
        nowMs: deps.now(),
        replacementWearMin: deps.toolReplacementWearMin,
      });
      if (life === null)
        throw new ApiProblem(
          404,
          'API_NOT_FOUND',
          `asset ${request.params.assetId} is neither reporting nor in the asset register`,
        );
      return life;
    },
  );

  app.get(
    '/fleet/end-of-life',
    {
      config: needs('read'),
      schema: {
        ...secured(['fleet']),
        summary: 'Expected end of life of the registered fleet, by site and by manufacturer (6/12/24 months)',
        querystring: FleetEndOfLifeQuerySchema,
        response: { 200: FleetEndOfLifeSchema, ...errors },
      },
    },
    async () => readFleetEndOfLife(deps.pool, { nowMs: deps.now() }),
  );

  app.get(
    '/fleet/end-of-life/assets',
    {
      config: needs('read'),
      schema: {
        ...secured(['fleet']),
        summary:
          'Reporting assets with their current failure probability (latest reading) and expected end of life, by asset id',
        querystring: AssetOutlookQuerySchema,
        response: { 200: AssetOutlookListSchema, ...errors },
      },
    },
    async (request) =>
      listAssetOutlook(deps.pool, request.query, {
        nowMs: deps.now(),
        operatingWindowMs: deps.operatingWindowMs,
      }),
  );
};
