import { describe, expect, it } from 'vitest';
import { createFleet } from './create-fleet.js';
import { createFleetStock } from './create-fleet-stock.js';
import { forecastSpareParts } from './forecast-spare-parts.js';

// The demo's defaults: 100 machines on 3 sites, 4 lines each, seed 42.
const fleet = createFleet({ seed: 42, assets: 100, sites: 3, linesPerSite: 4 });
const NOW = Date.parse('2026-12-02T10:00:00Z');

describe('createFleetStock', () => {
  it('holds one row per site and asset type of the fleet, reproducibly', () => {
    const stock = createFleetStock({ seed: 42, fleet });
    const pairs = new Set(fleet.assets.map((a) => `${a.siteId}/${a.assetType}`));
    expect(stock.map((s) => `${s.siteId}/${s.assetType}`).sort()).toEqual([...pairs].sort());
    expect(createFleetStock({ seed: 42, fleet })).toEqual(stock);
    expect(createFleetStock({ seed: 7, fleet })).not.toEqual(stock);
    for (const s of stock) {
      expect(s.partId).toBe(`INSERT-${s.assetType}`);
      expect(s.reorderQuantity % 10).toBe(0);
      expect([7, 10, 14, 21]).toContain(s.leadTimeDays);
    }
  });

  it('sizes the reorder point from the lead-time demand plus a quarter', () => {
    const stock = createFleetStock({ seed: 42, fleet, operatingHoursPerWeek: 80 });
    const first = stock[0];
    if (first === undefined) throw new Error('no stock');
    const machines = fleet.assets.filter((a) => a.siteId === first.siteId && a.assetType === first.assetType);
    const rate = { L: 2, M: 3, H: 5 }[first.assetType];
    const perWeek = (machines.length * 80 * 60 * rate) / 200;
    expect(first.reorderPoint).toBe(Math.ceil(((perWeek * first.leadTimeDays) / 7) * 1.25));
    // The store that missed its reorder.
    expect(first.onHand).toBeLessThan(first.reorderPoint);
    expect(first.onOrder).toBe(0);
  });

  it('needs at least one reorder for the simulated fleet at the defaults', () => {
    const stock = createFleetStock({ seed: 42, fleet });
    // Fresh tools everywhere: the least demand the fleet can have.
    const assets = fleet.assets.map((a) => ({ ...a, toolWearMin: 0, recordedAt: NOW }));
    const forecast = forecastSpareParts({ nowMs: NOW, stock, assets, workOrders: [] });
    expect(forecast.recommendations.length).toBeGreaterThanOrEqual(1);
    expect(forecast.unstockedDemand).toEqual([]);
  });
});
