import type { Reading } from '@lakehouse/domain';
import { rebuildHourlyAggregates } from '@lakehouse/sql';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
 * The dashboard in a real browser (Debian's chromium driven by playwright-core) against the real API on a
 * throwaway schema of the local MariaDB: nothing is mocked. The bundle is built from the current sources into a
 * temporary folder that the API serves, so the test never looks at a stale dist/.
 */

const MINUTE = 60_000;

interface FleetAsset {
  readonly assetId: string;
  readonly assetType: 'L' | 'M' | 'H';
  readonly siteId: string;
  readonly lineId: string;
  readonly risk: 'high' | 'elevated' | 'normal';
}

/** The fleet: eight assets on two sites; HOT ends above 0.9, WARM around 0.7, the rest healthy. */
const FLEET: readonly FleetAsset[] = [
  { assetId: 'M-HOT-01', assetType: 'L', siteId: 'plant-a', lineId: 'line-1', risk: 'high' },
  { assetId: 'M-WARM-02', assetType: 'M', siteId: 'plant-a', lineId: 'line-1', risk: 'elevated' },
  { assetId: 'M-OK-03', assetType: 'H', siteId: 'plant-a', lineId: 'line-2', risk: 'normal' },
  { assetId: 'M-OK-04', assetType: 'L', siteId: 'plant-a', lineId: 'line-2', risk: 'normal' },
  { assetId: 'M-OK-05', assetType: 'M', siteId: 'plant-b', lineId: 'line-3', risk: 'normal' },
  { assetId: 'M-OK-06', assetType: 'L', siteId: 'plant-b', lineId: 'line-3', risk: 'normal' },
  { assetId: 'M-OK-07', assetType: 'H', siteId: 'plant-b', lineId: 'line-4', risk: 'normal' },
  { assetId: 'M-OK-08', assetType: 'L', siteId: 'plant-b', lineId: 'line-4', risk: 'normal' },
];

/** A plausible AI4I-like reading; `step` moves tool wear on and adds a deterministic wobble. */
function reading(asset: FleetAsset, recordedAt: number, step: number): Reading {
  const wobble = Math.sin(step / 5 + asset.assetId.length);
  return {
    recordedAt,
    assetId: asset.assetId,
    assetType: asset.assetType,
    siteId: asset.siteId,
    lineId: asset.lineId,
    airTemperatureK: 299 + wobble,
    processTemperatureK: 309.5 + wobble * 0.8,
    rotationalSpeedRpm: asset.risk === 'high' ? 1320 + step : 1500 + 40 * wobble,
    torqueNm: asset.risk === 'high' ? 55 + step * 0.05 : 40 + 5 * wobble,
    toolWearMin: Math.min(240, (asset.risk === 'high' ? 90 : 10) + step),
  };
}

function probability(asset: FleetAsset, progress: number): number {
  if (asset.risk === 'high') return Math.min(0.97, 0.3 + 0.67 * progress);
  if (asset.risk === 'elevated') return 0.45 + 0.25 * progress;
  return 0.05 + 0.05 * progress;
}

/** Six hours of readings every 3 minutes, ending a minute ago; HOT and WARM end in an open alert episode. */
function history(nowMs: number): SeedReading[] {
  const steps = 120;
  const seeds: SeedReading[] = [];
  for (const asset of FLEET) {
    for (let step = 0; step < steps; step += 1) {
      const recordedAt = nowMs - MINUTE - (steps - 1 - step) * 3 * MINUTE;
      seeds.push({
        reading: reading(asset, recordedAt, step),
        failureProbability: probability(asset, step / (steps - 1)),
      });
    }
  }
  return seeds;
}

describe('dashboard in Chromium', () => {
  const seededAt = Date.now();
  const dashboard = useDashboard({
    name: 'dashboard',
    env: { API_LIVE_POLL_MS: '200' },
    seed: () => history(seededAt),
    prepare: async (api) => {
      await rebuildHourlyAggregates(api.pool);
    },
  });
  const { pageErrors } = dashboard;
  let api: TestApi;
  let page: Page;

  beforeAll(() => {
    ({ api, page } = dashboard);
  });

  it('asks for an API key when the page has none, and again when the API refuses the key', async () => {
    await page.goto(`${api.baseUrl}/`);
    await expect(page.locator('[data-page="key-prompt"] h1').textContent()).resolves.toContain('API key');
    await expect(page.locator('#live-status').textContent()).resolves.toBe('Offline');

    await page.goto('about:blank');
    await page.goto(`${api.baseUrl}/#key=not-a-key`);
    await expect(page.locator('[data-page="key-prompt"] [role="alert"]').textContent()).resolves.toContain(
      '401',
    );
    expect(await page.evaluate(() => sessionStorage.getItem('lakehouse.apiKey'))).toBeNull();
    // The refused requests are expected console errors of this step only.
    pageErrors.length = 0;
  });

  it('fleet overview: KPI tiles, risk by type and site, the assets at risk first; the key leaves the address bar', async () => {
    // From another document, so that the fragment navigation loads the page anew.
    await page.goto('about:blank');
    await page.goto(`${api.baseUrl}/#key=${encodeURIComponent(api.apiKey)}`);
    await page.waitForSelector('[data-kpi="operating-assets"]');
    expect(page.url()).not.toContain(api.apiKey);
    expect(await tileValue(page, 'operating-assets')).toBe('8 / 8');
    expect(await tileValue(page, 'above-0-9')).toBe('1');
    expect(await tileValue(page, 'above-0-6')).toBe('2');
    await waitForChartData(page, 'risk-by-type', 3);
    await waitForChartData(page, 'risk-by-site', 2);
    expect(await paintedPixels(page, 'risk-by-type')).toBeGreaterThan(1000);
    expect(await paintedPixels(page, 'risk-by-site')).toBeGreaterThan(1000);
    await page.waitForSelector('[data-table="assets-at-risk"] tbody tr[data-asset-id]');
    const order = await rowData(page, 'assets-at-risk', 'assetId');
    expect(order.slice(0, 2)).toEqual(['M-HOT-01', 'M-WARM-02']);
    await page.waitForFunction(
      () => document.querySelector('#live-status')?.getAttribute('data-status') === 'live',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'fleet-overview.png'), fullPage: true });
  });

  it('asset detail: live lines of every measure, probability over time, explanation; a new reading appears without reload', async () => {
    await page.locator('[data-table="assets-at-risk"] a', { hasText: 'M-HOT-01' }).click();
    await page.waitForSelector('[data-page="asset"][data-asset-id="M-HOT-01"]');
    for (const chart of ['temperature', 'speed', 'torque', 'tool-wear', 'failure-probability']) {
      await waitForChartData(page, chart, 50);
      expect(await paintedPixels(page, chart)).toBeGreaterThan(1000);
    }
    // Two lines (air and process) over the six hours of history.
    expect(await chartPoints(page, 'temperature')).toBe(240);
    await waitForChartData(page, 'explanation', 1);
    await expect(page.locator('.explanation-head .badge').textContent()).resolves.toMatch(/%$/);
    await page.waitForFunction(
      () => document.querySelector('#live-status')?.getAttribute('data-status') === 'live',
    );

    // A marker on window proves the page was not reloaded when the new reading shows up.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    const asset = FLEET[0]!;
    const newAt = Date.now();
    await api.seed([
      { reading: { ...reading(asset, newAt, 121), torqueNm: 68.5 }, failureProbability: 0.96 },
    ]);
    await page.waitForFunction(
      () => document.querySelector('[data-page="asset"]')?.getAttribute('data-live-readings') === '1',
    );
    // Charts redraw a moment after a burst of events.
    await waitForChartData(page, 'temperature', 242);
    expect(await chartPoints(page, 'temperature')).toBe(242);
    expect(await chartPoints(page, 'torque')).toBe(121);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    const lastReading = new Date(newAt).toISOString().slice(0, 19).replace('T', ' ');
    await expect(page.locator('.asset-summary').textContent()).resolves.toContain(lastReading);
    // The explanation follows the latest reading too.
    await page.waitForFunction(
      (text) => document.querySelector('.explanation-head')?.textContent?.includes(text) === true,
      lastReading,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'asset-detail.png'), fullPage: true });
  });

  it('hourly aggregates: chart and table, filtered by asset', async () => {
    await page.locator('#nav a', { hasText: 'Hourly aggregates' }).click();
    await page.waitForSelector('[data-table="hourly-aggregates"] tbody tr[data-asset-id]');
    await waitForChartData(page, 'hourly', 3 * 6);
    expect(await paintedPixels(page, 'hourly')).toBeGreaterThan(1000);
    const fleetRows = await page.locator('[data-table="hourly-aggregates"] tbody tr').count();
    expect(fleetRows).toBeGreaterThanOrEqual(8 * 6);
    await page.screenshot({ path: join(ARTIFACTS, 'hourly-aggregates.png'), fullPage: true });

    await page.selectOption('select[name="assetId"]', 'M-WARM-02');
    await page.locator('.filters button[type="submit"]').click();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-table="hourly-aggregates"] tbody tr')];
      return rows.length > 0 && rows.every((row) => row.dataset['assetId'] === 'M-WARM-02');
    });
    expect(page.url()).toContain('#/aggregates?assetId=M-WARM-02');
  });

  it('alerts: lists open episodes, acknowledges one, and shows a new episode without a reload', async () => {
    await page.locator('#nav a', { hasText: 'Alerts' }).click();
    await page.waitForSelector('[data-table="alerts"] tbody tr[data-episode-id]');
    const assets = await rowData(page, 'alerts', 'assetId');
    // One episode per asset whose risk stayed high, not one row per reading.
    expect(assets.sort()).toEqual(['M-HOT-01', 'M-WARM-02']);
    await page.screenshot({ path: join(ARTIFACTS, 'alerts.png'), fullPage: true });

    const hot = page.locator('[data-table="alerts"] tbody tr[data-asset-id="M-HOT-01"]');
    const episodeId = await hot.getAttribute('data-episode-id');
    await hot.locator('button', { hasText: 'Acknowledge' }).click();
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`[data-table="alerts"] tr[data-episode-id="${id}"]`)
          ?.textContent?.includes('acknowledged by') === true,
      episodeId,
    );
    const stored = await fetch(
      `${api.baseUrl}/api/v1/alert-episodes/${encodeURIComponent(episodeId ?? '')}`,
      {
        headers: { authorization: `Bearer ${api.apiKey}` },
      },
    );
    expect(((await stored.json()) as { acknowledgedAt: number | null }).acknowledgedAt).not.toBeNull();

    // An asset that was healthy turns critical while the page is open: after the hold, a new episode appears.
    const healthy = FLEET[7]!;
    const now = Date.now();
    await api.seed(
      [0, 1, 2].map((i) => ({
        reading: reading(healthy, now - 3_000 + i * 1_000, 200 + i),
        failureProbability: 0.93,
      })),
    );
    await page.waitForSelector('[data-table="alerts"] tr[data-asset-id="M-OK-08"]');
    await page.screenshot({ path: join(ARTIFACTS, 'alerts-live.png'), fullPage: true });

    // The asset page names its open episode and links to the alerts.
    await page.locator('[data-table="alerts"] tr[data-asset-id="M-HOT-01"] a').first().click();
    const fact = page.locator(`.asset-summary a[data-episode-id="${episodeId ?? ''}"]`);
    await fact.waitFor();
    await expect(fact.textContent()).resolves.toMatch(/^high since .*, peak 97\.0 %$/);
  });

  it('asset detail over a week: the API downsamples into buckets and the page draws them', async () => {
    // A ninth asset with a reading every 2 minutes for 7 days (5,040 rows): more than the page's 400 points.
    const asset: FleetAsset = { ...FLEET[2]!, assetId: 'M-LONG-09' };
    const end = Date.now() - MINUTE;
    const week = Array.from({ length: 5_040 }, (_, i) => ({
      reading: reading(asset, end - (5_039 - i) * 2 * MINUTE, i % 200),
      failureProbability: 0.05 + 0.5 * (i / 5_039),
    }));
    await api.seed(week);
    await page.goto('about:blank');
    await page.goto(`${api.baseUrl}/#/assets/M-LONG-09`);
    await waitForChartData(page, 'temperature', 100);
    await expect(page.locator('.toolbar p').textContent()).resolves.toMatch(
      /^720 readings in range, drawn as \d+ buckets/,
    );
    expect(await chartPoints(page, 'temperature')).toBeLessThanOrEqual(2 * 400);
    await page.locator('.segmented button', { hasText: '7 d' }).click();
    await page.waitForFunction(
      () => document.querySelector('.toolbar p')?.textContent?.startsWith('5,040 readings') === true,
    );
    expect(await chartPoints(page, 'failure-probability')).toBeGreaterThan(100);
    expect(await chartPoints(page, 'failure-probability')).toBeLessThanOrEqual(400);
    expect(await paintedPixels(page, 'failure-probability')).toBeGreaterThan(1000);
    await page.screenshot({ path: join(ARTIFACTS, 'asset-detail-week.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
