import type { LightMyRequestResponse } from 'fastify';
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
