import type { Reading } from '@lakehouse/domain';
import { createLogger } from '@lakehouse/runtime';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ToolLifePlanner } from '../../src/services/work-orders/tool-life-planner.js';
import type { SeedReading, TestApi } from '../../src/testing/start-test-api.js';
import { ARTIFACTS, rowData, tileValue, useDashboard } from './dashboard-harness.js';

/*
 * The maintenance page and the asset page's work orders in a real browser against the real API on a throwaway
 * schema (as dashboard.int.test.ts does): an episode's work order, the tool-life planner's orders, and Plan / Done /
 * Cancel clicked through to the database.
 */

const MINUTE = 60_000;
const SHIFT_MS = 8 * 3_600_000;

/** HOT-1 ends in an open high episode; TOOL-2's tool is nearly worn; OK-3 is healthy with a fresh tool. */
const FLEET = [
  { assetId: 'HOT-1', assetType: 'L', siteId: 'plant-a', wear: 50, p: (x: number) => 0.3 + 0.67 * x },
  { assetId: 'TOOL-2', assetType: 'L', siteId: 'plant-a', wear: 195, p: () => 0.1 },
  { assetId: 'OK-3', assetType: 'H', siteId: 'plant-b', wear: 0, p: () => 0.05 },
] as const;

function history(nowMs: number): SeedReading[] {
  const steps = 30;
  return FLEET.flatMap((asset) =>
    Array.from({ length: steps }, (_, step): SeedReading => {
      const reading: Reading = {
        recordedAt: nowMs - MINUTE - (steps - 1 - step) * MINUTE,
        assetId: asset.assetId,
        assetType: asset.assetType,
        siteId: asset.siteId,
        lineId: `${asset.siteId}-line`,
        airTemperatureK: 299,
        processTemperatureK: 309.5,
        rotationalSpeedRpm: 1500,
        torqueNm: 40,
        toolWearMin: asset.wear,
      };
      return { reading, failureProbability: asset.p(step / (steps - 1)) };
    }),
  );
}

const row = (table: string, assetId: string, action: string) =>
  `[data-table="${table}"] tbody tr[data-asset-id="${assetId}"][data-action="${action}"]`;

describe('maintenance in Chromium', () => {
  const dashboard = useDashboard({
    name: 'maintenance',
    seed: () => history(Date.now()),
    prepare: async (api) => {
      await api.pool.query(
        `INSERT INTO spare_part_stock (site_id, part_id, description, asset_type, on_hand, reorder_point,
           reorder_quantity, lead_time_days, source) VALUES ('plant-a', 'TOOL-L', 'L tool', 'L', 1, 1, 5, 7, 'generator')`,
      );
      await new ToolLifePlanner(api.pool, createLogger({ name: 'planner-e2e', level: 'silent' }), {
        horizonMs: SHIFT_MS,
        replacementWearMin: 200,
      }).runOnce();
    },
  });
  const { pageErrors } = dashboard;
  let api: TestApi;
  let page: Page;

  beforeAll(() => {
    ({ api, page } = dashboard);
  });

  it('shows the open episode, the work list and the tool changes due in the shift', async () => {
    await page.goto(`${api.baseUrl}/#key=${encodeURIComponent(api.apiKey)}`);
    await page.locator('#nav a', { hasText: 'Maintenance' }).click();
    await page.waitForSelector('[data-page="maintenance"]');
    await page.waitForSelector(row('work-orders', 'HOT-1', 'inspect_machine'));
    expect(await tileValue(page, 'open-episodes')).toBe('1');
    expect(await tileValue(page, 'active-work-orders')).toBe('4');
    expect(
      await page.locator('[data-table="maintenance-episodes"] tbody tr[data-asset-id="HOT-1"]').count(),
    ).toBe(1);
    // The high episode on an unknown-criticality machine comes first.
    const first = page.locator('[data-table="work-orders"] tbody tr').first();
    expect(await first.getAttribute('data-asset-id')).toBe('HOT-1');
    expect(await first.locator('td').nth(2).textContent()).toBe('Inspect machine');
    const due = await rowData(page, 'tool-changes', 'assetId');
    expect(due).toEqual(['TOOL-2', 'OK-3', 'HOT-1']);
    await page.screenshot({ path: join(ARTIFACTS, 'maintenance.png'), fullPage: true });
  });

  it('plans, completes and cancels work orders from the work list', async () => {
    await page
      .locator(row('work-orders', 'HOT-1', 'inspect_machine'))
      .getByRole('button', { name: 'Plan' })
      .click();
    await page.waitForSelector(`${row('work-orders', 'HOT-1', 'inspect_machine')}[data-state="planned"]`);

    await page
      .locator(row('work-orders', 'TOOL-2', 'replace_tool'))
      .getByRole('button', { name: 'Done' })
      .click();
    await page.waitForSelector(row('work-orders', 'TOOL-2', 'replace_tool'), { state: 'detached' });
    await expect(
      page.locator('[data-page="maintenance"] [role="status"]').first().textContent(),
    ).resolves.toContain('part TOOL-L taken, 0 left');
    // The new tool is still due within the shift, but nothing asks for it any more.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-table="tool-changes"] tr[data-asset-id="TOOL-2"] td:last-child')
          ?.textContent === '—',
    );

    await page
      .locator(row('work-orders', 'OK-3', 'replace_tool'))
      .getByRole('button', { name: 'Cancel' })
      .click();
    await page.waitForSelector(row('work-orders', 'OK-3', 'replace_tool'), { state: 'detached' });
    expect(await tileValue(page, 'active-work-orders')).toBe('2');
  });

  it('lists the work orders of an asset on its page, past ones too', async () => {
    await page.locator('[data-table="tool-changes"] a', { hasText: 'TOOL-2' }).click();
    await page.waitForSelector('[data-page="asset"][data-asset-id="TOOL-2"]');
    await page.waitForSelector('[data-table="asset-work-orders"] tbody tr[data-state="done"]');
    expect(await page.locator('[data-table="asset-work-orders"] tbody tr').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
