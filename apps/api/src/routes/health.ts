import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { activeModelId } from '@lakehouse/scoring';
import type { Pool } from 'mysql2/promise';
import { HealthSchema, ReadySchema } from '../schemas/health.js';

/** Options of {@link healthRoutes}. */
export interface HealthRoutesOptions {
  readonly pool: Pool;
}

/** GET /health (the process is up) and GET /ready (the database answers): public and not rate-limited, for probes. */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, options) => {
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
        const id = await activeModelId(options.pool);
        return { status: 'ready' as const, database: 'up' as const, activeModelId: id };
      } catch (err: unknown) {
        app.log.warn({ err }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable', database: 'down', activeModelId: null });
      }
    },
  );
};
