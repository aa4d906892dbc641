import type { Reading } from '@lakehouse/domain';
import { upsertSparePartStock } from '@lakehouse/sql';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../../src/testing/start-test-api.js';
import { ARTIFACTS, rowData, useDashboard } from './dashboard-harness.js';

/*
 * The Spare parts page in Chromium against the real API on a throwaway schema, as dashboard.int.test.ts does for
 * the other pages: the bundle is built from the current sources, nothing is mocked.
 */

const MINUTE = 60_000;

function reading(assetId: string, assetType: 'L' | 'M' | 'H', siteId: string, recordedAt: number): Reading {
  return {
    recordedAt,
    assetId,
    assetType,
    siteId,
    lineId: `${siteId}-line-1`,
    airTemperatureK: 300,
    processTemperatureK: 310,
    rotationalSpeedRpm: 1500,
    torqueNm: 40,
    toolWearMin: 100,
  };
}

const row = (
  siteId: string,
  partId: string,
  assetType: 'L' | 'M' | 'H',
  figures: [number, number, number],
) => ({
  stock: {
    siteId,
    partId,
    description: `Insert for ${assetType} lathes`,
    assetType,
    onHand: figures[0],
    onOrder: 0,
    reorderPoint: figures[1],
    reorderQuantity: 10,
    leadTimeDays: figures[2],
  },
  source: 'import' as const,
});

describe('Spare parts page in Chromium', () => {
  const dashboard = useDashboard({
    name: 'spare-parts',
    seed: () => {
      const now = Date.now();
      return [
        { reading: reading('L-01', 'L', 'plant-a', now - MINUTE) },
        { reading: reading('L-02', 'L', 'plant-a', now - MINUTE) },
        { reading: reading('H-01', 'H', 'plant-a', now - MINUTE) },
      ];
    },
    prepare: async (api) => {
      await upsertSparePartStock(api.pool, [
        // Below its reorder point with a week's lead time: a late reorder.
        row('plant-a', 'INSERT-L', 'L', [5, 10, 7]),
        // Plenty: no reorder, never at the reorder point.
        row('plant-a', 'INSERT-H', 'H', [100_000, 5, 0]),
        // At its reorder point, no lead time: a reorder that is in time.
        row('plant-b', 'INSERT-M', 'M', [3, 3, 0]),
      ]);
    },
  });
  const { pageErrors } = dashboard;
  let api: TestApi;
  let page: Page;

  beforeAll(() => {
    ({ api, page } = dashboard);
  });

  it('shows the reorders late ones first and highlighted, the projected stock per week and the stock', async () => {
    await page.goto(`${api.baseUrl}/#key=${encodeURIComponent(api.readApiKey)}`);
    await page.waitForSelector('[data-page="fleet"], [data-kpi]');
    await page.locator('#nav a', { hasText: 'Spare parts' }).click();
    await page.waitForSelector('[data-page="spare-parts"] [data-table="reorders"] tr[data-reorder]');
    expect(page.url()).toMatch(/#\/spare-parts$/);
    expect(await page.locator('#nav a.active').textContent()).toBe('Spare parts');

    const reorders = await page
      .locator('[data-table="reorders"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [
          (r as HTMLElement).dataset['reorder'],
          (r as HTMLElement).dataset['late'],
          r.className,
        ]),
      );
    expect(reorders).toEqual([
      ['plant-a/INSERT-L', 'true', 'row-high'],
      ['plant-b/INSERT-M', 'false', ''],
    ]);
    // Two L lathes use up the 5 pieces today or tomorrow, depending on the hour the test runs: the page shows the
    // days without stock before the delivery (on day 7) as the API computes them; the int test pins the arithmetic.
    const answer = await fetch(`${api.baseUrl}/api/v1/spare-parts/reorders`, {
      headers: { 'x-api-key': api.readApiKey },
    });
    const late = (
      (await answer.json()) as { items: { partId: string; lateByDays: number; shortfallOn: string }[] }
    ).items.find((r) => r.partId === 'INSERT-L');
    expect([6, 7]).toContain(late?.lateByDays);
    const badge = page.locator('[data-reorder="plant-a/INSERT-L"] .badge');
    await expect(badge.textContent()).resolves.toBe(`late by ${String(late?.lateByDays)} d`);
    await expect(badge.getAttribute('title')).resolves.toBe(
      `out of stock from ${String(late?.shortfallOn)} until the order arrives`,
    );
    await expect(page.locator('[data-reorder="plant-b/INSERT-M"] .badge').textContent()).resolves.toBe(
      'in time',
    );

    // The default horizon: the current ISO week and seven more, one column each after site/part and reorder point.
    const weekColumns = await page.locator('[data-table="forecast"] thead th').count();
    expect(weekColumns).toBe(2 + 8);
    const low = (part: string) =>
      page
        .locator(`[data-table="forecast"] tr[data-part="${part}"] td[data-week]`)
        .evaluateAll((cells) => cells.map((c) => (c as HTMLElement).dataset['low']));
    expect(await low('plant-a/INSERT-L')).toEqual(Array<string>(8).fill('true'));
    expect(await low('plant-a/INSERT-H')).toEqual(Array<string>(8).fill('false'));
    expect(await page.locator('td.below-reorder-point').count()).toBeGreaterThanOrEqual(16);

    const stock = await rowData(page, 'stock', 'stock');
    expect(stock).toEqual(['plant-a/INSERT-H', 'plant-a/INSERT-L', 'plant-b/INSERT-M']);
    await page.screenshot({ path: join(ARTIFACTS, 'spare-parts.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
