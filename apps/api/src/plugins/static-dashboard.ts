import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { problemBody, sendProblem } from '../http/error-handler.js';

/** Options of {@link staticDashboardPlugin}. */
export interface StaticDashboardPluginOptions {
  /** The dashboard build (API_WEB_DIR) when it has an index.html; null when it is not built. */
  readonly webRoot: string | null;
  /** The configured directory, named in the answer when the build is missing. */
  readonly webDir: string;
}

/**
 * The dashboard's files at `/` (its client-side routes fall back to index.html in the not-found handler); without a
 * build, `/` answers a 404 that says how to build it.
 */
export const staticDashboardPlugin = fp<StaticDashboardPluginOptions>(
  async (app, options) => {
    if (options.webRoot !== null) {
      await app.register(fastifyStatic, { root: options.webRoot, prefix: '/', wildcard: false });
      return;
    }
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      sendProblem(
        reply,
        problemBody(
          404,
          'API_NOT_FOUND',
          `the dashboard is not built (no index.html in ${options.webDir}); see /docs`,
        ),
      ),
    );
  },
  { name: 'static-dashboard' },
);
