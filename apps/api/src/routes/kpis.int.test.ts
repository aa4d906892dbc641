import { describe, expect, it } from 'vitest';
import type { Kpis } from '../schemas/kpis.js';
import { FIXTURE_NOW, seedHourlyAggregates } from '../testing/fleet-fixture.js';
import { useFleetApi } from '../testing/fleet-api.js';

const HOUR = 3_600_000;

// GET /kpis and /aggregates/hourly on the fleet fixture.
describe('fleet figure routes over a real database', () => {
  const fleet = useFleetApi();
  const { get } = fleet;

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
      await seedHourlyAggregates(fleet.api.pool, [
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
});
