import { describe, expect, it } from 'vitest';
import {
  forecastSpareParts,
  toolChangeIntervalMs,
  type ReportingAssetWear,
  type SparePartForecastInput,
} from './forecast-spare-parts.js';
import type { SparePartStock } from './spare-part-stock.js';

// Wednesday 2026-12-02 10:00 UTC, ISO week 2026-W49.
const NOW = Date.parse('2026-12-02T10:00:00Z');
const DAY = 86_400_000;
// At 35/3 operating hours a week an L tool (100 operating minutes at 200 min of wear) lasts exactly one day.
const DAILY_L = { operatingHoursPerWeek: 35 / 3, horizonWeeks: 2, replacementWearMin: 200 } as const;

const lathe = (assetId: string, siteId = 'S1', toolWearMin = 100): ReportingAssetWear => ({
  assetId,
  assetType: 'L',
  siteId,
  toolWearMin,
  recordedAt: NOW,
});

const row = (over: Partial<SparePartStock> = {}): SparePartStock => ({
  siteId: 'S1',
  partId: 'INSERT-L',
  description: 'insert',
  assetType: 'L',
  onHand: 10,
  onOrder: 5,
  reorderPoint: 4,
  reorderQuantity: 6,
  leadTimeDays: 3,
  ...over,
});

const input = (over: Partial<SparePartForecastInput>): SparePartForecastInput => ({
  nowMs: NOW,
  stock: [row()],
  assets: [],
  workOrders: [],
  ...over,
});

describe('toolChangeIntervalMs', () => {
  it('spreads the operating minutes of a tool over the share of the week the machine runs', () => {
    expect(toolChangeIntervalMs('L', { replacementWearMin: 200, operatingHoursPerWeek: 168 })).toBe(
      100 * 60_000,
    );
    expect(toolChangeIntervalMs('H', { replacementWearMin: 200, operatingHoursPerWeek: 84 })).toBe(
      80 * 60_000,
    );
    expect(toolChangeIntervalMs('L', DAILY_L)).toBe(DAY);
  });
});

describe('forecastSpareParts', () => {
  it('buckets the current ISO week from today and the following weeks Monday to Sunday', () => {
    const f = forecastSpareParts(input({}), DAILY_L);
    expect(f.weeks).toEqual([
      { week: '2026-W49', fromDate: '2026-12-02', toDate: '2026-12-06' },
      { week: '2026-W50', fromDate: '2026-12-07', toDate: '2026-12-13' },
    ]);
  });

  it('forecasts one change at the due time of the current tool and one per tool life after it', () => {
    // Wear 100 of 200: due in 50 operating minutes (10:50), then one a day.
    const f = forecastSpareParts(input({ assets: [lathe('a1')] }), DAILY_L);
    const part = f.parts[0];
    expect(part?.demandInHorizon).toBe(12);
    expect(part?.weeks).toEqual([
      // Days 0-4: 10-1, 8, 7, +5 arriving on day 3 -1 = 11, 10.
      { week: '2026-W49', demand: 5, arrivals: 5, projectedStock: 10, isAtOrBelowReorderPoint: false },
      // Days 5-11: 9 .. 3; day 10 reaches the reorder point 4, outside the lead time of 3 days.
      { week: '2026-W50', demand: 7, arrivals: 0, projectedStock: 3, isAtOrBelowReorderPoint: true },
    ]);
    expect(f.recommendations).toEqual([]);
  });

  it('recommends ordering on the day the stock reaches the reorder point, arriving a lead time later', () => {
    const stock = [row({ onHand: 6, onOrder: 0, reorderPoint: 4, reorderQuantity: 5, leadTimeDays: 5 })];
    const f = forecastSpareParts(input({ stock, assets: [lathe('a1')] }), DAILY_L);
    // Stock 5, 4 (day 1 = the reorder point: order then), 3, ..., 0 on day 5, -1 on day 6 (the arrival): the order
    // covers day 6, so no shortfall before it; 5 pieces short of the point at arrival: one lot.
    expect(f.recommendations).toEqual([
      {
        siteId: 'S1',
        partId: 'INSERT-L',
        assetType: 'L',
        description: 'insert',
        quantity: 5,
        reachesReorderPointOn: '2026-12-03',
        orderBy: '2026-12-03',
        arrivesOn: '2026-12-08',
        demandOverLeadTime: 6,
        projectedStockAtArrival: -1,
        shortfallOn: null,
        isLate: false,
        lateByDays: 0,
      },
    ]);
  });

  it('orders whole lots back to the reorder point, and is late when the stock runs out before the arrival', () => {
    const stock = [row({ onHand: 6, onOrder: 0, reorderPoint: 4, reorderQuantity: 5, leadTimeDays: 5 })];
    const f = forecastSpareParts(input({ stock, assets: [lathe('a1'), lathe('a2')] }), DAILY_L);
    // Two changes a day: 4 on day 0 (order today), 2, 0, -2 on day 3 (the shortfall), ..., -6 on day 5 (arrival);
    // 10 pieces to the point = two lots.
    expect(f.recommendations[0]).toMatchObject({
      quantity: 10,
      reachesReorderPointOn: '2026-12-02',
      orderBy: '2026-12-02',
      arrivesOn: '2026-12-07',
      projectedStockAtArrival: -6,
      demandOverLeadTime: 12,
      shortfallOn: '2026-12-05',
      isLate: true,
      lateByDays: 2,
    });
  });

  it('is not late when an order placed today arrives in time (no lead time)', () => {
    const stock = [row({ onHand: 3, onOrder: 0, reorderPoint: 4, reorderQuantity: 5, leadTimeDays: 0 })];
    const f = forecastSpareParts(input({ stock }), DAILY_L);
    expect(f.recommendations[0]).toMatchObject({
      quantity: 5,
      isLate: false,
      lateByDays: 0,
      arrivesOn: '2026-12-02',
    });
  });

  it('counts an active replace_tool work order as the change of the current tool, at its due time', () => {
    const f = forecastSpareParts(
      input({
        assets: [lathe('a1')],
        workOrders: [{ assetId: 'a1', assetType: 'L', siteId: 'S1', dueAt: NOW + 2 * DAY }],
      }),
      DAILY_L,
    );
    // Days 2..11 instead of 0..11.
    expect(f.parts[0]?.weeks.map((w) => w.demand)).toEqual([3, 7]);
  });

  it('counts a work order of an asset without readings once, now when it has no due time', () => {
    const f = forecastSpareParts(
      input({ workOrders: [{ assetId: 'x9', assetType: 'L', siteId: 'S1', dueAt: null }] }),
      DAILY_L,
    );
    expect(f.parts[0]?.weeks.map((w) => w.demand)).toEqual([1, 0]);
  });

  it('counts a change due in the past today', () => {
    const worn = { ...lathe('a1', 'S1', 260), recordedAt: NOW - 3 * DAY };
    const f = forecastSpareParts(input({ assets: [worn] }), DAILY_L);
    // Overdue: now (day 0), then one a day: 5 + 7.
    expect(f.parts[0]?.weeks.map((w) => w.demand)).toEqual([5, 7]);
  });

  it('gives a site and type one part: the lowest part id; demand with no part is reported as unstocked', () => {
    const stock = [row({ partId: 'Z-L' }), row({ partId: 'A-L' })];
    const f = forecastSpareParts(input({ stock, assets: [lathe('a1'), lathe('b1', 'S9')] }), DAILY_L);
    expect(f.parts.map((p) => [p.partId, p.demandInHorizon])).toEqual([
      ['A-L', 12],
      ['Z-L', 0],
    ]);
    expect(f.unstockedDemand).toEqual([{ siteId: 'S9', assetType: 'L', demandInHorizon: 12 }]);
  });

  it('looks past the horizon for a lead time longer than it', () => {
    const stock = [row({ onHand: 20, onOrder: 0, reorderPoint: 4, leadTimeDays: 30 })];
    const f = forecastSpareParts(input({ stock, assets: [lathe('a1')] }), { ...DAILY_L, horizonWeeks: 1 });
    expect(f.weeks).toHaveLength(1);
    // 20 - (d + 1) <= 4 from day 15 on (order then, arriving on day 45); below zero from day 20.
    expect(f.recommendations[0]).toMatchObject({
      reachesReorderPointOn: '2026-12-17',
      orderBy: '2026-12-17',
      arrivesOn: '2027-01-16',
      shortfallOn: '2026-12-22',
      lateByDays: 25,
    });
  });

  it('sorts the latest recommendations first', () => {
    const stock = [
      row({ siteId: 'S1', onHand: 0, leadTimeDays: 2 }),
      row({ siteId: 'S2', onHand: 0, leadTimeDays: 9 }),
    ];
    // One change a day at each site from an empty store: short from today, until the arrival on day 2 or 9.
    const f = forecastSpareParts(input({ stock, assets: [lathe('a1', 'S1'), lathe('b1', 'S2')] }), DAILY_L);
    expect(f.recommendations.map((r) => [r.siteId, r.lateByDays])).toEqual([
      ['S2', 9],
      ['S1', 2],
    ]);
  });

  it('refuses settings out of range', () => {
    expect(() => forecastSpareParts(input({}), { horizonWeeks: 0 })).toThrow(RangeError);
    expect(() => forecastSpareParts(input({}), { horizonWeeks: 27 })).toThrow(RangeError);
    expect(() => forecastSpareParts(input({}), { operatingHoursPerWeek: 169 })).toThrow(RangeError);
    expect(() => forecastSpareParts(input({}), { replacementWearMin: 0 })).toThrow(RangeError);
    expect(() => forecastSpareParts(input({ nowMs: 1.5 }))).toThrow(RangeError);
  });
});
