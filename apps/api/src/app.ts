import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import underPressure from '@fastify/under-pressure';
import type { Logger } from '@lakehouse/runtime';
import { activeModelId } from '@lakehouse/scoring';
import { createSqlPool } from '@lakehouse/sql';
import Fastify from 'fastify';
import type { Pool } from 'mysql2/promise';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeyStore } from './auth/api-keys.js';
import type { Principal, Scope } from './auth/principal.js';
import type { ApiConfig } from './config.js';
import { ApiProblem } from './http/api-problem.js';
import { authenticate } from './http/authenticate.js';
import { problemBody, sendProblem, toProblem } from './http/error-handler.js';
import { securityHeaders } from './http/security-headers.js';
import { typeboxValidatorCompiler } from './http/typebox-validator-compiler.js';
import { buildCatalog } from './read-model/catalog.js';
import { apiV1Routes } from './routes/api-v1-routes.js';
import { assetLifeRoutes } from './routes/asset-life-routes.js';
import { HealthSchema, ReadySchema } from './schemas/route-schemas.js';
import { ActiveScorerCache } from './services/active-scorer-cache.js';
import { LiveFeed } from './services/live-feed.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Scope a route needs; routes without one (health, docs, dashboard) are public. */
    scope?: Scope;
  }
  interface FastifyRequest {
    /** The authenticated caller on /api/v1 routes. */
    principal: Principal | null;
  }
}

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

/** Version of the route contract, in the OpenAPI document. */
const API_VERSION = '1.0.0';

/**
 * Builds the API as a Fastify instance without listening: plugins (security headers, CORS, rate limit, load
 * shedding, OpenAPI), the auth hook, the /api/v1 routes and the dashboard. Loads the API keys and the active model
 * before it returns, so the first request is served from memory. `main.ts` listens; tests `inject()` or listen on
 * port 0.
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
  const scorers = new ActiveScorerCache(pool, logger.child({ module: 'scorer' }));
  const liveFeed = new LiveFeed(pool, logger.child({ module: 'live-feed' }), {
    pollMs: config.livePollMs,
    alertThreshold: config.alertThreshold,
  });
  await keys.refresh();
  await scorers.refresh();
  keys.start(config.apiKeyRefreshMs);
  scorers.start(config.modelRefreshMs);
  app.addHook('onClose', async () => {
    keys.stop();
    scorers.stop();
    liveFeed.stop();
  });

  app.setErrorHandler((err, request, reply) => sendProblem(reply, toProblem(err, request)));
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && webRoot !== null) {
      // Client-side routes of the dashboard resolve to its index.html.
      return reply.sendFile('index.html');
    }
    return sendProblem(
      reply,
      problemBody(404, 'API_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`),
    );
  });

  // helmet's headers, computed once: its defaults for the dashboard and docs (HTML), and for the JSON API the set
  // that matters to a JSON response (OWASP REST): nosniff, HSTS, a deny-all CSP, no framing, no referrer, CORP.
  const pageHeaders = securityHeaders();
  const apiHeaders = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiHeaders : pageHeaders);
    done();
  });
  // Without configured origins no CORS headers are sent at all: the dashboard is same-origin.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'x-api-key', 'content-type'],
      maxAge: 600,
    });
  }
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    exposeStatusRoute: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowMs,
    // The x-ratelimit-* headers are sent once a client is limited (with retry-after), not on every response:
    // three headers per response cost /predict measurably.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    errorResponseBuilder: (_request, context) =>
      new ApiProblem(
        429,
        'API_RATE_LIMITED',
        `rate limit of ${context.max} requests per ${context.after} exceeded; retry after ${context.after}`,
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lakehouse predictive-maintenance API',
        version: API_VERSION,
        description: 'Assets, readings, fleet KPIs, predictions, alerts, models and the data catalog.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key or an HS256 JWT' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () =>
    app.swagger(),
  );
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: { tags: ['health'], summary: 'The process is up', response: { 200: HealthSchema } },
    },
    async () => ({ status: 'ok' as const, uptimeS: Math.round(process.uptime()) }),
  );
  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'The database answers (503 otherwise)',
        response: { 200: ReadySchema, 503: ReadySchema },
      },
    },
    async (_request, reply) => {
      try {
        const id = await activeModelId(pool);
        return { status: 'ready' as const, database: 'up' as const, activeModelId: id };
      } catch (err: unknown) {
        app.log.warn({ err }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable', database: 'down', activeModelId: null });
      }
    },
  );

  const authSettings = { keys, jwtSecret: config.jwtSecret, jwtIssuer: config.jwtIssuer, now };
  await app.register(
    async (scope) => {
      scope.decorateRequest('principal', null);
      // Callback style: on the hot path a hook without a promise is measurably cheaper.
      scope.addHook('onRequest', (request, _reply, done) => {
        try {
          request.principal = authenticate(
            request,
            request.routeOptions.config.scope ?? 'admin',
            authSettings,
          );
          done();
        } catch (err: unknown) {
          done(err as Error);
        }
      });
      await apiV1Routes(scope, {
        pool,
        scorers,
        liveFeed,
        catalog: buildCatalog(),
        now,
        operatingWindowMs: config.operatingWindowMs,
        alertThreshold: config.alertThreshold,
        alertLookbackMs: config.alertLookbackMs,
      });
      await assetLifeRoutes(scope, { pool, now, toolReplacementWearMin: config.toolReplacementWearMin });
    },
    { prefix: '/api/v1' },
  );

  const webRoot = existsSync(join(config.webDir, 'index.html')) ? config.webDir : null;
  if (webRoot !== null) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      sendProblem(
        reply,
        problemBody(
          404,
          'API_NOT_FOUND',
          `the dashboard is not built (no index.html in ${config.webDir}); see /docs`,
        ),
      ),
    );
  }
  return app;
}
