import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from '@lakehouse/runtime';
import { ActiveModelCache, activeModelId, loadScorer, type Scorer } from '@lakehouse/scoring';
import { createSqlPool } from '@lakehouse/sql';
import Fastify from 'fastify';
import type { Pool } from 'mysql2/promise';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeyStore } from './auth/api-keys.js';
import { AuthFailureLimiter } from './http/auth-failure-limiter.js';
import { createJwtVerifier } from './auth/jwt.js';
import type { ApiConfig } from './config.js';
import { problemBody, sendProblem } from './http/error-handler.js';
import { typeboxValidatorCompiler } from './http/typebox-validator-compiler.js';
import { corsPlugin } from './plugins/cors.js';
import { openapiPlugin } from './plugins/openapi.js';
import { problemDetailsPlugin } from './plugins/problem-details.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { securityHeadersPlugin } from './plugins/security-headers.js';
import { staticDashboardPlugin } from './plugins/static-dashboard.js';
import { underPressurePlugin } from './plugins/under-pressure.js';
import { buildCatalog } from './read-model/catalog.js';
import { apiV1 } from './routes/api-v1.js';
import { healthRoutes } from './routes/health.js';
import { LiveReadingBroadcaster } from './services/live-reading-broadcaster.js';
import { createNotificationDispatcher } from './services/notifications/create-notification-dispatcher.js';
import { ToolLifePlanner } from './services/work-orders/tool-life-planner.js';

/** What {@link buildApp} needs. */
export interface BuildAppOptions {
  readonly config: ApiConfig;
  readonly logger: Logger;
  /** An open pool (tests pass theirs); otherwise one is opened from `config.sql` and closed with the app. */
  readonly pool?: Pool;
  /** Clock, epoch ms. @default Date.now */
  readonly now?: () => number;
}

/** The app {@link buildApp} returns. */
export type ApiApp = Awaited<ReturnType<typeof buildApp>>;

/**
 * Builds the API as a Fastify instance without listening. This is the composition root: it starts the services
 * (API keys and the active model are loaded before it returns, so the first request is served from memory), then
 * registers one plugin per concern in the order below, which is the load order. `main.ts` listens; tests
 * `inject()` or listen on port 0.
 */
export async function buildApp(options: BuildAppOptions) {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const pool = options.pool ?? (await createSqlPool(config.sql));
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    // Ids and long ranges never need more; a bounded URL keeps hostile input cheap to reject.
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // request.ip is the client the rate limits and the lockout count; only the listed proxies may name it.
    trustProxy: config.trustProxy.length === 0 ? false : [...config.trustProxy],
    forceCloseConnections: 'idle',
    ajv: { customOptions: { strict: false } },
    // Malformed URLs and over-long parameters are rejected by the router before any route: problem+json too.
    frameworkErrors: (err, request, reply) => {
      const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const detail =
        status === 414
          ? 'a path parameter is longer than 200 characters'
          : 'the URL is not valid (bad percent-encoding)';
      return sendProblem(reply, problemBody(status, 'API_BAD_REQUEST', detail)) as unknown as void;
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(typeboxValidatorCompiler);
  if (options.pool === undefined) app.addHook('onClose', async () => pool.end());

  const keys = new ApiKeyStore(pool, logger.child({ module: 'api-keys' }));
  // The active model in memory, so POST /predict never touches the database; activation refreshes it at once.
  const scorers = new ActiveModelCache<Scorer>({
    activeModelId: () => activeModelId(pool),
    load: (modelId) => loadScorer(pool, modelId),
    refreshMs: config.modelRefreshMs,
    logger: logger.child({ module: 'scorer' }),
  });
  const liveReadings = new LiveReadingBroadcaster(pool, logger.child({ module: 'live-feed' }), {
    pollMs: config.livePollMs,
  });
  const dispatcher = await createNotificationDispatcher(
    pool,
    config.notifications,
    logger.child({ module: 'notifications' }),
  );
  const planner = new ToolLifePlanner(pool, logger.child({ module: 'work-orders' }), {
    horizonMs: config.workOrders.toolHorizonMs,
    replacementWearMin: config.toolReplacementWearMin,
    now,
  });
  await keys.refresh();
  await scorers.refresh();
  keys.start(config.apiKeyRefreshMs);
  scorers.start();
  dispatcher?.start(config.notifications.pollMs);
  planner.start(config.workOrders.planIntervalMs);
  app.addHook('onClose', async () => {
    keys.stop();
    scorers.stop();
    liveReadings.stop();
    await dispatcher?.stop();
    await planner.stop();
  });

  const webRoot = existsSync(join(config.webDir, 'index.html')) ? config.webDir : null;
  // The load order. Hooks and onRoute listeners apply to what is registered after them: the rate limit and the
  // OpenAPI generator must precede the routes, the rate limit the not-found handler and the auth hook.
  await app.register(securityHeadersPlugin);
  await app.register(corsPlugin, { origins: config.corsOrigins });
  await app.register(underPressurePlugin, { maxEventLoopDelayMs: config.maxEventLoopDelayMs });
  await app.register(rateLimitPlugin, { max: config.rateLimitMax, windowMs: config.rateLimitWindowMs });
  await app.register(problemDetailsPlugin, { servesDashboard: webRoot !== null });
  await app.register(openapiPlugin);
  await app.register(healthRoutes, { pool });
  await app.register(apiV1, {
    prefix: '/api/v1',
    auth: {
      keys,
      jwt: createJwtVerifier(config.jwt, now),
      failures: new AuthFailureLimiter({
        ...config.authFailures,
        now,
        logger: logger.child({ module: 'auth-failures' }),
      }),
    },
    deps: {
      pool,
      scorers,
      liveReadings,
      catalog: buildCatalog(),
      now,
      operatingWindowMs: config.operatingWindowMs,
      toolReplacementWearMin: config.toolReplacementWearMin,
      sparePartsHorizonWeeks: config.sparePartsHorizonWeeks,
      operatingHoursPerWeek: config.operatingHoursPerWeek,
      toolHorizonMs: config.workOrders.toolHorizonMs,
    },
  });
  await app.register(staticDashboardPlugin, { webRoot, webDir: config.webDir });
  return app;
}
