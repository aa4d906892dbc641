import { loadScorer, scoreHistory } from '@lakehouse/scoring';
import {
  HOUR_MS,
  refreshAggregates,
  upsertAssetMasterData,
  upsertAssetsFromReadings,
  upsertReadings,
} from '@lakehouse/sql';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadingsPage } from '../schemas/readings.js';
import type { Trends } from '../schemas/trends.js';
import { FIXTURE_NOW, fixtureReading } from '../testing/fleet-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

const DAY = 86_400_000;
/** Ten days of bulk history ending at the fixture's clock, one reading every 30 minutes per asset. */
const HISTORY_START = FIXTURE_NOW - 10 * DAY;
const STEP_MS = 30 * 60_000;
// A1 (site-a/line-1, M), A2 (site-a/line-2, L), A3 (site-b/line-3, H), A5 (no site or line, M). Every 10th
// reading has low torque: power under the stump model's 3,500 W, so it scores ≈ 0.98; the rest ≈ 0.
const ASSETS = ['A1', 'A2', 'A3', 'A5'];
const history = ASSETS.flatMap((assetId) =>
  Array.from({ length: (10 * DAY) / STEP_MS }, (_, i) =>
    fixtureReading(assetId, HISTORY_START + i * STEP_MS, { torqueNm: i % 10 === 0 ? 20 : 40 }),
  ),
);

describe('GET /api/v1/trends over scored history', () => {
  let api: TestApi;
  let get: (url: string, key?: string) => Promise<LightMyRequestResponse>;

  beforeAll(async () => {
    api = await startTestApi({ listen: false, now: () => FIXTURE_NOW });
    get = (url, key = api.readApiKey) =>
      api.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
    // As the demo does it: the bulk history lands unscored, is scored with the active model, and the aggregates of
    // the scored hours and their days are rebuilt.
    await upsertReadings(
      api.pool,
      history.map((reading) => ({ reading, source: 'bulk' as const })),
    );
    await upsertAssetsFromReadings(api.pool, history);
    // The register names a maker for A1 and A3; A2 and A5 have no register row.
    await upsertAssetMasterData(
      api.pool,
      [
        ['A1', 'Alder Machine Works'],
        ['A3', 'Veskor Maschinenbau'],
      ].map(([assetId = '', manufacturer = '']) => ({
        data: {
          assetId,
          manufacturer,
          model: 'T-1',
          installedOn: '2015-06-01',
          serviceLifeMonths: 180,
          criticality: 'B' as const,
        },
        source: 'import' as const,
      })),
    );
    const scored = await scoreHistory(api.pool, await loadScorer(api.pool, api.modelId));
    expect(scored.scored).toBe(history.length);
    await refreshAggregates(api.pool, scored.hourStartsMs);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves one series per site with a point per day whose counts equal the hourly aggregates', async () => {
    const res = await get(`/api/v1/trends?from=${String(HISTORY_START)}&to=${String(FIXTURE_NOW + 1)}`);
    expect(res.statusCode, res.body).toBe(200);
    const trends = res.json<Trends>();
    expect(trends).toMatchObject({ bucket: 'day', groupBy: 'site', from: Date.UTC(2026, 0, 5) });
    expect(trends.series.map((s) => s.key)).toEqual(['(none)', 'site-a', 'site-b']);
    const [hourly] = await api.pool.query<RowDataPacket[]>(
      `SELECT COALESCE(site_id, '(none)') AS site, UNIX_TIMESTAMP(DATE(hour_start)) * 1000 AS day_ms,
         SUM(reading_count) AS readings, SUM(scored_count) AS scored, SUM(count_probability_above_0_9) AS above_0_9,
         MAX(max_failure_probability) AS max_p, MIN(min_failure_probability) AS min_p
       FROM hourly_aggregates GROUP BY site, day_ms`,
    );
    expect(trends.series.flatMap((s) => s.points)).toHaveLength(hourly.length);
    for (const h of hourly) {
      const point = trends.series
        .find((s) => s.key === h['site'])
        ?.points.find((p) => p.bucketStart === Number(h['day_ms']));
      const where = `${String(h['site'])} ${new Date(Number(h['day_ms'])).toISOString()}`;
      expect(point, where).toBeDefined();
      expect(point?.readingCount, where).toBe(Number(h['readings']));
      expect(point?.scoredCount, where).toBe(Number(h['scored']));
      expect(point?.countProbabilityAbove0_9, where).toBe(Number(h['above_0_9']));
      expect(point?.maxFailureProbability, where).toBe(h['max_p']);
      expect(point?.minFailureProbability, where).toBe(h['min_p']);
    }
    // site-a holds two assets, so twice the readings of site-b on a whole day; a tenth of them score high.
    const siteA = trends.series.find((s) => s.key === 'site-a')?.points[2];
    expect(siteA?.readingCount).toBe(2 * 48);
    expect(siteA?.countProbabilityAbove0_9).toBeGreaterThanOrEqual(8);
    expect(siteA?.meanFailureProbability).toBeGreaterThan(0.05);
    expect(siteA?.meanFailureProbability).toBeLessThan(0.15);
  });

  it('folds the days into ISO weeks from Monday, with the same totals', async () => {
    const range = `from=${String(HISTORY_START)}&to=${String(FIXTURE_NOW + 1)}`;
    const days = (await get(`/api/v1/trends?${range}&groupBy=assetType`)).json<Trends>();
    const weeks = (await get(`/api/v1/trends?${range}&groupBy=assetType&bucket=week`)).json<Trends>();
    expect(weeks.series.map((s) => s.key)).toEqual(['H', 'L', 'M']);
    for (const series of weeks.series) {
      expect(series.points.every((p) => new Date(p.bucketStart).getUTCDay() === 1)).toBe(true);
      const daily = days.series.find((s) => s.key === series.key)?.points ?? [];
      const sum = (points: readonly { readingCount: number }[]) =>
        points.reduce((n, p) => n + p.readingCount, 0);
      expect(sum(series.points)).toBe(sum(daily));
      expect(Math.max(...series.points.map((p) => p.maxFailureProbability ?? 0))).toBe(
        Math.max(...daily.map((p) => p.maxFailureProbability ?? 0)),
      );
    }
    expect(weeks.series.find((s) => s.key === 'M')?.points.reduce((n, p) => n + p.readingCount, 0)).toBe(
      2 * 480,
    );
  });

  it('splits by line within its site and filters by site', async () => {
    const res = await get(`/api/v1/trends?groupBy=line&siteId=site-a&from=${String(HISTORY_START)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Trends>().series.map((s) => [s.key, s.siteId, s.lineId, s.points.length > 0])).toEqual([
      ['site-a/line-1', 'site-a', 'line-1', true],
      ['site-a/line-2', 'site-a', 'line-2', true],
    ]);
  });

  it("splits by the register's manufacturer, and filters any grouping by manufacturer", async () => {
    const range = `from=${String(HISTORY_START)}&to=${String(FIXTURE_NOW + 1)}`;
    const total = (t: Trends, key: string) =>
      t.series.find((s) => s.key === key)?.points.reduce((n, p) => n + p.readingCount, 0);
    const res = await get(`/api/v1/trends?${range}&groupBy=manufacturer&bucket=week`);
    expect(res.statusCode, res.body).toBe(200);
    const byMaker = res.json<Trends>();
    expect(byMaker.series.map((s) => [s.key, s.manufacturer, s.siteId])).toEqual([
      ['(none)', null, null],
      ['Alder Machine Works', 'Alder Machine Works', null],
      ['Veskor Maschinenbau', 'Veskor Maschinenbau', null],
    ]);
    expect(total(byMaker, 'Alder Machine Works')).toBe(480);
    expect(total(byMaker, '(none)')).toBe(2 * 480);
    // The same figures as the site trend: site-b holds only A3.
    const bySite = (await get(`/api/v1/trends?${range}&bucket=week`)).json<Trends>();
    // (means to 12 digits: the two tables sum the same hours in another order)
    const rounded = (points: Trends['series'][number]['points'] | undefined) =>
      points?.map((p) => ({ ...p, meanFailureProbability: p.meanFailureProbability?.toFixed(12) }));
    expect(rounded(byMaker.series[2]?.points)).toEqual(
      rounded(bySite.series.find((s) => s.key === 'site-b')?.points),
    );

    const alder = (
      await get(`/api/v1/trends?${range}&manufacturer=${encodeURIComponent('Alder Machine Works')}`)
    ).json<Trends>();
    expect(alder.series.map((s) => [s.key, s.points.reduce((n, p) => n + p.readingCount, 0)])).toEqual([
      ['site-a', 480],
    ]);
    const unregistered = (
      await get(`/api/v1/trends?${range}&groupBy=assetType&manufacturer=${encodeURIComponent('(none)')}`)
    ).json<Trends>();
    expect(unregistered.series.map((s) => [s.key, total(unregistered, s.key)])).toEqual([
      ['L', 480],
      ['M', 480],
    ]);
    const unknown = (await get(`/api/v1/trends?${range}&manufacturer=Nobody`)).json<Trends>();
    expect(unknown.series).toEqual([]);
  });

  it('defaults to the last 28 days up to now', async () => {
    const trends = (await get('/api/v1/trends')).json<Trends>();
    expect(trends.to).toBe(FIXTURE_NOW);
    expect(trends.from).toBe(Math.floor((FIXTURE_NOW - 28 * DAY) / DAY) * DAY);
    expect(trends.series.length).toBe(3);
  });

  it('answers a bad range or parameter with a problem naming it, and needs the read scope', async () => {
    const reversed = await get(`/api/v1/trends?from=${String(FIXTURE_NOW)}&to=${String(HISTORY_START)}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reversed.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '/query/to' }] });
    const long = await get(`/api/v1/trends?from=${String(FIXTURE_NOW - 900 * DAY)}`);
    expect(long.json()).toMatchObject({ status: 400, errors: [{ path: '/query/from' }] });
    const bucket = await get('/api/v1/trends?bucket=month');
    expect(bucket.statusCode).toBe(400);
    expect(bucket.json().errors[0].path).toBe('/querystring/bucket');
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/v1/trends' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers random and hostile query strings with 2xx or a 4xx problem, never a 5xx', async () => {
    const keys = ['from', 'to', 'bucket', 'groupBy', 'siteId', 'lineId', 'assetType', 'manufacturer', 'x'];
    const value = fc.oneof(
      fc.constantFrom(
        "' OR '1'='1",
        '1; DROP TABLE daily_rollups; --',
        '',
        'week',
        'line',
        'manufacturer',
        '(none)',
        'NaN',
        '-1',
        '1e309',
      ),
      fc.string({ maxLength: 60 }),
      fc.integer().map(String),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 5 }),
        async (pairs) => {
          const qs = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
          const res = await get(`/api/v1/trends?${qs}`);
          expect(res.statusCode, `${qs} -> ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400)
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 150, seed: 23 },
    );
    const [[tables]] = (await api.pool.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'daily_rollups'",
    )) as unknown as [[{ n: number }]];
    expect(Number(tables.n)).toBe(1);
  });

  it('is in the OpenAPI document with the read security and problem responses', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { get?: { security?: unknown[]; responses?: Record<string, unknown> } }>;
    }>();
    const route = doc.paths['/api/v1/trends']?.get;
    expect(route?.security).toEqual([{ apiKey: [] }, { bearer: [] }]);
    expect(Object.keys(route?.responses ?? {})).toEqual(expect.arrayContaining(['200', '4XX', '5XX']));
  });

  it('the asset readings route (the asset page chart) serves the scored history, not only the live minutes', async () => {
    const res = await get(
      `/api/v1/assets/A1/readings?from=${String(HISTORY_START)}&to=${String(FIXTURE_NOW + 1)}&maxPoints=100`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<ReadingsPage>();
    expect(page).toMatchObject({ total: 480, downsampled: true });
    expect(page.buckets.length).toBeGreaterThan(90);
    expect(page.buckets.every((b) => b.maxFailureProbability !== null)).toBe(true);
    expect(page.buckets[0]?.bucketStart).toBeLessThan(HISTORY_START + HOUR_MS);
  });
});
