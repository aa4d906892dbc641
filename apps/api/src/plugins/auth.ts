import type { onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiKeyStore } from '../auth/api-keys.js';
import type { JwtVerifier } from '../auth/jwt.js';
import type { Principal, Scope } from '../auth/principal.js';
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
}

/**
 * Authentication and scopes for every route of the context it is registered in (the /api/v1 scope). The hook is
 * appended to each route's own onRequest hooks, after the rate limit's (registered earlier, at the root), so a
 * request that fails authentication has already been counted: 1,500 guessed keys from one client are throttled
 * like any other 1,500 requests. A route's scope defaults to `admin` when it names none.
 */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, options) => {
    app.decorateRequest('principal', null);
    // Callback style: on the hot path a hook without a promise is measurably cheaper (API keys are synchronous).
    const hook: onRequestHookHandler = (request, _reply, done) => {
      let result: Principal | Promise<Principal>;
      try {
        result = authenticate(request, request.routeOptions.config.scope ?? 'admin', options);
      } catch (err: unknown) {
        done(err as Error);
        return;
      }
      if (result instanceof Promise) {
        result.then(
          (principal) => {
            request.principal = principal;
            done();
          },
          (err: unknown) => done(err as Error),
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
