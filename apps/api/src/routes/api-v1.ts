import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ActiveModelCache, Scorer } from '@lakehouse/scoring';
import type { Pool } from 'mysql2/promise';
import { authPlugin, type AuthPluginOptions } from '../plugins/auth.js';
import type { Catalog } from '../schemas/catalog.js';
import type { LiveReadingBroadcaster } from '../services/live-reading-broadcaster.js';
import { alertEpisodeRoutes } from './alert-episodes.js';
import { assetLifeRoutes } from './asset-life.js';
import { assetRoutes } from './assets.js';
import { catalogRoutes } from './catalog.js';
import { fleetWarningRoutes } from './fleet-warnings.js';
import { hourlyAggregateRoutes } from './hourly-aggregates.js';
import { kpiRoutes } from './kpis.js';
import { liveRoutes } from './live.js';
import { modelRoutes } from './models.js';
import { predictionRoutes } from './predictions.js';
import { readingRoutes } from './readings.js';
import { sparePartRoutes } from './spare-parts.js';
import { trendRoutes } from './trends.js';
import { workOrderRoutes } from './work-orders.js';

/** What the /api/v1 routes need; each resource's routes take the part they use. */
export interface ApiV1Deps {
  readonly pool: Pool;
  /** The active model, served from memory. */
  readonly scorers: ActiveModelCache<Scorer>;
  readonly liveReadings: LiveReadingBroadcaster;
  readonly catalog: Catalog;
  readonly now: () => number;
  readonly operatingWindowMs: number;
  /** Tool wear at which a tool is replaced, min (API_TOOL_REPLACEMENT_WEAR_MIN). */
  readonly toolReplacementWearMin: number;
  /** Default spare-part forecast horizon, weeks (API_SPARE_PARTS_HORIZON_WEEKS). */
  readonly sparePartsHorizonWeeks: number;
  /** Hours a machine operates per week (API_OPERATING_HOURS_PER_WEEK). */
  readonly operatingHoursPerWeek: number;
  /** Tools due within this much get a work order, and show as due (WORK_ORDER_TOOL_HORIZON_MS). */
  readonly toolHorizonMs: number;
}

/** Options of {@link apiV1}: the routes' dependencies and the authentication settings. */
export interface ApiV1Options {
  readonly auth: AuthPluginOptions;
  readonly deps: ApiV1Deps;
}

/**
 * The versioned API, registered under `/api/v1`: the authentication hook first (every route here needs a scope),
 * then one plugin per resource. Encapsulated, so the hook does not reach health, docs or the dashboard.
 */
export const apiV1: FastifyPluginAsyncTypebox<ApiV1Options> = async (app, { auth, deps }) => {
  await app.register(authPlugin, auth);
  await app.register(assetRoutes, deps);
  await app.register(readingRoutes, deps);
  await app.register(assetLifeRoutes, deps);
  await app.register(kpiRoutes, deps);
  await app.register(hourlyAggregateRoutes, deps);
  await app.register(trendRoutes, deps);
  await app.register(predictionRoutes, deps);
  await app.register(alertEpisodeRoutes, deps);
  await app.register(workOrderRoutes, deps);
  await app.register(fleetWarningRoutes, deps);
  await app.register(modelRoutes, deps);
  await app.register(catalogRoutes, deps);
  await app.register(liveRoutes, deps);
  await app.register(sparePartRoutes, deps);
};
