import { describe, expect, it } from 'vitest';
import type { Asset } from '../schemas/assets.js';
import type { ReadingsPage } from '../schemas/readings.js';
import { FIXTURE_NOW, FIXTURE_READINGS_PER_ASSET } from '../testing/fleet-fixture.js';
import { useFleetApi } from '../testing/fleet-api.js';

const HOUR = 3_600_000;

// GET /assets, /assets/{assetId} and /assets/{assetId}/readings on the fleet fixture.
describe('asset routes over a real database', () => {
  const fleet = useFleetApi();
  const { get } = fleet;

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
});
