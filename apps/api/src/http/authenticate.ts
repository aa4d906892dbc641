import type { FastifyRequest } from 'fastify';
import type { ApiKeyStore } from '../auth/api-keys.js';
import { JwtError, verifyJwt } from '../auth/jwt.js';
import { hasScope, type Principal, type Scope } from '../auth/principal.js';
import { ApiProblem } from './api-problem.js';

/** What {@link authenticate} needs. */
export interface AuthSettings {
  readonly keys: ApiKeyStore;
  readonly jwtSecret: string | null;
  readonly jwtIssuer: string | null;
  readonly now: () => number;
}

/**
 * Finds the caller from `x-api-key: <key>` or `Authorization: Bearer <key or JWT>` and checks the scope the route
 * needs. An API key costs one sha256 and one map lookup (no database); a JWT one HMAC.
 */
export function authenticate(request: FastifyRequest, scope: Scope, settings: AuthSettings): Principal {
  const headerKey = request.headers['x-api-key'];
  const authorization = request.headers.authorization;
  let credential: string | undefined;
  if (typeof headerKey === 'string' && headerKey !== '') credential = headerKey;
  else if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match === null) {
      throw new ApiProblem(401, 'API_UNAUTHORIZED', 'Authorization header must be "Bearer <api key or JWT>"');
    }
    credential = match[1];
  }
  if (credential === undefined) {
    throw new ApiProblem(
      401,
      'API_UNAUTHORIZED',
      'an API key is required: send "x-api-key: <key>" or "Authorization: Bearer <key or JWT>"',
    );
  }
  let principal: Principal | undefined;
  if (credential.startsWith('lk_')) {
    principal = settings.keys.lookup(credential);
    if (principal === undefined)
      throw new ApiProblem(401, 'API_UNAUTHORIZED', 'the API key is unknown or revoked');
  } else {
    if (settings.jwtSecret === null) {
      throw new ApiProblem(
        401,
        'API_UNAUTHORIZED',
        'the credential is not an API key and JWTs are not enabled',
      );
    }
    try {
      principal = verifyJwt(credential, {
        secret: settings.jwtSecret,
        issuer: settings.jwtIssuer,
        nowMs: settings.now(),
      });
    } catch (err: unknown) {
      if (err instanceof JwtError) throw new ApiProblem(401, 'API_UNAUTHORIZED', err.message);
      throw err;
    }
  }
  if (!hasScope(principal, scope)) {
    throw new ApiProblem(403, 'API_FORBIDDEN', `this route needs the ${scope} scope`);
  }
  return principal;
}
