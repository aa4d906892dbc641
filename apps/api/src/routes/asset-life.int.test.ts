import { MEAN_MONTH_MS, type AssetMasterData } from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import { upsertAssetMasterData } from '@lakehouse/sql';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { AssetLife, AssetOutlookList, FleetEndOfLife } from '../schemas/asset-life.js';
import type { AssetList } from '../schemas/assets.js';
import { FIXTURE_NOW, fixtureReading, fleetFixture } from '../testing/fleet-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

const MINUTE = 60_000;
/** A1's newest reading: five seconds before the fixture's now, its tool at 170 min of wear (an M machine). */
const A1_LATEST = FIXTURE_NOW - 5_000;

const REGISTER: AssetMasterData[] = [
  {
    assetId: 'A1',
    manufacturer: 'Alder Machine Works',
    model: 'AMW T-360',
    installedOn: '2014-07-15',
    serviceLifeMonths: 144,
    criticality: 'A',
    siteId: 'site-a',
    lineId: 'line-1',
  },
  {
    assetId: 'A2',
    manufacturer: 'Alder Machine Works',
    model: 'AMW T-220',
    installedOn: '2016-01-01',
    serviceLifeMonths: 120,
    criticality: 'B',
  },
  {
    assetId: 'A3',
    manufacturer: 'Veskor Maschinenbau',
    model: 'VD 600 S',
    installedOn: '2020-01-15',
    serviceLifeMonths: 180,
    criticality: 'C',
    // The register disagrees with the readings (site-b): the readings win.
    siteId: 'site-x',
  },
  {
    assetId: 'A5',
    manufacturer: 'Veskor Maschinenbau',
    model: 'VD 450',
    installedOn: '2022-01-15',
    serviceLifeMonths: 48,
    criticality: 'B',
  },
  {
    // In the register, never reported.
    assetId: 'R9',
    manufacturer: 'Quillon Precision Lathes',
    model: 'QPL 2400',
    installedOn: '2025-01-15',
    serviceLifeMonths: 24,
    criticality: 'A',
    siteId: 'site-c',
    lineId: 'line-9',
  },
];

describe('remaining life and end-of-life routes over a real database', () => {
  let api: TestApi;
  let get: (url: string, key?: string | null) => Promise<LightMyRequestResponse>;

  beforeAll(async () => {
    api = await startTestApi({ listen: false, now: () => FIXTURE_NOW, seed: fleetFixture() });
    await api.seed([
      { reading: fixtureReading('A1', A1_LATEST, { toolWearMin: 170 }), failureProbability: 0.3 },
    ]);
    // A2's newest reading: a worn-out tool.
    await api.seed([{ reading: fixtureReading('A2', FIXTURE_NOW - 2_000, { toolWearMin: 214 }) }]);
    await upsertAssetMasterData(
      api.pool,
      REGISTER.map((data) => ({ data, source: 'import' as const, sourceFile: 'register.csv' })),
    );
    get = (url, key = api.readApiKey) =>
      api.app.inject({ method: 'GET', url, headers: key === null ? {} : { 'x-api-key': key } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('gives remaining tool life from the latest wear and the type rate, and end of life from the register', async () => {
    const res = await get('/api/v1/assets/A1/life');
    expect(res.statusCode).toBe(200);
    const life = res.json<AssetLife>();
    expect(life).toMatchObject({
      assetId: 'A1',
      assetType: 'M',
      siteId: 'site-a',
      lineId: 'line-1',
      asOf: FIXTURE_NOW,
      masterData: {
        manufacturer: 'Alder Machine Works',
        model: 'AMW T-360',
        installedOn: '2014-07-15',
        serviceLifeMonths: 144,
        criticality: 'A',
        siteId: 'site-a',
        source: 'import',
      },
      // (200 - 170) min of wear at 3 min per operating minute: 10 minutes after the reading.
      toolLife: {
        toolWearMin: 170,
        recordedAt: A1_LATEST,
        wearRateMinPerOperatingMin: 3,
        replacementWearMin: 200,
        remainingWearMin: 30,
        remainingOperatingMin: 10,
        dueAt: A1_LATEST + 10 * MINUTE,
        isDue: false,
      },
      endOfLife: { endOfLifeOn: '2026-07-15', endOfLifeAt: Date.UTC(2026, 6, 15), isPastEndOfLife: false },
    });
    expect(life.endOfLife?.monthsRemaining).toBeCloseTo(
      (Date.UTC(2026, 6, 15) - FIXTURE_NOW) / MEAN_MONTH_MS,
      2,
    );
  });

  it('says a tool past the replacement wear is due at its reading, and an asset past its end of life', async () => {
    const life = (await get('/api/v1/assets/A2/life')).json<AssetLife>();
    expect(life.toolLife).toMatchObject({
      isDue: true,
      remainingOperatingMin: 0,
      dueAt: FIXTURE_NOW - 2_000,
    });
    expect(life.endOfLife).toMatchObject({ endOfLifeOn: '2026-01-01', isPastEndOfLife: true });
    expect(life.endOfLife?.monthsRemaining).toBeLessThan(0);
    // Not in the register's site column: where the readings put it.
    expect(life.siteId).toBe('site-a');
  });

  it('answers for a registered asset that never reported, and for a reporting one the register lacks', async () => {
    expect((await get('/api/v1/assets/R9/life')).json<AssetLife>()).toMatchObject({
      assetType: null,
      siteId: 'site-c',
      lineId: 'line-9',
      toolLife: null,
      endOfLife: { endOfLifeOn: '2027-01-15' },
    });
    expect((await get('/api/v1/assets/A4/life')).json<AssetLife>()).toMatchObject({
      assetType: 'L',
      masterData: null,
      endOfLife: null,
      // An L machine at 100 min of wear: 50 operating minutes left.
      toolLife: { remainingOperatingMin: 50, wearRateMinPerOperatingMin: 2 },
    });
  });

  it('answers unknown assets, bad ids and missing keys with problem+json', async () => {
    const unknown = await get('/api/v1/assets/NOPE/life');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ code: 'API_NOT_FOUND', status: 404 });
    expect((await get('/api/v1/assets/has%20space/life')).json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await get('/api/v1/fleet/end-of-life?siteId=site-a')).statusCode).toBe(400);
    expect((await get('/api/v1/fleet/end-of-life', null)).statusCode).toBe(401);
  });

  it('sums end of life by site and by manufacturer, past ones counted in every horizon', async () => {
    const res = await get('/api/v1/fleet/end-of-life');
    expect(res.statusCode).toBe(200);
    const body = res.json<FleetEndOfLife>();
    // Months left as of 2026-01-15T12:00Z: A1 5.93, A2 -0.47 (past), A3 108, A5 -0.02 (past), R9 11.98.
    const monthsLeft = (isoDay: string) => (Date.parse(`${isoDay}T00:00:00Z`) - FIXTURE_NOW) / MEAN_MONTH_MS;
    expect(body).toMatchObject({
      asOf: FIXTURE_NOW,
      horizonsMonths: [6, 12, 24],
      reportingAssetsWithoutMasterData: 1,
      fleet: {
        key: 'fleet',
        assets: 5,
        pastEndOfLife: 2,
        within6Months: 3,
        within12Months: 4,
        within24Months: 4,
      },
    });
    expect(
      body.bySite.map((g) => [g.key, g.assets, g.pastEndOfLife, g.within6Months, g.within12Months]),
    ).toEqual([
      ['(none)', 1, 1, 1, 1],
      ['site-a', 2, 1, 2, 2],
      ['site-b', 1, 0, 0, 0],
      ['site-c', 1, 0, 0, 1],
    ]);
    expect(body.byManufacturer.map((g) => [g.key, g.assets, g.within24Months])).toEqual([
      ['Alder Machine Works', 2, 2],
      ['Quillon Precision Lathes', 1, 1],
      ['Veskor Maschinenbau', 2, 1],
    ]);
    const siteA = body.bySite.find((g) => g.key === 'site-a');
    expect(siteA?.meanMonthsToEndOfLife).toBeCloseTo(
      (monthsLeft('2026-07-15') + monthsLeft('2026-01-01')) / 2,
      2,
    );
  });

  it('counts registered machines per manufacturer and install year', async () => {
    const body = (await get('/api/v1/fleet/end-of-life')).json<FleetEndOfLife>();
    expect(body.byManufacturerAndInstallYear).toEqual([
      { manufacturer: 'Alder Machine Works', installYear: 2014, assets: 1 },
      { manufacturer: 'Alder Machine Works', installYear: 2016, assets: 1 },
      { manufacturer: 'Quillon Precision Lathes', installYear: 2025, assets: 1 },
      { manufacturer: 'Veskor Maschinenbau', installYear: 2020, assets: 1 },
      { manufacturer: 'Veskor Maschinenbau', installYear: 2022, assets: 1 },
    ]);
  });

  it('lists reporting assets with the current probability and end of life, page by page by asset id', async () => {
    const first = await get('/api/v1/fleet/end-of-life/assets?limit=3');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<AssetOutlookList>();
    expect(page1.asOf).toBe(FIXTURE_NOW);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (
      await get(`/api/v1/fleet/end-of-life/assets?limit=3&cursor=${String(page1.nextCursor)}`)
    ).json<AssetOutlookList>();
    expect(page2.nextCursor).toBeNull();
    const items = [...page1.items, ...page2.items];
    // R9 is only in the register: it has no probability to show and is left out.
    expect(items.map((i) => i.assetId)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(items[0]).toMatchObject({
      assetId: 'A1',
      siteId: 'site-a',
      failureProbability: 0.3,
      riskBand: 'normal',
      manufacturer: 'Alder Machine Works',
      model: 'AMW T-360',
      criticality: 'A',
      installedOn: '2014-07-15',
      endOfLife: { endOfLifeOn: '2026-07-15', isPastEndOfLife: false },
    });
    expect(items[1]).toMatchObject({ assetId: 'A2', failureProbability: null, riskBand: 'unknown' });
    expect(items[1]?.endOfLife).toMatchObject({ endOfLifeOn: '2026-01-01', isPastEndOfLife: true });
    expect(items[3]).toMatchObject({ assetId: 'A4', manufacturer: null, installedOn: null, endOfLife: null });
    // The probability and operating flag are the assets route's (the same latest reading).
    const assets = (await get('/api/v1/assets')).json<AssetList>().items;
    expect(items.map((i) => [i.assetId, i.failureProbability, i.isOperating, i.lastSeenAt])).toEqual(
      assets.map((a) => [a.assetId, a.failureProbability, a.isOperating, a.lastSeenAt]),
    );
  });

  it('answers a bad cursor or parameter on the asset list with problem+json', async () => {
    const cursor = await get('/api/v1/fleet/end-of-life/assets?cursor=bm9wZQ');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get('/api/v1/fleet/end-of-life/assets?siteId=site-a')).statusCode).toBe(400);
    expect((await get('/api/v1/fleet/end-of-life/assets?limit=0')).statusCode).toBe(400);
    expect((await get('/api/v1/fleet/end-of-life/assets', null)).statusCode).toBe(401);
  });

  it('takes the replacement wear from API_TOOL_REPLACEMENT_WEAR_MIN', async () => {
    const app = await buildApp({
      config: { ...api.config, toolReplacementWearMin: 230 },
      logger: createLogger({ name: 'asset-life-int', level: 'silent' }),
      pool: api.pool,
      now: () => FIXTURE_NOW,
    });
    try {
      const res = await app.inject({
        url: '/api/v1/assets/A1/life',
        headers: { 'x-api-key': api.readApiKey },
      });
      expect(res.json<AssetLife>().toolLife).toMatchObject({
        replacementWearMin: 230,
        remainingOperatingMin: 20,
      });
    } finally {
      await app.close();
    }
  });

  it('lists the three routes in the OpenAPI document', async () => {
    const doc = (await api.app.inject('/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/assets/{assetId}/life',
        '/api/v1/fleet/end-of-life',
        '/api/v1/fleet/end-of-life/assets',
      ]),
    );
  });
});
