import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, JwtKeySetUnavailableError, type JwtSettings } from './jwt.js';

/*
 * RS256 tokens as an OCI IAM identity domain issues them, checked against a key set served over real HTTP from a
 * local server (loopback): the key set is the domain's published JWKS, which the API fetches, caches and fetches
 * again when a token names a key id it does not know (key rotation).
 */

const ISSUER = 'https://identity.oraclecloud.com/';
const AUDIENCE = 'lakehouse-api';
const NOW = Date.UTC(2026, 0, 1);
const nowS = NOW / 1000;

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** The published key set and how often it was fetched. */
const published: { keys: JWK[]; fetches: number; status: number } = { keys: [], fetches: 0, status: 200 };
let server: Server;
let jwksUrl: string;
let first: SigningKey;
let rotated: SigningKey;

beforeAll(async () => {
  [first, rotated] = await Promise.all([signingKey('key-1'), signingKey('key-2')]);
  server = createServer((request, response) => {
    published.fetches += 1;
    response.writeHead(published.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: published.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/admin/v1/SigningCert/jwk`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function settings(overrides: Partial<JwtSettings> = {}): JwtSettings {
  return {
    secret: null,
    jwksUrl,
    issuer: ISSUER,
    audience: AUDIENCE,
    clockToleranceS: 30,
    jwksCooldownMs: 0,
    ...overrides,
  };
}

function verifier(overrides: Partial<JwtSettings> = {}) {
  const verify = createJwtVerifier(settings(overrides), () => NOW);
  if (verify === null) throw new Error('JWTs are off');
  return verify;
}

async function token(
  key: SigningKey,
  claims: { iss?: string; aud?: string; exp?: number; nbf?: number; scope?: string } = {},
): Promise<string> {
  const { iss = ISSUER, aud = AUDIENCE, exp = nowS + 300, nbf, scope = 'read' } = claims;
  const jwt = new SignJWT({ scope, ...(nbf === undefined ? {} : { nbf }) })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject('ocid1.user.oc1..operator')
    .setIssuer(iss)
    .setAudience(aud)
    .setExpirationTime(exp);
  return jwt.sign(key.privateKey);
}

describe('RS256 JWTs from an identity domain key set (JWKS over HTTP)', () => {
  it('accepts a token signed by a published key, and caches the key set', async () => {
    published.keys = [first.jwk];
    published.fetches = 0;
    const verify = verifier();
    const principal = await verify(await token(first, { scope: 'read admin' }));
    expect(principal).toMatchObject({ kind: 'jwt', id: 'ocid1.user.oc1..operator' });
    expect([...principal.scopes].sort()).toEqual(['admin', 'read']);
    await verify(await token(first));
    expect(published.fetches).toBe(1);
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    published.keys = [first.jwk];
    const verify = verifier();
    await expect(verify(await token(first, { iss: 'https://evil.example/' }))).rejects.toThrow(/issuer/);
    await expect(verify(await token(first, { aud: 'another-api' }))).rejects.toThrow(/audience/);
  });

  it('accepts an expiry within the clock tolerance and refuses one beyond it', async () => {
    published.keys = [first.jwk];
    const verify = verifier({ clockToleranceS: 30 });
    await expect(verify(await token(first, { exp: nowS - 20 }))).resolves.toMatchObject({ kind: 'jwt' });
    await expect(verify(await token(first, { exp: nowS - 31 }))).rejects.toThrow(/expired/);
    await expect(verify(await token(first, { nbf: nowS + 20 }))).resolves.toMatchObject({ kind: 'jwt' });
    await expect(verify(await token(first, { nbf: nowS + 60 }))).rejects.toThrow(/not valid yet/);
  });

  it('fetches the key set again for an unknown kid, so a rotated key is accepted', async () => {
    published.keys = [first.jwk];
    published.fetches = 0;
    const verify = verifier();
    await verify(await token(first));
    expect(published.fetches).toBe(1);
    // The domain rotates: the new key is published, and tokens signed with it arrive.
    published.keys = [first.jwk, rotated.jwk];
    await expect(verify(await token(rotated))).resolves.toMatchObject({ kind: 'jwt' });
    expect(published.fetches).toBe(2);
  });

  it('refuses a kid that is not published even after fetching again', async () => {
    published.keys = [first.jwk];
    await expect(verifier()(await token(rotated))).rejects.toThrow(/key \(kid\)/);
  });

  it('does not fetch again within the cooldown', async () => {
    published.keys = [first.jwk];
    published.fetches = 0;
    const verify = verifier({ jwksCooldownMs: 60_000 });
    await verify(await token(first));
    await expect(verify(await token(rotated))).rejects.toThrow(/key \(kid\)/);
    expect(published.fetches).toBe(1);
  });

  it('refuses an HS256 token signed with the public key material (algorithm confusion)', async () => {
    published.keys = [first.jwk];
    const forged = await new SignJWT({ scope: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: first.kid })
      .setSubject('attacker')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(nowS + 60)
      .sign(new TextEncoder().encode(JSON.stringify(first.jwk)));
    await expect(verifier()(forged)).rejects.toThrow(/RS256/);
  });

  it('keeps HS256 tokens working beside the key set when a secret is set', async () => {
    published.keys = [first.jwk];
    const secret = 'local-secret-that-is-long-enough-0123456789';
    const verify = verifier({ secret });
    const local = await new SignJWT({ scope: 'read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('local-dev')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(nowS + 60)
      .sign(new TextEncoder().encode(secret));
    await expect(verify(local)).resolves.toMatchObject({ id: 'local-dev' });
    await expect(verify(await token(first))).resolves.toMatchObject({ kind: 'jwt' });
  });

  it('reports an unreachable key set as unavailable, not as a bad token', async () => {
    published.status = 500;
    try {
      await expect(verifier()(await token(first))).rejects.toBeInstanceOf(JwtKeySetUnavailableError);
    } finally {
      published.status = 200;
    }
  });
});
