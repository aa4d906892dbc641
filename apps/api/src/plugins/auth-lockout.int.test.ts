import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

/*
 * A flood of guessed keys over real HTTP against a real key store (ADR 0049). The test client stands behind a
 * "gateway" (API_TRUST_PROXY=127.0.0.1) and names its client in X-Forwarded-For, as the OCI API gateway does.
 */

const MAX = 20;
const FLOOD = 2_000;
const CONCURRENCY = 50;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({
    env: {
      API_TRUST_PROXY: '127.0.0.1',
      API_AUTH_FAIL_MAX: String(MAX),
      API_AUTH_FAIL_WINDOW_MS: '600000',
      API_AUTH_LOCKOUT_MS: '600000',
    },
  });
});

afterAll(async () => {
  await api.close();
});

const kpis = (client: string, key: string) =>
  fetch(`${api.baseUrl}/api/v1/kpis`, { headers: { 'x-api-key': key, 'x-forwarded-for': client } });

describe('failed-authentication lockout under a flood', () => {
  it(`lets ${String(MAX)} of ${String(FLOOD)} guessed keys through to a 401, refuses the rest and the valid key with 429, and serves other clients`, async () => {
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < FLOOD) {
        const i = next++;
        const guess = `lk_${i.toString(16).padStart(16, '0')}_${'B'.repeat(43)}`;
        const res = await kpis('203.0.113.50', guess);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 401: MAX, 429: FLOOD - MAX });

    const held = await kpis('203.0.113.50', api.apiKey);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(await held.json()).toMatchObject({ status: 429, code: 'API_RATE_LIMITED' });

    const other = await kpis('198.51.100.20', api.apiKey);
    expect(other.status).toBe(200);
  });
});
