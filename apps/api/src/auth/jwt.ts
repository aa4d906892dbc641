import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseScopes, type Principal } from './principal.js';

/** Why a token was refused; the message is safe to return to the caller. */
export class JwtError extends Error {
  override readonly name = 'JwtError';
}

/** Claims this API reads. `scope` is space- or comma-separated (`read admin`), as in RFC 8693. */
export interface JwtClaims {
  readonly sub: string;
  readonly scope: string;
  readonly iss?: string;
  /** Expiry, epoch seconds. */
  readonly exp: number;
  readonly nbf?: number;
  readonly iat?: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

/** Signs HS256 claims (for the key CLI and tests; in the cloud tokens come from the identity provider). */
export function signJwt(claims: JwtClaims, secret: string): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${sign(body, secret).toString('base64url')}`;
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through: reported below with the part that failed
  }
  throw new JwtError(`token ${what} is not base64url JSON`);
}

/**
 * Verifies an HS256 JWT: only `alg: HS256` is accepted (never `none` or an asymmetric algorithm the attacker
 * picks), the signature is compared in constant time, `exp` is required, `nbf` and `iss` are honoured.
 */
export function verifyJwt(
  token: string,
  options: { readonly secret: string; readonly issuer: string | null; readonly nowMs: number },
): Principal {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw new JwtError('token is not a JWT (three base64url parts)');
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart, 'header');
  if (header['alg'] !== 'HS256') throw new JwtError('token algorithm must be HS256');
  const expected = sign(`${headerPart}.${payloadPart}`, options.secret);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new JwtError('token signature is invalid');
  }
  const claims = decodeJson(payloadPart, 'payload');
  const nowS = options.nowMs / 1000;
  const exp = claims['exp'];
  if (typeof exp !== 'number') throw new JwtError('token has no exp claim');
  if (exp <= nowS) throw new JwtError('token has expired');
  const nbf = claims['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowS))
    throw new JwtError('token is not valid yet');
  if (options.issuer !== null && claims['iss'] !== options.issuer)
    throw new JwtError('token issuer is not trusted');
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub === '' || sub.length > 128)
    throw new JwtError('token has no valid sub claim');
  const scope = claims['scope'];
  const scopes = parseScopes(typeof scope === 'string' ? scope : '');
  if (scopes.size === 0) throw new JwtError('token grants no known scope (read, admin)');
  return { kind: 'jwt', id: sub, scopes };
}
