import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Pool } from 'mysql2/promise';
import { errors, needs, secured } from './route-options.js';
import { forecastBody, readSparePartForecast, readStock, reorderBody } from '../read-model/spare-parts.js';
import {
  ForecastQuerySchema,
  ForecastSchema,
  ReorderListSchema,
  SparePartsQuerySchema,
  StockListSchema,
} from '../schemas/spare-parts.js';

/** What the spare-part routes need. */
export interface SparePartsDeps {
  readonly pool: Pool;
  readonly now: () => number;
  /** Tool wear at which a tool is replaced, min (API_TOOL_REPLACEMENT_WEAR_MIN). */
  readonly toolReplacementWearMin: number;
  /** Default forecast horizon, weeks (API_SPARE_PARTS_HORIZON_WEEKS). */
  readonly sparePartsHorizonWeeks: number;
  /** Hours a machine operates per week (API_OPERATING_HOURS_PER_WEEK). */
  readonly operatingHoursPerWeek: number;
}

/**
 * `GET /spare-parts/stock`, `/spare-parts/forecast` and `/spare-parts/reorders` (issue #17, ADR 0046), scope
 * `read`, in the /api/v1 scope (routes/api-v1.ts).
 */
export const sparePartRoutes: FastifyPluginAsyncTypebox<SparePartsDeps> = async (app, deps) => {
  const settings = (siteId: string | undefined, horizonWeeks?: number) => ({
    nowMs: deps.now(),
    horizonWeeks: horizonWeeks ?? deps.sparePartsHorizonWeeks,
    operatingHoursPerWeek: deps.operatingHoursPerWeek,
    replacementWearMin: deps.toolReplacementWearMin,
    ...(siteId === undefined ? {} : { siteId }),
  });

  app.get(
    '/spare-parts/stock',
    {
      config: needs('read'),
      schema: {
        ...secured(['spare-parts']),
        summary: 'Spare-part stock per site and part: on hand, on order, reorder point, lot and lead time',
        querystring: SparePartsQuerySchema,
        response: { 200: StockListSchema, ...errors },
      },
    },
    async (request) => ({ items: await readStock(deps.pool, request.query) }),
  );

  app.get(
    '/spare-parts/forecast',
    {
      config: needs('read'),
      schema: {
        ...secured(['spare-parts']),
        summary: 'Demand from predicted tool changes and projected stock per site, part and ISO week',
        querystring: ForecastQuerySchema,
        response: { 200: ForecastSchema, ...errors },
      },
    },
    async (request) =>
      forecastBody(
        await readSparePartForecast(deps.pool, settings(request.query.siteId, request.query.horizonWeeks)),
      ),
  );

  app.get(
    '/spare-parts/reorders',
    {
      config: needs('read'),
      schema: {
        ...secured(['spare-parts']),
        summary: 'Reorder recommendations: what, how many and by when, late ones first',
        querystring: SparePartsQuerySchema,
        response: { 200: ReorderListSchema, ...errors },
      },
    },
    async (request) => reorderBody(await readSparePartForecast(deps.pool, settings(request.query.siteId))),
  );
};
