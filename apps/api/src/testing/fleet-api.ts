import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { FIXTURE_NOW, fleetFixture } from './fleet-fixture.js';
import { startTestApi, type TestApi } from './start-test-api.js';

/** HS256 secret of the fleet API (its JWTs are issued by `test-idp`). */
export const FLEET_JWT_SECRET = 'integration-test-secret-0123456789abcdef';

/** The route tests' API: the fleet fixture at FIXTURE_NOW, built for `inject()`, and two request helpers. */
export interface FleetApi {
  readonly api: TestApi;
  /** GET with a key (default the read-only key), as `x-api-key`. */
  readonly get: (url: string, key?: string) => Promise<LightMyRequestResponse>;
  /** POST JSON with a key (default the admin key), as a bearer token. */
  readonly post: (url: string, payload: unknown, key?: string) => Promise<LightMyRequestResponse>;
}

/** Starts the fleet API on its own throwaway schema (one per test file, so the files run independently). */
export async function startFleetApi(): Promise<FleetApi> {
  const api = await startTestApi({
    listen: false,
    now: () => FIXTURE_NOW,
    seed: fleetFixture(),
    env: { API_JWT_SECRET: FLEET_JWT_SECRET, API_JWT_ISSUER: 'test-idp' },
  });
  return {
    api,
    get: (url, key = api.readApiKey) => api.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } }),
    post: (url, payload, key = api.apiKey) =>
      api.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${key}` },
        payload: payload as object,
      }),
  };
}

/**
 * The fleet API for the enclosing describe block: started in its beforeAll, closed in its afterAll. `api`, `get` and
 * `post` may be used inside the tests (not while the file is being collected).
 */
export function useFleetApi(): FleetApi {
  let started: FleetApi | undefined;
  const current = (): FleetApi => {
    if (started === undefined) throw new Error('the fleet API is started in beforeAll: use it inside a test');
    return started;
  };
  beforeAll(async () => {
    started = await startFleetApi();
  });
  afterAll(async () => {
    await started?.api.close();
  });
  return {
    get api() {
      return current().api;
    },
    get: (url, key) => current().get(url, key),
    post: (url, payload, key) => current().post(url, payload, key),
  };
}
