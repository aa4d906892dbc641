import { describe, expect, it } from 'vitest';
import { signJwt } from './auth/jwt.js';
import { FIXTURE_NOW } from './testing/fleet-fixture.js';
import { FLEET_JWT_SECRET, useFleetApi } from './testing/fleet-api.js';
const JWT_SECRET = FLEET_JWT_SECRET;

// The app as a whole: public routes, documents and authentication (each resource has its own file in routes/).
describe('api routes over a real database: public routes and auth', () => {
  const fleet = useFleetApi();
  const { get, post } = fleet;

  describe('public routes and auth', () => {
    it('answers health, readiness and the OpenAPI document without a key', async () => {
      expect((await fleet.api.app.inject('/health')).json()).toMatchObject({ status: 'ok' });
      expect((await fleet.api.app.inject('/ready')).json()).toEqual({
        status: 'ready',
        database: 'up',
        activeModelId: fleet.api.modelId,
      });
      const doc = (await fleet.api.app.inject('/openapi.json')).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/assets', '/api/v1/kpis', '/api/v1/predict', '/api/v1/catalog']),
      );
      expect((await fleet.api.app.inject('/docs')).statusCode).toBeLessThan(400);
    });

    it('refuses missing, unknown and malformed credentials with 401 problem+json', async () => {
      const none = await fleet.api.app.inject('/api/v1/kpis');
      expect(none.statusCode).toBe(401);
      expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        (await get('/api/v1/kpis', 'lk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))
          .statusCode,
      ).toBe(401);
      const basic = await fleet.api.app.inject({
        url: '/api/v1/kpis',
        headers: { authorization: 'Basic YTpi' },
      });
      expect(basic.json()).toMatchObject({ status: 401, code: 'API_UNAUTHORIZED' });
    });

    it('accepts an HS256 JWT from the trusted issuer and enforces its scopes', async () => {
      const exp = FIXTURE_NOW / 1000 + 300;
      const reader = await signJwt({ sub: 'grafana', scope: 'read', exp, iss: 'test-idp' }, JWT_SECRET);
      const viaBearer = await fleet.api.app.inject({
        url: '/api/v1/kpis',
        headers: { authorization: `Bearer ${reader}` },
      });
      expect(viaBearer.statusCode).toBe(200);
      const forbidden = await post(`/api/v1/models/${fleet.api.modelId}/activate`, {}, reader);
      expect(forbidden.statusCode).toBe(403);
      const foreign = await signJwt({ sub: 'x', scope: 'admin', exp, iss: 'other' }, JWT_SECRET);
      expect((await post(`/api/v1/models/${fleet.api.modelId}/activate`, {}, foreign)).statusCode).toBe(401);
    });
  });
});
