import type { Reading } from '@lakehouse/domain';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FleetWarnings } from '../../src/schemas/fleet-warnings.js';
import type { TestApi } from '../../src/testing/start-test-api.js';
import { ARTIFACTS, rowData, tileValue, useDashboard } from './dashboard-harness.js';

/*
 * The Maintenance page's warnings (issue #18) in Chromium against the real API on a throwaway schema. Episodes,
 * horizon risks and work orders are written as the ingest function's horizon fold writes them (ADR 0050); the page
 * is checked against the API's own answer.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Expected failure from the moment the rows are written, or null, and how the page says it. The offsets lie half a
 * minute off a whole minute, so the text is the same whenever within the minute after the write the page last
 * refreshed (it counts from the API's asOf, and rounds to the minute).
 */
const FLEET = [
  {
    assetId: 'W-1',
    band: 'high',
    failsInMs: 3 * HOUR + 30_000,
    lastHighAgoMs: MINUTE,
    says: 'fails in ~3 h',
  },
  {
    assetId: 'W-2',
    band: 'elevated',
    failsInMs: 5 * MINUTE + 30_000,
    lastHighAgoMs: MINUTE,
    says: 'fails in ~5 min',
  },
  { assetId: 'W-3', band: 'elevated', failsInMs: null, lastHighAgoMs: 2 * MINUTE, says: 'no estimate' },
  {
    assetId: 'W-4',
    band: 'high',
    failsInMs: -10 * MINUTE - 30_000,
    lastHighAgoMs: 20 * MINUTE,
    says: 'overdue by ~11 min',
  },
] as const;

function reading(assetId: string, recordedAt: number): Reading {
  return {
    recordedAt,
    assetId,
    assetType: 'M',
    siteId: 'plant-w',
    lineId: `line-${assetId}`,
    airTemperatureK: 300,
    processTemperatureK: 310,
    rotationalSpeedRpm: 1500,
    torqueNm: 40,
    toolWearMin: 100,
  };
}

/** The UTC text the page writes for an instant, to the second (as web/src/format.ts formatUtc). */
const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

describe('maintenance warnings in Chromium', () => {
  const dashboard = useDashboard({
    name: 'warnings',
    seed: () => {
      const now = Date.now();
      return FLEET.map((a) => ({ reading: reading(a.assetId, now - MINUTE), failureProbability: 0.1 }));
    },
    prepare: async (api) => {
      const startedAt = Date.now();
      for (const a of FLEET) {
        const lastHighAt = startedAt - a.lastHighAgoMs;
        const openedAt = lastHighAt - 2 * MINUTE;
        await api.pool.query(
          `INSERT INTO alert_episodes (episode_id, asset_id, state, band, opened_at, first_high_at, last_high_at,
             peak_probability, peak_at, score_kind, expected_failure_at)
           VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, 'horizon', ?)`,
          [
            `${a.assetId}~${String(openedAt)}`,
            a.assetId,
            a.band,
            new Date(openedAt),
            new Date(openedAt - MINUTE),
            new Date(lastHighAt),
            a.band === 'high' ? 0.94 : 0.72,
            new Date(lastHighAt),
            a.failsInMs === null ? null : new Date(startedAt + a.failsInMs),
          ],
        );
      }
      // W-1 and W-2 have horizon risks (W-1's newest is the lower one); W-3 and W-4 have none.
      await api.pool.query(
        `INSERT INTO horizon_risks (asset_id, recorded_at, model_id, horizon_minutes, risk, expected_minutes_to_failure)
         VALUES ('W-1', ?, 1, 60, 0.95, 90), ('W-1', ?, 1, 60, 0.812, 180), ('W-2', ?, 1, 60, 0.664, NULL)`,
        [new Date(startedAt - 3 * MINUTE), new Date(startedAt - 2 * MINUTE), new Date(startedAt - MINUTE)],
      );
      const w2 = FLEET[1];
      const w2Episode = `W-2~${String(startedAt - w2.lastHighAgoMs - 2 * MINUTE)}`;
      await api.pool.query(
        `INSERT INTO work_orders (work_order_id, asset_id, action, source, episode_id, state, active_key, priority,
           due_at, reason)
         VALUES (?, 'W-2', 'inspect_cooling', 'episode', ?, 'planned', 'W-2|inspect_cooling', 2, NULL, 'risk held')`,
        [`${w2Episode}~inspect_cooling`, w2Episode],
      );
    },
  });
  const { pageErrors } = dashboard;
  let api: TestApi;
  let page: Page;

  beforeAll(() => {
    ({ api, page } = dashboard);
  });

  it('lists the warnings soonest first with the expected failure, the horizon risk and the work orders', async () => {
    await page.goto(`${api.baseUrl}/#key=${encodeURIComponent(api.readApiKey)}`);
    await page.locator('#nav a', { hasText: 'Maintenance' }).click();
    await page.waitForSelector('[data-table="warnings"] tbody tr[data-episode-id]');

    const res = await fetch(`${api.baseUrl}/api/v1/fleet/warnings`, {
      headers: { 'x-api-key': api.readApiKey },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as FleetWarnings;
    // The overdue one first, then by expected failure, the one without an estimate last.
    expect(answer.items.map((w) => w.assetId)).toEqual(['W-4', 'W-2', 'W-1', 'W-3']);
    expect(await rowData(page, 'warnings', 'episodeId')).toEqual(answer.items.map((w) => w.episodeId));
    expect(await tileValue(page, 'warnings')).toBe('4');

    const rows = await page.locator('[data-table="warnings"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        expectedFailureAt: (tr as HTMLElement).dataset['expectedFailureAt'],
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
      })),
    );
    const says = (assetId: string) => FLEET.find((a) => a.assetId === assetId)?.says;
    expect(rows).toEqual(
      answer.items.map((w) => ({
        expectedFailureAt: w.expectedFailureAt === null ? 'none' : String(w.expectedFailureAt),
        cells: [
          `${(w.peakProbability * 100).toFixed(1)} %`,
          w.assetId,
          `plant-w / line-${w.assetId}`,
          w.expectedFailureAt === null
            ? 'no estimate'
            : `${String(says(w.assetId))} · ${utc(w.expectedFailureAt)}`,
          w.horizonRisk === null
            ? '—'
            : `${(w.horizonRisk.risk * 100).toFixed(1)} % within ${String(w.horizonRisk.horizonMinutes)} min`,
          w.workOrders.length === 0 ? '—' : w.workOrders.map(() => 'Inspect cooling · Planned').join(', '),
        ],
      })),
    );
    // What the fixture pins, so a wrong API answer cannot pass by being shown faithfully.
    expect(answer.items.map((w) => w.expectedFailureAt === null)).toEqual([false, false, false, true]);
    expect(rows.map((r) => r.cells[4])).toEqual(['—', '66.4 % within 60 min', '81.2 % within 60 min', '—']);
    expect(rows.map((r) => r.cells[5])).toEqual(['—', 'Inspect cooling · Planned', '—', '—']);
    await page.screenshot({ path: join(ARTIFACTS, 'maintenance-warnings.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
