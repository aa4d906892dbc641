import { createLogger } from '@lakehouse/runtime';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ApiApp } from '../app.js';
import { loadConfig } from '../config.js';
import { emptyPool } from '../testing/empty-pool.js';

/*
 * The failed-authentication lockout through the whole app (ADR 0049): a client address that fails API_AUTH_FAIL_MAX
 * times is refused, valid credential or not, while other addresses are served; no log line carries a credential.
 */

const MAX = 4;
const SECRET = 'unit-test-secret-that-is-long-enough-0123';
const lines: string[] = [];
let app: ApiApp;
let validToken: string;
let nowMs = 1_800_000_000_000;

beforeAll(async () => {
  const config = await loadConfig({
    MYSQL_HOST: '127.0.0.1',
    MYSQL_USER: 'api',
    MYSQL_PASSWORD: 'x',
    MYSQL_DATABASE: 'lakehouse',
    API_WEB_DIR: '/nonexistent-web-dir',
    API_JWT_SECRET: SECRET,
    API_AUTH_FAIL_MAX: String(MAX),
    API_AUTH_FAIL_WINDOW_MS: '60000',
    API_AUTH_LOCKOUT_MS: '120000',
    // Requests from 10.9.0.0/16 come through a "gateway" that names the client in X-Forwarded-For.
    API_TRUST_PROXY: '10.9.0.0/16',
    LOG_LEVEL: 'info',
  });
  app = await buildApp({
    config,
    logger: createLogger({ name: 'test', level: 'info' }, { write: (line: string) => void lines.push(line) }),
    pool: emptyPool(),
    now: () => nowMs,
  });
  validToken = await new SignJWT({ scope: 'read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('operator')
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(nowMs / 1000) + 3600)
    .sign(new TextEncoder().encode(SECRET));
});

afterAll(async () => {
  await app.close();
});

const guessed = (i: number) => `lk_${i.toString(16).padStart(16, '0')}_SECRETPART${'A'.repeat(33)}`;

const catalog = (remoteAddress: string, headers: Record<string, string>) =>
  app.inject({ url: '/api/v1/catalog', remoteAddress, headers });

describe('failed-authentication lockout', () => {
  it('refuses an address with 429 and retry-after after the limit, even with a valid token; others are served', async () => {
    for (let i = 0; i < MAX; i++) {
      expect((await catalog('10.1.0.1', { 'x-api-key': guessed(i) })).statusCode).toBe(401);
    }
    const locked = await catalog('10.1.0.1', { authorization: `Bearer ${validToken}` });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(locked.headers['retry-after']).toBe('120');
    expect(locked.json()).toMatchObject({ status: 429, code: 'API_RATE_LIMITED' });
    expect((await catalog('10.1.0.2', { authorization: `Bearer ${validToken}` })).statusCode).toBe(200);
    // Public routes are not behind authentication and stay open to the locked address.
    expect((await app.inject({ url: '/health', remoteAddress: '10.1.0.1' })).statusCode).toBe(200);
    nowMs += 120_000;
    expect((await catalog('10.1.0.1', { authorization: `Bearer ${validToken}` })).statusCode).toBe(200);
  });

  it('counts forged tokens, missing credentials and malformed headers, but not a missing scope (403)', async () => {
    const address = '10.2.0.1';
    expect(
      (await catalog(address, { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln' })).statusCode,
    ).toBe(401);
    expect((await catalog(address, {})).statusCode).toBe(401);
    expect((await catalog(address, { authorization: 'Basic dXNlcjpwdw==' })).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) {
      const forbidden = await app.inject({
        method: 'POST',
        url: '/api/v1/models/1/activate',
        remoteAddress: address,
        headers: { authorization: `Bearer ${validToken}` },
      });
      expect(forbidden.statusCode).toBe(403);
    }
    expect((await catalog(address, { 'x-api-key': guessed(1) })).statusCode).toBe(401);
    expect((await catalog(address, { authorization: `Bearer ${validToken}` })).statusCode).toBe(429);
  });

  it('behind a trusted proxy counts the forwarded client, and a client cannot forge its way past the proxy', async () => {
    // Through the gateway (10.9.0.5): each forwarded client has its own count.
    for (let i = 0; i < MAX; i++) {
      const res = await catalog('10.9.0.5', { 'x-forwarded-for': '203.0.113.7', 'x-api-key': guessed(i) });
      expect(res.statusCode).toBe(401);
    }
    const viaGateway = (client: string) =>
      catalog('10.9.0.5', { 'x-forwarded-for': client, authorization: `Bearer ${validToken}` });
    expect((await viaGateway('203.0.113.7')).statusCode).toBe(429);
    expect((await viaGateway('198.51.100.2')).statusCode).toBe(200);
    // The locked client prepends a made-up address: the gateway appends the real one, which is what counts.
    expect((await viaGateway('192.0.2.99, 203.0.113.7')).statusCode).toBe(429);
    // A direct caller (not a trusted proxy) cannot pick its address with the header.
    for (let i = 0; i < MAX; i++) {
      await catalog('10.3.0.1', { 'x-forwarded-for': `192.0.2.${String(i)}`, 'x-api-key': guessed(i) });
    }
    expect((await catalog('10.3.0.1', { authorization: `Bearer ${validToken}` })).statusCode).toBe(429);
  });

  it('logs the lockout once per address with its count, and no log line carries a credential or part of it', () => {
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const lockouts = parsed.filter((l) => l['msg'] === 'client locked out after failed authentication');
    expect(lockouts.map((l) => l['clientAddress'])).toEqual([
      '10.1.0.1',
      '10.2.0.1',
      '203.0.113.7',
      '10.3.0.1',
    ]);
    expect(lockouts[0]).toMatchObject({ failures: MAX, lockoutMs: 120_000, level: 40 });
    const all = lines.join('\n');
    for (const secretish of ['SECRETPART', 'lk_0000', 'eyJ', 'dXNlcjpwdw', validToken.slice(0, 12)]) {
      expect(all).not.toContain(secretish);
    }
    expect(lines.length).toBeGreaterThan(lockouts.length);
  });
});
