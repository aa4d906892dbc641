import type { AssetMasterData, Reading } from '@lakehouse/domain';
import { rebuildDailyRollups, rebuildHourlyAggregates, upsertAssetMasterData } from '@lakehouse/sql';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trends } from '../../src/schemas/trends.js';
import type { SeedReading, TestApi } from '../../src/testing/start-test-api.js';
import {
  ARTIFACTS,
  chartPoints,
  paintedPixels,
  rowData,
  tileValue,
  useDashboard,
  waitForChartData,
} from './dashboard-harness.js';

/*
 * The two planning pages of issue #17 (Asset dashboard, Probability of failure) in Chromium against the real API
 * on a throwaway schema, as dashboard.int.test.ts does: three weeks of readings are seeded as ingest stores them,
 * the hourly aggregates and daily rollups are rebuilt from them (the register first, so the rollups know each
 * asset's manufacturer), and the register has one machine that never reports.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ALDER = 'Alder Machine Works';
const VESKOR = 'Veskor Maschinenbau';

interface PlanningAsset {
  readonly assetId: string;
  readonly assetType: 'L' | 'M' | 'H';
  readonly siteId: string;
  readonly lineId: string;
  /** Probability of the latest reading; earlier ones are lower. */
  readonly latestP: number;
  /** The register's manufacturer and months until its end of life; no register row when undefined. */
  readonly register?: { readonly manufacturer: string; readonly monthsLeft: number };
}

/** Six reporting assets on two sites; P-OK-04 is past its end of life, P-NEW-06 is not in the register. */
const FLEET: readonly PlanningAsset[] = [
  {
    assetId: 'P-HOT-01',
    assetType: 'L',
    siteId: 'plant-a',
    lineId: 'line-1',
    latestP: 0.95,
    register: { manufacturer: ALDER, monthsLeft: 4 },
  },
  {
    assetId: 'P-WARM-02',
    assetType: 'M',
    siteId: 'plant-a',
    lineId: 'line-1',
    latestP: 0.7,
    register: { manufacturer: ALDER, monthsLeft: 10 },
  },
  {
    assetId: 'P-OK-03',
    assetType: 'H',
    siteId: 'plant-a',
    lineId: 'line-2',
    latestP: 0.1,
    register: { manufacturer: VESKOR, monthsLeft: 18 },
  },
  {
    assetId: 'P-OK-04',
    assetType: 'L',
    siteId: 'plant-b',
    lineId: 'line-3',
    latestP: 0.2,
    register: { manufacturer: VESKOR, monthsLeft: -2 },
  },
  {
    assetId: 'P-OK-05',
    assetType: 'M',
    siteId: 'plant-b',
    lineId: 'line-3',
    latestP: 0.15,
    register: { manufacturer: VESKOR, monthsLeft: 60 },
  },
  { assetId: 'P-NEW-06', assetType: 'L', siteId: 'plant-b', lineId: 'line-4', latestP: 0.05 },
];

/** `YYYY-MM-DD` of the 15th of the month `months` from now (UTC), so end-of-life offsets hold on any day. */
function monthsFromNow(nowMs: number, months: number): string {
  const now = new Date(nowMs);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 15)).toISOString().slice(0, 10);
}

/** Ten-year service lives, installed so that the end of life falls `monthsLeft` from now (give or take a month). */
function register(nowMs: number): AssetMasterData[] {
  const rows: AssetMasterData[] = FLEET.flatMap((a) =>
    a.register === undefined
      ? []
      : [
          {
            assetId: a.assetId,
            manufacturer: a.register.manufacturer,
            model: 'T-1',
            installedOn: monthsFromNow(nowMs, a.register.monthsLeft - 120),
            serviceLifeMonths: 120,
            criticality: 'B',
          },
        ],
  );
  // In the register only: a spare machine on a third site that never reported.
  rows.push({
    assetId: 'R-SPARE-07',
    manufacturer: 'Quillon Precision Lathes',
    model: 'QPL 2400',
    installedOn: monthsFromNow(nowMs, -12),
    serviceLifeMonths: 60,
    criticality: 'C',
    siteId: 'plant-c',
  });
  return rows;
}

function reading(asset: PlanningAsset, recordedAt: number, step: number): Reading {
  return {
    recordedAt,
    assetId: asset.assetId,
    assetType: asset.assetType,
    siteId: asset.siteId,
    lineId: asset.lineId,
    airTemperatureK: 299 + Math.sin(step / 5),
    processTemperatureK: 309.5,
    rotationalSpeedRpm: 1500,
    torqueNm: 40,
    toolWearMin: step % 200,
  };
}

/** Three weeks of readings every 3 hours, the last one a minute ago; each asset's risk rises to its latest. */
function history(nowMs: number): SeedReading[] {
  const steps = 21 * 8;
  return FLEET.flatMap((asset) =>
    Array.from({ length: steps }, (_, step) => ({
      reading: reading(asset, nowMs - MINUTE - (steps - 1 - step) * 3 * HOUR, step),
      // Below the alert threshold except the latest reading, so the seed opens at most a couple of episodes.
      failureProbability: step === steps - 1 ? asset.latestP : 0.02 + 0.3 * (step / steps) * asset.latestP,
    })),
  );
}

describe('planning pages in Chromium', () => {
  const seededAt = Date.now();
  const dashboard = useDashboard({
    name: 'planning',
    seed: () => history(seededAt),
    prepare: async (api) => {
      await upsertAssetMasterData(
        api.pool,
        register(seededAt).map((data) => ({ data, source: 'import' as const })),
      );
      await rebuildHourlyAggregates(api.pool);
      await rebuildDailyRollups(api.pool);
    },
  });
  const { pageErrors } = dashboard;
  let api: TestApi;
  let page: Page;

  beforeAll(() => {
    ({ api, page } = dashboard);
  });

  it('asset dashboard: operating and registered machines, by site and manufacturer, end of life, install years', async () => {
    await page.goto(`${api.baseUrl}/#/asset-dashboard?key=${encodeURIComponent(api.readApiKey)}`);
    await page.waitForSelector('[data-page="asset-dashboard"] [data-kpi="registered"]');
    expect(await page.locator('#nav a[aria-current="page"]').textContent()).toBe('Asset dashboard');
    expect(await tileValue(page, 'operating-assets')).toBe('6 / 6');
    expect(await tileValue(page, 'registered')).toBe('6');
    expect(await tileValue(page, 'past-end-of-life')).toBe('1');
    // P-OK-04 (past), P-HOT-01 (4 months) and P-WARM-02 (10 months).
    expect(await tileValue(page, 'within-12-months')).toBe('3');
    expect(await tileValue(page, 'without-register')).toBe('1');
    // Sites: plant-a, plant-b, plant-c (register only), two datasets each.
    await waitForChartData(page, 'assets-by-site', 6);
    await waitForChartData(page, 'assets-by-manufacturer', 3);
    // Five buckets per site (3) and per manufacturer (3).
    await waitForChartData(page, 'end-of-life-by-site', 15);
    await waitForChartData(page, 'end-of-life-by-manufacturer', 15);
    await waitForChartData(page, 'install-years', 3);
    for (const chart of [
      'assets-by-site',
      'assets-by-manufacturer',
      'end-of-life-by-site',
      'end-of-life-by-manufacturer',
      'install-years',
    ]) {
      expect(await paintedPixels(page, chart), chart).toBeGreaterThan(1000);
    }
    const veskor = await page
      .locator(`[data-table="end-of-life-summary"] tr[data-group="manufacturer:${VESKOR}"] td`)
      .allTextContents();
    // Machines 3, past 1, within 6 / 12 / 24 months: 1 / 1 / 2.
    expect([veskor[1], veskor[3], veskor[4], veskor[5], veskor[6]]).toEqual(['3', '1', '1', '1', '2']);
    const plantC = await page
      .locator('[data-table="end-of-life-summary"] tr[data-group="site:plant-c"] td')
      .allTextContents();
    expect(plantC[1]).toBe('1');
    await page.screenshot({ path: join(ARTIFACTS, 'asset-dashboard.png'), fullPage: true });
  });

  it('probability of failure: weekly mean with range by site and manufacturer, and the table per asset', async () => {
    await page.locator('#nav a', { hasText: 'Probability of failure' }).click();
    await page.waitForSelector('[data-table="asset-outlook"] tbody tr[data-asset-id]');
    // Three datasets (max, min, mean) per series, a point per scored week: what the API serves for 12 weeks.
    const expected = async (groupBy: string) => {
      const res = await api.app.inject({
        url: `/api/v1/trends?bucket=week&groupBy=${groupBy}&from=${String(Date.now() - 12 * 7 * 86_400_000)}`,
        headers: { 'x-api-key': api.readApiKey },
      });
      const trends = res.json<Trends>();
      return {
        keys: trends.series.map((s) => s.key),
        points: trends.series.reduce(
          (n, s) => n + 3 * s.points.filter((p) => p.meanFailureProbability !== null).length,
          0,
        ),
      };
    };
    const sites = await expected('site');
    const makers = await expected('manufacturer');
    expect(sites.keys).toEqual(['plant-a', 'plant-b']);
    expect(makers.keys).toEqual(['(none)', ALDER, VESKOR]);
    // Three weeks of history touch three or four ISO weeks.
    expect(makers.points).toBeGreaterThanOrEqual(3 * 3 * 3);
    await waitForChartData(page, 'probability-by-site', sites.points);
    await waitForChartData(page, 'probability-by-manufacturer', makers.points);
    expect(await chartPoints(page, 'probability-by-manufacturer')).toBe(makers.points);
    expect(await paintedPixels(page, 'probability-by-site')).toBeGreaterThan(1000);
    expect(await paintedPixels(page, 'probability-by-manufacturer')).toBeGreaterThan(1000);

    const order = () => rowData(page, 'asset-outlook', 'assetId');
    // Highest current probability first; the register-only machine has no probability and is not listed.
    expect(await order()).toEqual(['P-HOT-01', 'P-WARM-02', 'P-OK-04', 'P-OK-05', 'P-OK-03', 'P-NEW-06']);
    const hot = await page
      .locator('[data-table="asset-outlook"] tr[data-asset-id="P-HOT-01"] td')
      .allTextContents();
    expect(hot[4]).toBe('95.0 %');
    expect(hot[2]).toContain(ALDER);
    const unregistered = page.locator('[data-table="asset-outlook"] tr[data-asset-id="P-NEW-06"]');
    await expect(unregistered.textContent()).resolves.toContain('not in the register');
    await page.selectOption('select[name="order"]', 'endOfLife');
    expect(await order()).toEqual(['P-OK-04', 'P-HOT-01', 'P-WARM-02', 'P-OK-03', 'P-OK-05', 'P-NEW-06']);
    await expect(
      page.locator('[data-table="asset-outlook"] tr[data-asset-id="P-OK-04"]').textContent(),
    ).resolves.toContain('past end of life');
    await page.screenshot({ path: join(ARTIFACTS, 'probability.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  });
});
