import type { onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiKeyStore } from '../auth/api-keys.js';
import type { JwtVerifier } from '../auth/jwt.js';
import type { Principal, Scope } from '../auth/principal.js';
import { ApiProblem } from '../http/api-problem.js';
import type { AuthFailureLimiter } from '../http/auth-failure-limiter.js';
import { authenticate } from '../http/authenticate.js';

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

/** Options of {@link authPlugin}. */
export interface AuthPluginOptions {
  readonly keys: ApiKeyStore;
  /** Checks bearer JWTs; null when JWTs are off. */
  readonly jwt: JwtVerifier | null;
  /** Counts failed authentication per client address and locks a client out at its limit; null: no lockout. */
  readonly failures: AuthFailureLimiter | null;
}

/** A 401: the caller's credential was missing, malformed or wrong (403, a missing scope, is not counted). */
const isAuthFailure = (err: unknown): boolean => err instanceof ApiProblem && err.status === 401;

/**
 * Authentication and scopes for every route of the context it is registered in (the /api/v1 scope). The hook is
 * appended to each route's own onRequest hooks, after the rate limit's (registered earlier, at the root), so a
 * request that fails authentication has already been counted: 1,500 guessed keys from one client are throttled
 * like any other 1,500 requests. Failed authentication is also counted on its own, per client address, by
 * `failures`: a client at its limit is refused with 429 (and retry-after) before its credential is looked at, so
 * guessing keys stops after a few dozen tries however large the general budget is. A route's scope defaults to
 * `admin` when it names none.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, options) => {
    app.decorateRequest('principal', null);
    // Callback style: on the hot path a hook without a promise is measurably cheaper (API keys are synchronous).
    const { failures } = options;
    const failed = (address: string, err: unknown): Error => {
      if (failures !== null && isAuthFailure(err)) failures.recordFailure(address);
      return err as Error;
    };
    const hook: onRequestHookHandler = (request, reply, done) => {
      const address = request.ip;
      const lockedS = failures === null ? 0 : failures.lockedForS(address);
      if (lockedS > 0) {
        void reply.header('retry-after', String(lockedS));
        done(
          new ApiProblem(
            429,
            'API_RATE_LIMITED',
            `too many failed authentications from this address; retry after ${String(lockedS)} s`,
          ),
        );
        return;
      }
      let result: Principal | Promise<Principal>;
      try {
        result = authenticate(request, request.routeOptions.config.scope ?? 'admin', options);
      } catch (err: unknown) {
        done(failed(address, err));
        return;
      }
      if (result instanceof Promise) {
        result.then(
          (principal) => {
            request.principal = principal;
            done();
          },
          (err: unknown) => done(failed(address, err)),
        );
        return;
      }
      request.principal = result;
      done();
    };
    app.addHook('onRoute', (route) => {
      const own = route.onRequest;
      route.onRequest = own === undefined ? [hook] : Array.isArray(own) ? [...own, hook] : [own, hook];
    });
  },
  { name: 'auth', dependencies: ['rate-limit'] },
);
