import { describe, expect, it } from 'vitest';
import { validateAssetMasterData } from './asset-master-data.js';
import { createFleet } from './create-fleet.js';
import { createFleetMasterData, FLEET_MANUFACTURERS } from './create-fleet-master-data.js';
import { endOfLife } from './end-of-life.js';

const AS_OF = Date.UTC(2026, 5, 1, 10, 30);
const fleet = createFleet({ seed: 42, assets: 100, sites: 3, linesPerSite: 4 });
const register = createFleetMasterData({ seed: 42, fleet, asOfMs: AS_OF });

describe('createFleetMasterData', () => {
  it('describes every asset of the fleet, in fleet order, with valid master data', () => {
    expect(register.map((r) => r.assetId)).toEqual(fleet.assets.map((a) => a.assetId));
    for (const entry of register)
      expect(validateAssetMasterData(entry, { nowMs: AS_OF }).ok, entry.assetId).toBe(true);
    expect(register.map((r) => [r.siteId, r.lineId])).toEqual(fleet.assets.map((a) => [a.siteId, a.lineId]));
  });

  it('is reproducible from the seed and differs between seeds', () => {
    expect(createFleetMasterData({ seed: 42, fleet, asOfMs: AS_OF })).toEqual(register);
    expect(createFleetMasterData({ seed: 43, fleet, asOfMs: AS_OF })).not.toEqual(register);
  });

  it("gives each asset its maker's model for its variant and the maker's service life", () => {
    fleet.assets.forEach((asset, i) => {
      const entry = register[i];
      const maker = FLEET_MANUFACTURERS.find((m) => m.name === entry?.manufacturer);
      expect(maker, entry?.manufacturer).toBeDefined();
      expect(entry?.model).toBe(maker?.models[asset.assetType]);
      expect(entry?.serviceLifeMonths).toBe((maker?.serviceLifeYears ?? 0) * 12);
    });
    expect(new Set(register.map((r) => r.manufacturer)).size).toBe(FLEET_MANUFACTURERS.length);
    expect(new Set(register.map((r) => r.criticality))).toEqual(new Set(['A', 'B', 'C']));
  });

  it('spreads ends of life so that some are past and some come within two years', () => {
    const months = register.map((r) => endOfLife(r, AS_OF).monthsRemaining);
    expect(months.filter((m) => m <= 0).length).toBeGreaterThan(0);
    expect(months.filter((m) => m > 0 && m <= 24).length).toBeGreaterThan(0);
    expect(months.filter((m) => m > 24).length).toBeGreaterThan(50);
    for (const entry of register) expect(entry.installedOn < '2026-05-03').toBe(true);
  });

  it('refuses an instant that is not whole epoch ms', () => {
    expect(() => createFleetMasterData({ seed: 1, fleet, asOfMs: Number.NaN })).toThrow(RangeError);
  });
});
