import type { FastifyRequest } from 'fastify';
import type { ApiKeyStore } from '../auth/api-keys.js';
import { JwtError, JwtKeySetUnavailableError, type JwtVerifier } from '../auth/jwt.js';
import { hasScope, type Principal, type Scope } from '../auth/principal.js';
import { ApiProblem } from './api-problem.js';

/** What {@link authenticate} needs. */
export interface AuthSettings {
  readonly keys: ApiKeyStore;
  /** Checks bearer JWTs; null when JWTs are off. */
  readonly jwt: JwtVerifier | null;
}

/**
 * Finds the caller from `x-api-key: <key>` or `Authorization: Bearer <key or JWT>` and checks the scope the route
 * needs. An API key costs one sha256 and one map lookup (no database) and is answered synchronously; a JWT is
 * checked by jose (one HMAC, or one RSA verification against the cached key set) and answered with a promise.
 */
export function authenticate(
  request: FastifyRequest,
  scope: Scope,
  settings: AuthSettings,
): Principal | Promise<Principal> {
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
  if (credential.startsWith('lk_')) {
    const principal = settings.keys.lookup(credential);
    if (principal === undefined)
      throw new ApiProblem(401, 'API_UNAUTHORIZED', 'the API key is unknown or revoked');
    return checkScope(principal, scope);
  }
  if (settings.jwt === null) {
    throw new ApiProblem(
      401,
      'API_UNAUTHORIZED',
      'the credential is not an API key and JWTs are not enabled',
    );
  }
  return settings.jwt(credential).then(
    (principal) => checkScope(principal, scope),
    (err: unknown) => {
      if (err instanceof JwtError) throw new ApiProblem(401, 'API_UNAUTHORIZED', err.message);
      if (err instanceof JwtKeySetUnavailableError) {
        throw new ApiProblem(
          503,
          'API_UNAVAILABLE',
          'the token cannot be checked now: the issuer key set is unreachable',
        );
      }
      throw err;
    },
  );
}

function checkScope(principal: Principal, scope: Scope): Principal {
  if (!hasScope(principal, scope)) {
    throw new ApiProblem(403, 'API_FORBIDDEN', `this route needs the ${scope} scope`);
  }
  return principal;
}
