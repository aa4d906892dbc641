import { describe, expect, it } from 'vitest';
import { validateSparePartStock, type SparePartStockCandidate } from './spare-part-stock.js';

const good: SparePartStockCandidate = {
  siteId: ' S1 ',
  partId: 'INSERT-L',
  description: 'Insert',
  assetType: 'l',
  onHand: '12',
  onOrder: '',
  reorderPoint: '4',
  reorderQuantity: '10',
  leadTimeDays: '14',
};

describe('validateSparePartStock', () => {
  it('returns the row typed, trimmed and upper-cased, an empty on order as 0', () => {
    expect(validateSparePartStock(good)).toEqual({
      ok: true,
      value: {
        siteId: 'S1',
        partId: 'INSERT-L',
        description: 'Insert',
        assetType: 'L',
        onHand: 12,
        onOrder: 0,
        reorderPoint: 4,
        reorderQuantity: 10,
        leadTimeDays: 14,
      },
    });
  });

  it('names every problem', () => {
    const result = validateSparePartStock({
      ...good,
      siteId: '',
      partId: 'bad id',
      description: 'x'.repeat(257),
      assetType: 'Q',
      onHand: '-1',
      reorderQuantity: '0',
      leadTimeDays: '366',
      reorderPoint: '',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.reason])).toEqual([
      ['/siteId', 'missing'],
      ['/partId', 'invalid_format'],
      ['/description', 'too_long'],
      ['/assetType', 'unknown_asset_type'],
      ['/onHand', 'invalid_format'],
      ['/reorderPoint', 'missing'],
      ['/reorderQuantity', 'out_of_range'],
      ['/leadTimeDays', 'out_of_range'],
    ]);
  });

  it('requires a description and an asset type', () => {
    const result = validateSparePartStock({ ...good, description: ' ', assetType: '' });
    expect(result.ok ? [] : result.problems.map((p) => p.reason)).toEqual(['missing', 'missing']);
  });
});
