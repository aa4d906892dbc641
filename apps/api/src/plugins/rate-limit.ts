import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { ApiProblem } from '../http/api-problem.js';

/** Options of {@link rateLimitPlugin}. */
export interface RateLimitPluginOptions {
  /** Requests per window and client address (API_RATE_LIMIT_MAX). */
  readonly max: number;
  /** API_RATE_LIMIT_WINDOW_MS. */
  readonly windowMs: number;
}

/**
 * The rate limit of every route (routes opt out with `config: { rateLimit: false }`), per client address. It runs
 * as the first onRequest hook of each route, before authentication (see plugins/auth.ts), so requests that fail
 * authentication count too: guessing keys costs the guesser its budget. Unknown routes are limited through the
 * not-found handler (plugins/problem-details.ts), which @fastify/rate-limit does not reach by itself.
 */
export const rateLimitPlugin = fp<RateLimitPluginOptions>(
  async (app, options) => {
    await app.register(rateLimit, {
      global: true,
      max: options.max,
      timeWindow: options.windowMs,
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
  },
  { name: 'rate-limit' },
);
