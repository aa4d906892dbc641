import fp from 'fastify-plugin';
import { problemBody, sendProblem, toProblem } from '../http/error-handler.js';

/** Options of {@link problemDetailsPlugin}. */
export interface ProblemDetailsPluginOptions {
  /** The dashboard is built: unknown GET paths outside /api/ are its client-side routes (its index.html). */
  readonly servesDashboard: boolean;
}

/**
 * Every error as RFC 9457 problem+json (code → HTTP status, 5xx details hidden), and the not-found handler, which
 * the rate limit guards: @fastify/rate-limit hooks only registered routes, so without its preHandler here a flood
 * of unknown URLs would be free. Registered after the rate-limit plugin, whose `rateLimit()` it uses.
 */
export const problemDetailsPlugin = fp<ProblemDetailsPluginOptions>(
  async (app, options) => {
    app.setErrorHandler((err, request, reply) => sendProblem(reply, toProblem(err, request)));
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && options.servesDashboard) {
        // Client-side routes of the dashboard resolve to its index.html.
        return reply.sendFile('index.html');
      }
      return sendProblem(
        reply,
        problemBody(404, 'API_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`),
      );
    });
  },
  { name: 'problem-details', dependencies: ['rate-limit'] },
);
