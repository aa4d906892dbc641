import {
  SignJWT,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose';
import { parseScopes, type Principal } from './principal.js';

/** Why a token was refused; the message is safe to return to the caller (401). */
export class JwtError extends Error {
  override readonly name = 'JwtError';
}

/** The identity domain's key set could not be fetched, so no token can be checked now (503, not the caller's fault). */
export class JwtKeySetUnavailableError extends Error {
  override readonly name = 'JwtKeySetUnavailableError';
}

/** How bearer JWTs are checked. At least one of `secret` and `jwksUrl` is set, or JWTs are off. */
export interface JwtSettings {
  /** HS256 shared secret, for local use (API_JWT_SECRET); null: HS256 tokens are refused. */
  readonly secret: string | null;
  /**
   * The published key set of the token issuer (API_JWT_JWKS_URL), e.g. an OCI IAM identity domain's
   * `https://idcs-<id>.identity.oraclecloud.com/admin/v1/SigningCert/jwk`; null: RS256 tokens are refused.
   */
  readonly jwksUrl: string | null;
  /** Required `iss` (API_JWT_ISSUER); null: not checked (allowed only without a key set). */
  readonly issuer: string | null;
  /** Required `aud`, one of the token's audiences (API_JWT_AUDIENCE); null: not checked (only without a key set). */
  readonly audience: string | null;
  /** Seconds of clock skew accepted on `exp` and `nbf` (API_JWT_CLOCK_TOLERANCE_S). */
  readonly clockToleranceS: number;
  /**
   * Least time between two fetches of the key set when a token names an unknown `kid` (a rotated key).
   * @default 30000
   */
  readonly jwksCooldownMs?: number;
  /** Age after which the cached key set is fetched again before use. @default 600000 */
  readonly jwksCacheMaxAgeMs?: number;
}

/** Checks a bearer JWT and returns its caller; rejects with {@link JwtError} or {@link JwtKeySetUnavailableError}. */
export type JwtVerifier = (token: string) => Promise<Principal>;

/** Claims {@link signJwt} writes (tests and local tooling; in the cloud the identity domain issues tokens). */
export interface JwtClaims {
  readonly sub: string;
  /** Space- or comma-separated scopes (`read admin`), as in RFC 8693. */
  readonly scope: string;
  readonly iss?: string;
  readonly aud?: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
  readonly nbf?: number;
  readonly iat?: number;
}

/** Signs HS256 claims with jose (for tests and local tooling). */
export async function signJwt(claims: JwtClaims, secret: string): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/** Our 401 message for a refusal by jose; the algorithm named is the one the key accepts. */
function refusal(err: errors.JOSEError, algorithm: string): JwtError {
  if (err instanceof errors.JWTExpired) return new JwtError('token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return new JwtError('token is not valid yet');
    if (err.claim === 'iss') return new JwtError('token issuer is not trusted');
    if (err.claim === 'aud') return new JwtError('token audience is not accepted');
    if (err.claim === 'exp') return new JwtError('token has no exp claim');
    return new JwtError(`token claim ${err.claim} is not valid`);
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return new JwtError(`token algorithm must be ${algorithm}`);
  if (err instanceof errors.JWSSignatureVerificationFailed) return new JwtError('token signature is invalid');
  if (err instanceof errors.JWKSNoMatchingKey) {
    return new JwtError('token key (kid) is not in the issuer key set');
  }
  return new JwtError('token is not a valid JWT');
}

function principalOf(payload: JWTPayload): Principal {
  const { sub, scope } = payload;
  if (typeof sub !== 'string' || sub === '' || sub.length > 128)
    throw new JwtError('token has no valid sub claim');
  const scopes = parseScopes(typeof scope === 'string' ? scope : '');
  if (scopes.size === 0) throw new JwtError('token grants no known scope (read, admin)');
  return { kind: 'jwt', id: sub, scopes };
}

/**
 * The JWT check of the API, on jose: RS256 tokens against the issuer's published key set (fetched over HTTPS,
 * cached, fetched again on an unknown `kid` so a rotated key is picked up), HS256 tokens against the shared
 * secret. Each key accepts exactly its own algorithm (never `none`, never an algorithm the token picks for a key of
 * another kind); `exp` is required; `iss`, `aud` and `nbf` are checked, `exp` and `nbf` with the clock tolerance.
 * Null when JWTs are off. `now` is the clock, epoch ms.
 */
export function createJwtVerifier(settings: JwtSettings, now: () => number): JwtVerifier | null {
  const { secret, jwksUrl } = settings;
  if (secret === null && jwksUrl === null) return null;
  const hmacKey = secret === null ? null : new TextEncoder().encode(secret);
  const keySet =
    jwksUrl === null
      ? null
      : createRemoteJWKSet(new URL(jwksUrl), {
          cooldownDuration: settings.jwksCooldownMs ?? 30_000,
          cacheMaxAge: settings.jwksCacheMaxAgeMs ?? 600_000,
          timeoutDuration: 5_000,
        });
  const checks = (algorithm: string): JWTVerifyOptions => ({
    algorithms: [algorithm],
    requiredClaims: ['exp'],
    clockTolerance: settings.clockToleranceS,
    currentDate: new Date(now()),
    ...(settings.issuer === null ? {} : { issuer: settings.issuer }),
    ...(settings.audience === null ? {} : { audience: settings.audience }),
  });

  return async (token) => {
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
      throw new JwtError('token is not a JWT (three base64url parts)');
    }
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new JwtError('token header is not base64url JSON');
    }
    // The key is chosen by the kind of token; the verification then allows only that key's algorithm.
    const useKeySet = keySet !== null && (hmacKey === null || alg !== 'HS256');
    const algorithm = useKeySet ? 'RS256' : 'HS256';
    try {
      if (keySet !== null && useKeySet)
        return principalOf((await jwtVerify(token, keySet, checks(algorithm))).payload);
      if (hmacKey !== null) return principalOf((await jwtVerify(token, hmacKey, checks(algorithm))).payload);
      throw new JwtError('token algorithm must be RS256');
    } catch (err: unknown) {
      if (err instanceof JwtError) throw err;
      // Fetching the key set failed (timeout, not 200, not a key set, network): no token can be checked now.
      const keySetFailed =
        err instanceof errors.JWKSTimeout ||
        err instanceof errors.JWKSInvalid ||
        (err instanceof errors.JOSEError && err.code === 'ERR_JOSE_GENERIC') ||
        !(err instanceof errors.JOSEError);
      if (useKeySet && keySetFailed) {
        throw new JwtKeySetUnavailableError('the JWT issuer key set cannot be fetched', { cause: err });
      }
      if (!(err instanceof errors.JOSEError)) throw err;
      throw refusal(err, algorithm);
    }
  };
}
