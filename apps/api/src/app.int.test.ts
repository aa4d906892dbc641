import { registerModel, serializeArtifact } from '@lakehouse/scoring';
import { stumpArtifact } from '@lakehouse/scoring/testing';
import type { LightMyRequestResponse } from 'fastify';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from './auth/jwt.js';
import type { Asset, Episode, Kpis, ReadingsPage } from './schemas/route-schemas.js';
import {
  FIXTURE_NOW,
  FIXTURE_READINGS_PER_ASSET,
  fixtureReading,
  fleetFixture,
  seedHourlyAggregates,
} from './testing/fleet-fixture.js';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

const HOUR = 3_600_000;
const JWT_SECRET = 'integration-test-secret-0123456789abcdef';

describe('api routes over a real database', () => {
  let api: TestApi;
  let get: (url: string, key?: string) => Promise<LightMyRequestResponse>;
  let post: (url: string, payload: unknown, key?: string) => Promise<LightMyRequestResponse>;

  beforeAll(async () => {
    api = await startTestApi({
      listen: false,
      now: () => FIXTURE_NOW,
      seed: fleetFixture(),
      env: { API_JWT_SECRET: JWT_SECRET, API_JWT_ISSUER: 'test-idp' },
    });
    get = (url, key = api.readApiKey) =>
      api.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
    post = (url, payload, key = api.apiKey) =>
      api.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${key}` },
        payload: payload as object,
      });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('public routes and auth', () => {
    it('answers health, readiness and the OpenAPI document without a key', async () => {
      expect((await api.app.inject('/health')).json()).toMatchObject({ status: 'ok' });
      expect((await api.app.inject('/ready')).json()).toEqual({
        status: 'ready',
        database: 'up',
        activeModelId: api.modelId,
      });
      const doc = (await api.app.inject('/openapi.json')).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/assets', '/api/v1/kpis', '/api/v1/predict', '/api/v1/catalog']),
      );
      expect((await api.app.inject('/docs')).statusCode).toBeLessThan(400);
    });

    it('refuses missing, unknown and malformed credentials with 401 problem+json', async () => {
      const none = await api.app.inject('/api/v1/kpis');
      expect(none.statusCode).toBe(401);
      expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        (await get('/api/v1/kpis', 'lk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))
          .statusCode,
      ).toBe(401);
      const basic = await api.app.inject({ url: '/api/v1/kpis', headers: { authorization: 'Basic YTpi' } });
      expect(basic.json()).toMatchObject({ status: 401, code: 'API_UNAUTHORIZED' });
    });

    it('accepts an HS256 JWT from the trusted issuer and enforces its scopes', async () => {
      const exp = FIXTURE_NOW / 1000 + 300;
      const reader = signJwt({ sub: 'grafana', scope: 'read', exp, iss: 'test-idp' }, JWT_SECRET);
      const viaBearer = await api.app.inject({
        url: '/api/v1/kpis',
        headers: { authorization: `Bearer ${reader}` },
      });
      expect(viaBearer.statusCode).toBe(200);
      const forbidden = await post(`/api/v1/models/${api.modelId}/activate`, {}, reader);
      expect(forbidden.statusCode).toBe(403);
      const foreign = signJwt({ sub: 'x', scope: 'admin', exp, iss: 'other' }, JWT_SECRET);
      expect((await post(`/api/v1/models/${api.modelId}/activate`, {}, foreign)).statusCode).toBe(401);
    });
  });

  describe('assets', () => {
    it('lists assets with their latest reading, risk band and operating state', async () => {
      const res = await get('/api/v1/assets');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Asset[];
      expect(items.map((a) => a.assetId)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
      const a1 = items[0]!;
      expect(a1).toMatchObject({
        siteId: 'site-a',
        isOperating: true,
        failureProbability: 0.95,
        riskBand: 'high',
        lastSeenAt: FIXTURE_NOW - 10_000,
      });
      expect(a1.latestReading?.recordedAt).toBe(FIXTURE_NOW - 10_000);
      expect(items.find((a) => a.assetId === 'A4')).toMatchObject({
        riskBand: 'unknown',
        failureProbability: null,
      });
      expect(items.find((a) => a.assetId === 'A5')).toMatchObject({ isOperating: false, siteId: null });
    });

    it('filters by site, line and type and paginates with a cursor', async () => {
      expect((await get('/api/v1/assets?siteId=site-b')).json().items.map((a: Asset) => a.assetId)).toEqual([
        'A3',
        'A4',
      ]);
      expect((await get('/api/v1/assets?lineId=line-2')).json().items.map((a: Asset) => a.assetId)).toEqual([
        'A2',
      ]);
      expect((await get('/api/v1/assets?assetType=M')).json().items.map((a: Asset) => a.assetId)).toEqual([
        'A1',
        'A5',
      ]);
      const first = (await get('/api/v1/assets?limit=2')).json();
      expect(first.items.map((a: Asset) => a.assetId)).toEqual(['A1', 'A2']);
      const second = (await get(`/api/v1/assets?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second.items.map((a: Asset) => a.assetId)).toEqual(['A3', 'A4']);
      const third = (await get(`/api/v1/assets?limit=2&cursor=${second.nextCursor}`)).json();
      expect(third).toMatchObject({ nextCursor: null });
      expect(third.items.map((a: Asset) => a.assetId)).toEqual(['A5']);
    });

    it('returns one asset, 404 for an unknown one and 400 for a malformed id', async () => {
      expect((await get('/api/v1/assets/A2')).json()).toMatchObject({ assetId: 'A2', riskBand: 'elevated' });
      expect((await get('/api/v1/assets/NOPE')).json()).toMatchObject({ status: 404, code: 'API_NOT_FOUND' });
      const bad = await get(`/api/v1/assets/${encodeURIComponent("A1' OR '1'='1")}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('/params/assetId');
    });
  });

  describe('readings of an asset', () => {
    const from = FIXTURE_NOW - 4 * HOUR;
    const to = FIXTURE_NOW + 1;

    it('pages through a range with a cursor, oldest first, without gaps', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: ReadingsPage = (
          await get(
            `/api/v1/assets/A1/readings?from=${from}&to=${to}&limit=70${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).json();
        expect(page.downsampled).toBe(false);
        expect(page.total).toBe(FIXTURE_READINGS_PER_ASSET);
        seen.push(...page.readings.map((r) => r.recordedAt));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toHaveLength(FIXTURE_READINGS_PER_ASSET);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(seen[seen.length - 1]).toBe(FIXTURE_NOW - 10_000);
    });

    it('downsamples a range holding more than maxPoints rows into buckets', async () => {
      const page: ReadingsPage = (
        await get(`/api/v1/assets/A3/readings?from=${from}&to=${to}&maxPoints=10`)
      ).json();
      expect(page).toMatchObject({ downsampled: true, total: FIXTURE_READINGS_PER_ASSET, readings: [] });
      expect(page.buckets.length).toBeLessThanOrEqual(10);
      expect(page.buckets.reduce((n, b) => n + b.count, 0)).toBe(FIXTURE_READINGS_PER_ASSET);
      expect(page.buckets.some((b) => b.maxFailureProbability === 0.92)).toBe(true);
      for (const b of page.buckets) {
        expect(b.torqueNm).toEqual({ mean: 40, min: 40, max: 40 });
        expect(b.bucketStart).toBeGreaterThanOrEqual(from);
        expect((b.bucketStart - from) % page.bucketMs!).toBe(0);
      }
    });

    it('rejects an empty or reversed range and out-of-range instants with 400', async () => {
      expect((await get(`/api/v1/assets/A1/readings?from=${to}&to=${from}`)).json()).toMatchObject({
        status: 400,
        errors: [{ path: '/query/to' }],
      });
      expect((await get(`/api/v1/assets/A1/readings?from=-5&to=${to}`)).statusCode).toBe(400);
      expect((await get('/api/v1/assets/A1/readings')).statusCode).toBe(400);
    });
  });

  describe('KPIs', () => {
    it('computes the fleet figures from each asset latest reading', async () => {
      const kpis: Kpis = (await get('/api/v1/kpis')).json();
      expect(kpis).toMatchObject({
        asOf: FIXTURE_NOW,
        assets: 5,
        operatingAssets: 4,
        above0_6: 3,
        above0_9: 1,
        meanTorqueNm: 40,
        meanToolWearMin: 100,
      });
      expect(kpis.readingsPerSecond).toBeCloseTo(1 / 60, 10);
      expect(kpis.meanFailureProbability).toBeCloseTo((0.95 + 0.7 + 0.2 + 0.65) / 4, 10);
      expect(kpis.riskByType.map((g) => [g.key, g.assets, g.above0_6])).toEqual([
        ['H', 1, 0],
        ['L', 2, 1],
        ['M', 2, 2],
      ]);
      expect(kpis.riskBySite.map((g) => g.key)).toEqual(['(none)', 'site-a', 'site-b']);
      expect(kpis.riskByLine.find((g) => g.key === 'line-3')).toMatchObject({
        assets: 2,
        maxFailureProbability: 0.2,
      });
    });

    it('filters KPIs by site, line and type', async () => {
      expect((await get('/api/v1/kpis?siteId=site-a')).json()).toMatchObject({
        assets: 2,
        above0_6: 2,
        above0_9: 1,
      });
      const siteA = (await get('/api/v1/kpis?siteId=site-a')).json<Kpis>();
      expect(siteA.readingsPerSecond).toBeCloseTo(1 / 60, 10);
      expect((await get('/api/v1/kpis?siteId=site-b')).json().readingsPerSecond).toBe(0);
      expect((await get('/api/v1/kpis?assetType=H&lineId=line-3')).json()).toMatchObject({ assets: 1 });
      expect((await get('/api/v1/kpis?assetType=X')).statusCode).toBe(400);
    });
  });

  describe('hourly aggregates', () => {
    it('returns the silver table newest hour first, filtered and paginated', async () => {
      const hour = FIXTURE_NOW - HOUR;
      await seedHourlyAggregates(api.pool, [
        { assetId: 'A1', hourStart: hour, siteId: 'site-a', readingCount: 60 },
        { assetId: 'A2', hourStart: hour, siteId: 'site-a', readingCount: 60 },
        { assetId: 'A1', hourStart: hour - HOUR, siteId: 'site-a', readingCount: 58 },
        { assetId: 'A3', hourStart: hour - HOUR, siteId: 'site-b', readingCount: 60 },
      ]);
      const all = (await get('/api/v1/aggregates/hourly?limit=3')).json();
      expect(all.items.map((r: { assetId: string; hourStart: number }) => [r.assetId, r.hourStart])).toEqual([
        ['A1', hour],
        ['A2', hour],
        ['A1', hour - HOUR],
      ]);
      expect(all.items[0]).toMatchObject({ readingCount: 60, torqueNm: { mean: 40, min: 30, max: 50 } });
      const rest = (await get(`/api/v1/aggregates/hourly?limit=3&cursor=${all.nextCursor}`)).json();
      expect(rest.items.map((r: { assetId: string }) => r.assetId)).toEqual(['A3']);
      expect(rest.nextCursor).toBeNull();
      expect((await get('/api/v1/aggregates/hourly?assetId=A1')).json().items).toHaveLength(2);
      expect((await get('/api/v1/aggregates/hourly?siteId=site-b')).json().items).toHaveLength(1);
      expect(
        (await get(`/api/v1/aggregates/hourly?from=${hour}&to=${hour + HOUR}`)).json().items,
      ).toHaveLength(2);
    });
  });

  describe('predict', () => {
    it('scores one or many readings with the active model and explains each', async () => {
      const res = await post(
        '/api/v1/predict',
        {
          readings: [
            fixtureReading('X-1', FIXTURE_NOW),
            fixtureReading('X-2', FIXTURE_NOW, { rotationalSpeedRpm: 1200, torqueNm: 10 }),
          ],
        },
        api.readApiKey,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ modelId: api.modelId, modelName: 'stump-test', decisionThreshold: 0.5 });
      const [healthy, failing] = body.predictions;
      expect(healthy).toMatchObject({
        assetId: 'X-1',
        riskBand: 'normal',
        predictedFailure: false,
        modes: [],
      });
      expect(failing).toMatchObject({ assetId: 'X-2', riskBand: 'high', predictedFailure: true });
      expect(failing.modes).toContain('PWF');
      expect(failing.contributions[0]).toMatchObject({ feature: 'powerW', contribution: 8 });
    });

    it('names every broken rule of a reading, with its index', async () => {
      const res = await post('/api/v1/predict', {
        readings: [fixtureReading('X-1', FIXTURE_NOW), fixtureReading('X-2', FIXTURE_NOW, { torqueNm: 900 })],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { path: '/body/readings/1/torqueNm', message: expect.stringMatching(/900/) },
      ]);
      const empty = await post('/api/v1/predict', { readings: [] });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0].path).toBe('/body/readings');
      const wrongType = await post('/api/v1/predict', {
        readings: [{ ...fixtureReading('X', FIXTURE_NOW), torqueNm: 'a' }],
      });
      expect(wrongType.json().errors[0].path).toBe('/body/readings/0/torqueNm');
    });
  });

  describe('alert episodes', () => {
    const SECOND = 1_000;
    const series = (assetId: string, startAgoS: number, probabilities: readonly number[]) =>
      probabilities.map((p, i) => ({
        reading: {
          ...fixtureReading(assetId, FIXTURE_NOW - (startAgoS - i) * SECOND),
          siteId: `site-${assetId}`,
        },
        failureProbability: p,
      }));
    const list = async (query = '') =>
      (await get(`/api/v1/alert-episodes${query}`)).json().items as Episode[];

    it('lists one open episode per asset whose risk held, none for a single spike, filtered by band, asset and site', async () => {
      await api.seed([...series('E1', 50, [0.7, 0.7, 0.7, 0.95]), ...series('E2', 20, [0.92, 0.95, 0.97])]);
      const res = await get('/api/v1/alert-episodes');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Episode[];
      // A1's latest reading (0.95) is a single spike: no episode.
      expect(items.map((e) => [e.assetId, e.band, e.state, e.peakProbability])).toEqual([
        ['E2', 'high', 'open', 0.97],
        ['E1', 'elevated', 'open', 0.95],
      ]);
      expect(items[1]).toMatchObject({
        episodeId: `E1~${String(FIXTURE_NOW - 48 * SECOND)}`,
        firstHighAt: FIXTURE_NOW - 50 * SECOND,
        lastHighAt: FIXTURE_NOW - 47 * SECOND,
        siteId: 'site-E1',
        notifications: [{ event: 'open', attempts: 0, deliveredAt: null, lastError: null }],
      });
      expect((await list('?band=high')).map((e) => e.assetId)).toEqual(['E2']);
      expect((await list('?siteId=site-E1')).map((e) => e.assetId)).toEqual(['E1']);
      expect(await list('?assetId=A1')).toEqual([]);
      expect(await list('?state=resolved')).toEqual([]);
      const page = (await get('/api/v1/alert-episodes?limit=1')).json();
      expect(page.items.map((e: Episode) => e.assetId)).toEqual(['E2']);
      const next = (await get(`/api/v1/alert-episodes?limit=1&cursor=${String(page.nextCursor)}`)).json();
      expect(next.items.map((e: Episode) => e.assetId)).toEqual(['E1']);
      expect((await get('/api/v1/alert-episodes/summary')).json()).toEqual({
        asOf: FIXTURE_NOW,
        open: 2,
        openHigh: 1,
        needsAttention: 2,
        openedLastMinute: 2,
        resolvedLastMinute: 0,
        pendingNotifications: 2,
        failingNotifications: 0,
      });
    });

    it('acknowledges, assigns and snoozes with the admin scope only; the first acknowledgement is kept', async () => {
      const id = `E1~${String(FIXTURE_NOW - 48 * SECOND)}`;
      expect((await post(`/api/v1/alert-episodes/${id}/ack`, {}, api.readApiKey)).statusCode).toBe(403);
      const ack = await post(`/api/v1/alert-episodes/${id}/ack`, { note: 'spindle checked' });
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.json()).toMatchObject({ acknowledgedAt: FIXTURE_NOW, note: 'spindle checked' });
      const by = ack.json<Episode>().acknowledgedBy;
      expect(by).toEqual(expect.any(String));
      expect((await post(`/api/v1/alert-episodes/${id}/ack`, null)).json()).toMatchObject({
        acknowledgedBy: by,
        note: 'spindle checked',
      });
      expect(
        (await post(`/api/v1/alert-episodes/${id}/assign`, { assignedTo: 'team-lathe' })).json(),
      ).toMatchObject({ assignedTo: 'team-lathe' });
      const e2 = `E2~${String(FIXTURE_NOW - 18 * SECOND)}`;
      const snoozed = await post(`/api/v1/alert-episodes/${e2}/snooze`, { until: FIXTURE_NOW + HOUR });
      expect(snoozed.json()).toMatchObject({ isSnoozed: true, snoozedUntil: FIXTURE_NOW + HOUR });
      expect(await list('?needsAttention=true')).toEqual([]);
      const past = await post(`/api/v1/alert-episodes/${e2}/snooze`, { until: FIXTURE_NOW - 1 });
      expect(past.statusCode).toBe(400);
      expect(past.json().errors[0].path).toBe('/body/until');
    });

    it('resolves an episode by hand once; a new hold of high readings opens a new episode', async () => {
      const id = `E1~${String(FIXTURE_NOW - 48 * SECOND)}`;
      const resolved = await post(`/api/v1/alert-episodes/${id}/resolve`, { note: 'tool replaced' });
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect(resolved.json()).toMatchObject({
        state: 'resolved',
        resolvedAt: FIXTURE_NOW,
        note: 'tool replaced',
      });
      expect((await post(`/api/v1/alert-episodes/${id}/resolve`, {})).json()).toMatchObject({
        state: 'resolved',
        resolvedAt: FIXTURE_NOW,
      });
      expect((await list('?state=resolved')).map((e) => e.episodeId)).toEqual([id]);
      await api.seed(series('E1', 10, [0.8, 0.8, 0.8]));
      const open = await list('?assetId=E1');
      expect(open).toMatchObject([{ state: 'open', episodeId: `E1~${String(FIXTURE_NOW - 8 * SECOND)}` }]);
      expect((await get(`/api/v1/alert-episodes/${id}`)).json()).toMatchObject({
        episodeId: id,
        state: 'resolved',
      });
    });

    it('answers 404 for an unknown episode and 400 for a malformed id', async () => {
      expect((await get(`/api/v1/alert-episodes/A1~${String(FIXTURE_NOW)}`)).statusCode).toBe(404);
      expect((await post(`/api/v1/alert-episodes/A1~${String(FIXTURE_NOW)}/ack`, {})).statusCode).toBe(404);
      expect((await post('/api/v1/alert-episodes/not-an-id/resolve', {})).statusCode).toBe(400);
    });
  });

  describe('models', () => {
    it('lists the registry and activates a model (admin only); predict follows the new model', async () => {
      const list = (await get('/api/v1/models')).json();
      expect(list).toMatchObject({
        activeModelId: api.modelId,
        items: [{ modelId: api.modelId, isActive: true }],
      });
      const { modelId: strict } = await registerModel(api.pool, {
        name: 'stump-test',
        algorithm: 'gbdt-logistic',
        parameters: {},
        features: stumpArtifact().features,
        trainingFingerprint: '1'.repeat(64),
        metrics: { auc: 0.95 },
        decisionThreshold: 0.5,
        artifact: serializeArtifact(stumpArtifact({ powerThresholdW: 7000 })),
      });
      const { modelId: heatwaveOnly } = await registerModel(api.pool, {
        name: 'automl',
        algorithm: 'heatwave-automl',
        parameters: {},
        features: [],
        trainingFingerprint: '2'.repeat(64),
        metrics: {},
        decisionThreshold: 0.5,
        artifact: null,
      });
      expect((await post(`/api/v1/models/${strict}/activate`, {}, api.readApiKey)).statusCode).toBe(403);
      expect((await post(`/api/v1/models/${heatwaveOnly}/activate`, {})).statusCode).toBe(409);
      expect((await post('/api/v1/models/999999/activate', {})).statusCode).toBe(404);
      const activated = await post(`/api/v1/models/${strict}/activate`, {});
      expect(activated.statusCode, activated.body).toBe(200);
      expect(activated.json()).toMatchObject({ modelId: strict, version: 2, isActive: true });
      const predicted = (
        await post('/api/v1/predict', { readings: [fixtureReading('X', FIXTURE_NOW)] })
      ).json();
      expect(predicted).toMatchObject({ modelId: strict, predictions: [{ riskBand: 'high' }] });
      expect((await post(`/api/v1/models/${api.modelId}/activate`, {})).statusCode).toBe(200);
    });
  });

  describe('catalog', () => {
    it('lists every table with typed, described columns', async () => {
      const catalog = (await get('/api/v1/catalog')).json();
      const [tables] = await api.pool.query<RowDataPacket[]>(
        "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'schema_migrations'",
      );
      expect(catalog.tables.map((t: { name: string }) => t.name).sort()).toEqual(
        tables.map((t) => t['name']).sort(),
      );
    });
  });
});
