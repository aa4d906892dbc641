import { createLogger } from '@lakehouse/runtime';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ApiApp } from '../app.js';
import { loadConfig } from '../config.js';
import { emptyPool } from '../testing/empty-pool.js';

/*
 * The whole app with an OCI IAM identity domain configured: RS256 bearer tokens checked against the key set served
 * by a local HTTP server, through the auth plugin on a real /api/v1 route (the catalog needs no database).
 */

const ISSUER = 'https://identity.oraclecloud.com/';
const AUDIENCE = 'lakehouse-api';
let server: Server;
let jwks: { keys: JWK[] } = { keys: [] };
let privateKey: CryptoKey;
let app: ApiApp;

async function appWith(jwksUrl: string): Promise<ApiApp> {
  const config = await loadConfig({
    MYSQL_HOST: '127.0.0.1',
    MYSQL_USER: 'api',
    MYSQL_PASSWORD: 'x',
    MYSQL_DATABASE: 'lakehouse',
    API_WEB_DIR: '/nonexistent-web-dir',
    API_JWT_JWKS_URL: jwksUrl,
    API_JWT_ISSUER: ISSUER,
    API_JWT_AUDIENCE: AUDIENCE,
  });
  return buildApp({ config, logger: createLogger({ name: 'test', level: 'silent' }), pool: emptyPool() });
}

const token = (scope: string, audience = AUDIENCE) =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'RS256', kid: 'domain-key' })
    .setSubject('ocid1.user.oc1..operator')
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setExpirationTime('5m')
    .sign(privateKey);

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'domain-key', alg: 'RS256', use: 'sig' }] };
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  app = await appWith(`http://127.0.0.1:${String((server.address() as AddressInfo).port)}/jwk`);
});

afterAll(async () => {
  await app.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('auth plugin with an identity domain', () => {
  it('accepts an RS256 token of the domain and enforces its scopes', async () => {
    const reader = await token('read');
    const ok = await app.inject({ url: '/api/v1/catalog', headers: { authorization: `Bearer ${reader}` } });
    expect(ok.statusCode, ok.body).toBe(200);
    const admin = await app.inject({
      method: 'POST',
      url: '/api/v1/models/1/activate',
      headers: { authorization: `Bearer ${reader}` },
    });
    expect(admin.statusCode).toBe(403);
  });

  it('answers a token for another audience with a 401 problem', async () => {
    const res = await app.inject({
      url: '/api/v1/catalog',
      headers: { authorization: `Bearer ${await token('read', 'another-api')}` },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'API_UNAUTHORIZED', detail: 'token audience is not accepted' });
  });

  it('answers 503, not 401, while the key set cannot be fetched', async () => {
    const unreachable = await appWith('http://127.0.0.1:9/jwk');
    try {
      const res = await unreachable.inject({
        url: '/api/v1/catalog',
        headers: { authorization: `Bearer ${await token('read')}` },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'API_UNAVAILABLE' });
    } finally {
      await unreachable.close();
    }
  });

  it('refuses an identity domain key set without issuer and audience at start', async () => {
    await expect(
      loadConfig({
        MYSQL_HOST: '127.0.0.1',
        MYSQL_USER: 'api',
        MYSQL_PASSWORD: 'x',
        MYSQL_DATABASE: 'lakehouse',
        API_JWT_JWKS_URL: 'https://idcs-1.identity.oraclecloud.com/admin/v1/SigningCert/jwk',
      }),
    ).rejects.toThrow(/API_JWT_AUDIENCE/);
  });
});
