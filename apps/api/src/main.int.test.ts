import { fork } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

/*
 * The process entry and the cross-cutting plugins, over a real port: graceful shutdown on SIGTERM, security
 * headers, CORS and the rate limit.
 */
describe('api process', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      env: { API_RATE_LIMIT_MAX: '5', API_CORS_ORIGINS: 'https://ops.example' },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('sets security headers and answers CORS only for the configured origin', async () => {
    const res = await fetch(`${api.baseUrl}/health`, { headers: { origin: 'https://ops.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://ops.example');
    const foreign = await fetch(`${api.baseUrl}/health`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate-limits per client with a 429 problem, but never the health checks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${api.baseUrl}/api/v1/catalog`, { headers: { 'x-api-key': api.readApiKey } });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('content-type')).toMatch(/problem\+json/);
        expect(await res.json()).toMatchObject({ status: 429, code: 'API_RATE_LIMITED' });
      }
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    for (let i = 0; i < 10; i++) expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
  });

  it('starts from src/main.ts, serves, and shuts down cleanly on SIGTERM', async () => {
    const c = api.config.sql;
    const child = fork(new URL('./main.ts', import.meta.url).pathname, [], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        MYSQL_HOST: c.host,
        MYSQL_PORT: String(c.port),
        MYSQL_USER: c.user,
        MYSQL_PASSWORD: c.password,
        MYSQL_DATABASE: c.database,
        API_HOST: '127.0.0.1',
        API_PORT: '0',
        LOG_LEVEL: 'warn',
      },
      execArgv: ['--import', 'tsx', '--conditions=@lakehouse/source'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    try {
      const [message] = (await once(child, 'message')) as [{ event: string; port: number }];
      expect(message.event).toBe('listening');
      const ready = await fetch(`http://127.0.0.1:${message.port}/ready`);
      expect(await ready.json()).toMatchObject({ status: 'ready', database: 'up' });
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('api logs', () => {
  it('logs requests and failures without the credentials that came with them', async () => {
    const lines: string[] = [];
    const api = await startTestApi({
      listen: false,
      env: { LOG_LEVEL: 'debug' },
      logDestination: { write: (line) => lines.push(line) },
    });
    try {
      const jwtLike = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
      await api.app.inject({ url: '/api/v1/kpis', headers: { 'x-api-key': api.apiKey } });
      await api.app.inject({ url: '/api/v1/kpis', headers: { authorization: `Bearer ${jwtLike}` } });
      await api.app.inject({ url: '/api/v1/assets/%E0%A4%A', headers: { 'x-api-key': api.readApiKey } });
      const log = lines.join('');
      expect(log).toMatch(/request completed/);
      expect(log).not.toContain(api.apiKey);
      expect(log).not.toContain(api.readApiKey);
      expect(log).not.toContain(jwtLike);
    } finally {
      await api.close();
    }
  });
});

describe('api security headers', () => {
  it('sends the JSON API a deny-all CSP and no framing, and keys are remembered only until revoked', async () => {
    const api = await startTestApi({ listen: false, env: { API_KEY_REFRESH_MS: '1000' } });
    try {
      const res = await api.app.inject({ url: '/api/v1/catalog', headers: { 'x-api-key': api.readApiKey } });
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
      expect(res.statusCode).toBe(200);
      await api.pool.query('UPDATE api_keys SET revoked_at = UTC_TIMESTAMP(3)');
      // The app learns about the revocation at its next key refresh (every second here), memo included.
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await api.app.inject({ url: '/api/v1/catalog', headers: { 'x-api-key': api.readApiKey } }))
          .statusCode;
      }
      expect(status).toBe(401);
    } finally {
      await api.close();
    }
  });
});
