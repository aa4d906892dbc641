import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureReading, fleetFixture } from '../testing/fleet-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

/*
 * Property-based tests: random and hostile input at every route, through inject() over the real database. The
 * properties: never a 5xx, every error is problem+json, nothing the caller sends reaches SQL as SQL (tables and
 * row counts are unchanged, no SQL error text leaks).
 */

const SQL_INJECTIONS = [
  "' OR '1'='1",
  "A1' OR 1=1 -- ",
  '1; DROP TABLE readings; --',
  "') UNION SELECT key_hash, 1, 1 FROM api_keys -- ",
  '1 AND SLEEP(5)',
  "A1\\' OR 1=1#",
  '%27%20OR%201%3D1',
  '\u0000',
  "'; UPDATE models SET is_active=0; --",
];

const hostileString = fc.oneof(
  fc.constantFrom(
    ...SQL_INJECTIONS,
    '',
    ' ',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    'NaN',
    '-1',
    '1e309',
    '0x10',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ minLength: 150, maxLength: 400 }),
);

const QUERY_KEYS = [
  'siteId',
  'lineId',
  'assetType',
  'limit',
  'cursor',
  'from',
  'to',
  'maxPoints',
  'assetId',
  'status',
  'minProbability',
  'x',
  '__proto__',
];

const queryString = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), hostileString), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

const hostileJson = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.record({ readings: fc.anything() }),
  fc.record({ readings: fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 3 }) }),
);

const readingField = fc.constantFrom(
  'recordedAt',
  'assetId',
  'assetType',
  'siteId',
  'lineId',
  'airTemperatureK',
  'processTemperatureK',
  'rotationalSpeedRpm',
  'torqueNm',
  'toolWearMin',
  'labels',
  'extra',
);
const fieldValue = fc.oneof(
  hostileString,
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, [], {}, 1e308, -1e308, Number.MAX_SAFE_INTEGER),
);
/** A valid reading with one to three fields replaced by hostile values. */
const mutatedReading = fc
  .array(fc.tuple(readingField, fieldValue), { minLength: 1, maxLength: 3 })
  .map((changes) => {
    const reading: Record<string, unknown> = { ...fixtureReading('P-1', FIXTURE_NOW) };
    for (const [field, value] of changes) reading[field] = value;
    return reading;
  });

describe('hostile input at every route', () => {
  let api: TestApi;
  let before: { tables: string[]; readings: number; activeModel: number };

  async function snapshot() {
    const [tables] = await api.pool.query<RowDataPacket[]>(
      'SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1',
    );
    const [readings] = await api.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM readings');
    const [active] = await api.pool.query<RowDataPacket[]>(
      'SELECT COALESCE(MAX(model_id), 0) AS m FROM models WHERE is_active = 1',
    );
    return {
      tables: tables.map((r) => String(r['t'])),
      readings: Number(readings[0]?.['n']),
      activeModel: Number(active[0]?.['m']),
    };
  }

  beforeAll(async () => {
    api = await startTestApi({ listen: false, now: () => FIXTURE_NOW, seed: fleetFixture() });
    before = await snapshot();
  });
  afterAll(async () => {
    await api?.close();
  });

  async function expectClientError(res: LightMyRequestResponse, what: string) {
    expect(res.statusCode, `${what} -> ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode >= 400) {
      expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body.status, what).toBe(res.statusCode);
      expect(body.detail, what).not.toMatch(/SQL syntax|ER_[A-Z_]+|mysql|mariadb/i);
    }
  }

  const GET_ROUTES = [
    '/api/v1/assets',
    '/api/v1/assets/A1',
    '/api/v1/assets/A1/readings',
    '/api/v1/kpis',
    '/api/v1/aggregates/hourly',
    '/api/v1/alert-episodes',
    '/api/v1/alert-episodes/summary',
    '/api/v1/models',
    '/api/v1/catalog',
  ];

  it('answers random query strings on every GET route with 2xx or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GET_ROUTES), queryString, async (route, qs) => {
        const url = `${route}?${qs}`;
        await expectClientError(
          await api.app.inject({ method: 'GET', url, headers: { 'x-api-key': api.readApiKey } }),
          url,
        );
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('answers hostile path parameters with 2xx or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString,
        fc.constantFrom(
          '/api/v1/assets/$',
          '/api/v1/assets/$/readings?from=1600000000000&to=1700000000000',
          '/api/v1/alert-episodes/$',
        ),
        async (id, template) => {
          const url = template.replace('$', encodeURIComponent(id));
          await expectClientError(
            await api.app.inject({ method: 'GET', url, headers: { 'x-api-key': api.readApiKey } }),
            url,
          );
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('answers hostile bodies and ids on the POST routes with a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/v1/predict', '/api/v1/alert-episodes/$/ack', '/api/v1/models/$/activate'),
        hostileString,
        fc.oneof(
          hostileJson,
          fc.record({ readings: fc.array(mutatedReading, { minLength: 1, maxLength: 3 }) }),
        ),
        async (template, id, body) => {
          const url = template.replace('$', encodeURIComponent(id));
          const res = await api.app.inject({
            method: 'POST',
            url,
            headers: { 'x-api-key': api.apiKey, 'content-type': 'application/json' },
            payload: JSON.stringify(body) ?? 'null',
          });
          await expectClientError(res, `${url} ${JSON.stringify(body)?.slice(0, 200)}`);
        },
      ),
      { numRuns: 400, seed: 13 },
    );
  });

  it('scores any physically valid reading with a probability in [0, 1]', async () => {
    const validReading = fc.record({
      recordedAt: fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }),
      assetId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/),
      assetType: fc.constantFrom('L', 'M', 'H'),
      airTemperatureK: fc.double({ min: 200, max: 400, noNaN: true }),
      processDeltaK: fc.double({ min: 0, max: 100, noNaN: true }),
      rotationalSpeedRpm: fc.double({ min: 0, max: 10_000, noNaN: true }),
      torqueNm: fc.double({ min: 0, max: 500, noNaN: true }),
      toolWearMin: fc.double({ min: 0, max: 1_000, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(validReading, { minLength: 1, maxLength: 20 }), async (raw) => {
        const readings = raw.map(({ processDeltaK, ...r }) => ({
          ...r,
          processTemperatureK: r.airTemperatureK + processDeltaK,
        }));
        const res = await api.app.inject({
          method: 'POST',
          url: '/api/v1/predict',
          headers: { 'x-api-key': api.readApiKey },
          payload: { readings },
        });
        expect(res.statusCode, res.body).toBe(200);
        for (const p of res.json().predictions) {
          expect(p.failureProbability).toBeGreaterThanOrEqual(0);
          expect(p.failureProbability).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150, seed: 17 },
    );
  });

  it('answers random credentials with 401, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('authorization', 'x-api-key'),
        fc.oneof(
          hostileString,
          hostileString.map((s) => `Bearer ${s}`),
          hostileString.map((s) => `lk_${s}`),
        ),
        async (header, value) => {
          const safe = value.replace(/[^\t\x20-\x7e]/g, '');
          const res = await api.app.inject({
            method: 'GET',
            url: '/api/v1/kpis',
            headers: { [header]: safe },
          });
          await expectClientError(res, `${header}: ${safe}`);
          expect(res.statusCode).toBe(401);
        },
      ),
      { numRuns: 300, seed: 19 },
    );
  });

  it('left every table and row as it was', async () => {
    expect(await snapshot()).toEqual(before);
  });
});
