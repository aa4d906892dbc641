import { describe, expect, it } from 'vitest';
import { createFleet } from './create-fleet.js';

describe('createFleet', () => {
  it('names machines by site, line and fleet-wide number', () => {
    const { assets } = createFleet({ seed: 1, assets: 5, sites: 2, linesPerSite: 2 });
    expect(assets.map((a) => [a.assetId, a.siteId, a.lineId])).toEqual([
      ['S01-L01-M0001', 'S01', 'S01-L01'],
      ['S01-L02-M0002', 'S01', 'S01-L02'],
      ['S02-L01-M0003', 'S02', 'S02-L01'],
      ['S02-L02-M0004', 'S02', 'S02-L02'],
      ['S01-L01-M0005', 'S01', 'S01-L01'],
    ]);
  });

  it('assigns variants in the exact 60/30/10 mix when the count allows it', () => {
    const count = (n: number, type: string): number =>
      createFleet({ seed: 4, assets: n }).assets.filter((a) => a.assetType === type).length;
    expect([count(20, 'L'), count(20, 'M'), count(20, 'H')]).toEqual([12, 6, 2]);
    // 7 × (0.6, 0.3, 0.1) = (4.2, 2.1, 0.7): the largest remainder (0.7) gives the seventh machine to H.
    expect([count(7, 'L'), count(7, 'M'), count(7, 'H')]).toEqual([4, 2, 1]);
  });

  it('makes a one-machine fleet an L machine', () => {
    expect(createFleet({ seed: 99, assets: 1 }).assets).toEqual([
      { assetId: 'S01-L01-M0001', siteId: 'S01', lineId: 'S01-L01', assetType: 'L' },
    ]);
  });

  it('shuffles variants with the seed, reproducibly', () => {
    const types = (seed: number): string =>
      createFleet({ seed, assets: 30 })
        .assets.map((a) => a.assetType)
        .join('');
    expect(types(1)).toBe(types(1));
    expect(types(1)).not.toBe(types(2));
  });

  it('rejects sizes outside the id format', () => {
    expect(() => createFleet({ seed: 1, assets: 0 })).toThrow(RangeError);
    expect(() => createFleet({ seed: 1, assets: 10_000 })).toThrow(RangeError);
    expect(() => createFleet({ seed: 1, assets: 1, sites: 100 })).toThrow(RangeError);
    expect(() => createFleet({ seed: 1, assets: 1, linesPerSite: 1.5 })).toThrow(RangeError);
  });
});
