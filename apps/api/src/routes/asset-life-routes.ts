import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'mysql2/promise';
import { ApiProblem } from '../http/api-problem.js';
import { readAssetLife, readFleetEndOfLife } from '../read-model/asset-life.js';
import {
  AssetLifeSchema,
  FleetEndOfLifeQuerySchema,
  FleetEndOfLifeSchema,
} from '../schemas/asset-life-schemas.js';
import { AssetParamsSchema, ProblemSchema } from '../schemas/route-schemas.js';

/** What the remaining-life routes need. */
export interface AssetLifeDeps {
  readonly pool: Pool;
  readonly now: () => number;
  /** Tool wear at which a tool is replaced, min (API_TOOL_REPLACEMENT_WEAR_MIN). */
  readonly toolReplacementWearMin: number;
}

const errors = { '4xx': ProblemSchema, '5xx': ProblemSchema };
const SECURITY: Record<string, readonly string[]>[] = [{ apiKey: [] }, { bearer: [] }];

/**
 * `GET /assets/{assetId}/life` and `GET /fleet/end-of-life` (issue #17, ADR 0042), both with scope `read`; the
 * caller registers them under /api/v1 with the auth hook, beside apiV1Routes.
 */
export async function assetLifeRoutes(root: FastifyInstance, deps: AssetLifeDeps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/assets/:assetId/life',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['assets'],
        security: SECURITY,
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
      config: { scope: 'read' },
      schema: {
        tags: ['fleet'],
        security: SECURITY,
        summary: 'Expected end of life of the registered fleet, by site and by manufacturer (6/12/24 months)',
        querystring: FleetEndOfLifeQuerySchema,
        response: { 200: FleetEndOfLifeSchema, ...errors },
      },
    },
    async () => readFleetEndOfLife(deps.pool, { nowMs: deps.now() }),
  );
}
