import { upsertSparePartStock } from '@lakehouse/sql';
import type { SparePartStock } from '@lakehouse/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastBody, ReorderList, StockList } from '../schemas/spare-parts.js';
import { FIXTURE_NOW, fixtureReading } from '../testing/fleet-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/*
 * FIXTURE_NOW is Thursday 2026-01-15 12:00 UTC (ISO week 2026-W03); two weeks = days 0-10 (15th to 25th). At 7
 * operating hours a week a tool change of an L lathe (100 operating minutes) comes every 40 h, of an H lathe (40
 * min) every 16 h, of an M lathe (66.7 min) every 26 h 40 min.
 */
const stock = (over: Partial<SparePartStock> & Pick<SparePartStock, 'siteId' | 'partId' | 'assetType'>) => ({
  stock: {
    description: `insert ${over.assetType}`,
    onHand: 10,
    onOrder: 0,
    reorderPoint: 1,
    reorderQuantity: 1,
    leadTimeDays: 0,
    ...over,
  },
  source: 'import' as const,
});

describe('spare-part routes over a real database', () => {
  let api: TestApi;
  let get: (url: string, key?: string | null) => Promise<LightMyRequestResponse>;

  beforeAll(async () => {
    api = await startTestApi({
      listen: false,
      now: () => FIXTURE_NOW,
      env: { API_OPERATING_HOURS_PER_WEEK: '7', API_SPARE_PARTS_HORIZON_WEEKS: '2' },
      seed: [
        // Wear 100 of 200: due in 50 operating minutes (12:50), then every 40 h: days 0, 2, 3, 5, 7, 8, 10.
        {
          reading: fixtureReading('L1', FIXTURE_NOW, { assetType: 'L', siteId: 'site-a', toolWearMin: 100 }),
        },
        // Worn out, but its active work order is due tomorrow noon: days 1, 3, 4, 6, 8, 9 (11, 13 after).
        {
          reading: fixtureReading('L2', FIXTURE_NOW - MINUTE, {
            assetType: 'L',
            siteId: 'site-a',
            toolWearMin: 210,
          }),
        },
        // New tool: 12:40, then every 16 h: 1, 2, 1, 2, ... a day.
        { reading: fixtureReading('H1', FIXTURE_NOW, { assetType: 'H', siteId: 'site-b', toolWearMin: 0 }) },
        // Due now, on a site without stock: 10 changes in the horizon, unstocked.
        {
          reading: fixtureReading('M1', FIXTURE_NOW, { assetType: 'M', siteId: 'site-c', toolWearMin: 200 }),
        },
      ],
    });
    await upsertSparePartStock(api.pool, [
      stock({
        siteId: 'site-a',
        partId: 'INSERT-L',
        assetType: 'L',
        onHand: 12,
        reorderPoint: 6,
        reorderQuantity: 2,
        leadTimeDays: 7,
      }),
      stock({ siteId: 'site-a', partId: 'INSERT-M', assetType: 'M', onHand: 50, reorderPoint: 10 }),
      stock({
        siteId: 'site-b',
        partId: 'INSERT-H',
        assetType: 'H',
        onHand: 40,
        reorderPoint: 5,
        reorderQuantity: 20,
      }),
      stock({
        siteId: 'site-b',
        partId: 'INSERT-L',
        assetType: 'L',
        onHand: 2,
        reorderPoint: 3,
        reorderQuantity: 5,
      }),
    ]);
    const due = (ms: number): Date => new Date(ms);
    await api.pool.query(
      `INSERT INTO work_orders (work_order_id, asset_id, action, source, state, active_key, priority, due_at, reason)
       VALUES ('wo-1', 'L2', 'replace_tool', 'tool_life', 'open', 'L2|replace_tool', 2, ?, 'tool due'),
              ('wo-2', 'L1', 'replace_tool', 'tool_life', 'done', NULL, 2, ?, 'done before'),
              ('wo-3', 'H1', 'inspect_cooling', 'episode', 'planned', 'H1|inspect_cooling', 1, NULL, 'heat')`,
      [due(FIXTURE_NOW + 24 * HOUR), due(FIXTURE_NOW)],
    );
    get = (url, key = api.readApiKey) =>
      api.app.inject({ method: 'GET', url, headers: key === null ? {} : { 'x-api-key': key } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists the stock, of one site when asked', async () => {
    const all = (await get('/api/v1/spare-parts/stock')).json<StockList>();
    expect(all.items.map((s) => `${s.siteId}/${s.partId}`)).toEqual([
      'site-a/INSERT-L',
      'site-a/INSERT-M',
      'site-b/INSERT-H',
      'site-b/INSERT-L',
    ]);
    expect(all.items[0]).toMatchObject({ onHand: 12, reorderPoint: 6, leadTimeDays: 7, source: 'import' });
    const b = (await get('/api/v1/spare-parts/stock?siteId=site-b')).json<StockList>();
    expect(b.items.map((s) => s.partId)).toEqual(['INSERT-H', 'INSERT-L']);
  });

  it('forecasts demand and projected stock per part and ISO week from tool life and active work orders', async () => {
    const res = await get('/api/v1/spare-parts/forecast');
    expect(res.statusCode).toBe(200);
    const f = res.json<ForecastBody>();
    expect(f).toMatchObject({
      asOf: FIXTURE_NOW,
      horizonWeeks: 2,
      operatingHoursPerWeek: 7,
      replacementWearMin: 200,
    });
    expect(f.weeks).toEqual([
      { week: '2026-W03', fromDate: '2026-01-15', toDate: '2026-01-18' },
      { week: '2026-W04', fromDate: '2026-01-19', toDate: '2026-01-25' },
    ]);
    const weeks = Object.fromEntries(f.parts.map((p) => [`${p.siteId}/${p.partId}`, p.weeks]));
    // Daily demand 1, 1, 1, 2 | 1, 1, 1, 1, 2, 1, 1: stock 11, 10, 9, 7 | 6, 5, 4, 3, 1, 0, -1.
    expect(weeks['site-a/INSERT-L']).toEqual([
      { week: '2026-W03', demand: 5, arrivals: 0, projectedStock: 7, isAtOrBelowReorderPoint: false },
      { week: '2026-W04', demand: 8, arrivals: 0, projectedStock: -1, isAtOrBelowReorderPoint: true },
    ]);
    expect(weeks['site-a/INSERT-M']?.map((w) => [w.demand, w.projectedStock])).toEqual([
      [0, 50],
      [0, 50],
    ]);
    expect(weeks['site-b/INSERT-H']?.map((w) => [w.demand, w.projectedStock])).toEqual([
      [6, 34],
      [10, 24],
    ]);
    expect(f.unstockedDemand).toEqual([{ siteId: 'site-c', assetType: 'M', demandInHorizon: 10 }]);
  });

  it('recommends what to reorder, how many and by when, late ones first', async () => {
    const res = await get('/api/v1/spare-parts/reorders');
    expect(res.statusCode).toBe(200);
    expect(res.json<ReorderList>()).toEqual({
      asOf: FIXTURE_NOW,
      late: 1,
      items: [
        {
          siteId: 'site-a',
          partId: 'INSERT-L',
          assetType: 'L',
          description: 'insert L',
          // The reorder point 6 is reached on day 4: order then, arriving on day 11 with the stock at -2 (one more
          // change on day 11), 8 short of the point: four lots of 2. Demand days 4-11: 1, 1, 1, 1, 2, 1, 1, 1 = 9.
          // The stock is below zero from day 10 (-1): a day of shortfall before the arrival.
          quantity: 8,
          reachesReorderPointOn: '2026-01-19',
          orderBy: '2026-01-19',
          arrivesOn: '2026-01-26',
          demandOverLeadTime: 9,
          projectedStockAtArrival: -2,
          shortfallOn: '2026-01-25',
          isLate: true,
          lateByDays: 1,
        },
        {
          siteId: 'site-b',
          partId: 'INSERT-L',
          assetType: 'L',
          description: 'insert L',
          quantity: 5,
          reachesReorderPointOn: '2026-01-15',
          orderBy: '2026-01-15',
          arrivesOn: '2026-01-15',
          demandOverLeadTime: 0,
          projectedStockAtArrival: 2,
          shortfallOn: null,
          isLate: false,
          lateByDays: 0,
        },
      ],
    });
    const b = (await get('/api/v1/spare-parts/reorders?siteId=site-b')).json<ReorderList>();
    expect(b.items.map((r) => r.partId)).toEqual(['INSERT-L']);
  });

  it('bounds the horizon, refuses unknown parameters and needs a key', async () => {
    const one = (await get('/api/v1/spare-parts/forecast?horizonWeeks=1&siteId=site-b')).json<ForecastBody>();
    expect(one.weeks.map((w) => w.week)).toEqual(['2026-W03']);
    expect(one.parts.map((p) => p.partId)).toEqual(['INSERT-H', 'INSERT-L']);
    expect(one.unstockedDemand).toEqual([]);
    for (const url of [
      '/api/v1/spare-parts/forecast?horizonWeeks=27',
      '/api/v1/spare-parts/forecast?horizonWeeks=0',
      '/api/v1/spare-parts/reorders?colour=red',
      '/api/v1/spare-parts/stock?siteId=%20bad',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await get('/api/v1/spare-parts/stock', null)).statusCode).toBe(401);
  });
});
