import cors from '@fastify/cors';
import fp from 'fastify-plugin';

/** Options of {@link corsPlugin}. */
export interface CorsPluginOptions {
  /** Origins allowed to call the API from a browser (API_CORS_ORIGINS); empty: none. */
  readonly origins: readonly string[];
}

/** CORS for the configured origins. Without any, no CORS headers are sent at all: the dashboard is same-origin. */
export const corsPlugin = fp<CorsPluginOptions>(
  async (app, options) => {
    if (options.origins.length === 0) return;
    await app.register(cors, {
      origin: [...options.origins],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'x-api-key', 'content-type'],
      maxAge: 600,
    });
  },
  { name: 'cors' },
);
