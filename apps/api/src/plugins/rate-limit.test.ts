import { createLogger } from '@lakehouse/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ApiApp } from '../app.js';
import { loadConfig } from '../config.js';
import { emptyPool } from '../testing/empty-pool.js';

const MAX = 5;
const ENV = {
  MYSQL_HOST: '127.0.0.1',
  MYSQL_USER: 'api',
  MYSQL_PASSWORD: 'x',
  MYSQL_DATABASE: 'lakehouse',
  API_WEB_DIR: '/nonexistent-web-dir',
  API_RATE_LIMIT_MAX: String(MAX),
  API_JWT_SECRET: 'unit-test-secret-that-is-long-enough-0123',
};

let app: ApiApp;

beforeAll(async () => {
  const config = await loadConfig(ENV);
  app = await buildApp({
    config,
    logger: createLogger({ name: 'test', level: 'silent' }),
    pool: emptyPool(),
  });
});

afterAll(async () => {
  await app.close();
});

/** `count` requests from one client address; their status codes. */
async function statuses(
  remoteAddress: string,
  count: number,
  request: { url: string; headers?: Record<string, string> },
) {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) codes.push((await app.inject({ ...request, remoteAddress })).statusCode);
  return codes;
}

describe('rate limit', () => {
  it('limits unknown routes per client, with a 429 problem', async () => {
    const codes = await statuses('10.0.0.1', MAX + 2, { url: '/no/such/route' });
    expect(codes.slice(0, MAX)).toEqual(Array<number>(MAX).fill(404));
    expect(codes.slice(MAX)).toEqual([429, 429]);
    const limited = await app.inject({ url: '/api/v1/nothing-here', remoteAddress: '10.0.0.1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'API_RATE_LIMITED' });
    // Another client has its own budget.
    expect((await app.inject({ url: '/no/such/route', remoteAddress: '10.0.0.9' })).statusCode).toBe(404);
  });

  it('counts failed authentication: guessed keys and forged tokens are throttled like any request', async () => {
    const guessed = (i: number) =>
      `lk_${i.toString(16).padStart(16, '0')}_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    const codes: number[] = [];
    for (let i = 0; i < MAX + 3; i++) {
      const res = await app.inject({
        url: '/api/v1/kpis',
        headers: { 'x-api-key': guessed(i) },
        remoteAddress: '10.0.0.2',
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, MAX)).toEqual(Array<number>(MAX).fill(401));
    expect(codes.slice(MAX)).toEqual([429, 429, 429]);
    const forged = await statuses('10.0.0.3', MAX + 1, {
      url: '/api/v1/kpis',
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
    });
    expect(forged).toEqual([...Array<number>(MAX).fill(401), 429]);
  });

  it('never limits the health checks', async () => {
    expect(await statuses('10.0.0.4', MAX + 3, { url: '/health' })).toEqual(Array<number>(MAX + 3).fill(200));
  });
});
