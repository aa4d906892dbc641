import { describe, expect, it } from 'vitest';
import type { AssetOutlook } from '../../../src/schemas/route-schemas.js';
import { sortOutlook } from './sort-outlook.js';

const asset = (assetId: string, p: number | null, endOfLifeAt: number | null): AssetOutlook => ({
  assetId,
  assetType: 'L',
  siteId: 'site-a',
  lineId: null,
  lastSeenAt: 0,
  isOperating: true,
  failureProbability: p,
  riskBand: 'normal',
  manufacturer: endOfLifeAt === null ? null : 'Alder',
  model: null,
  criticality: null,
  installedOn: null,
  endOfLife:
    endOfLifeAt === null
      ? null
      : { endOfLifeOn: '2030-01-01', endOfLifeAt, monthsRemaining: 1, isPastEndOfLife: false },
});

const ids = (items: readonly AssetOutlook[]) => items.map((a) => a.assetId);

describe('sortOutlook', () => {
  const items = [asset('D', null, 5), asset('B', 0.2, null), asset('A', 0.9, 9), asset('C', 0.2, 1)];

  it('puts the highest probability first, unscored last, ties by asset id', () => {
    expect(ids(sortOutlook(items, 'probability'))).toEqual(['A', 'B', 'C', 'D']);
  });

  it('puts the earliest end of life first and assets without a register row last', () => {
    expect(ids(sortOutlook(items, 'endOfLife'))).toEqual(['C', 'D', 'A', 'B']);
  });

  it('leaves its input alone', () => {
    sortOutlook(items, 'probability');
    expect(ids(items)).toEqual(['D', 'B', 'A', 'C']);
  });
});
