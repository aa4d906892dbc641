import { createFleet, createFleetStock } from '@lakehouse/domain';
import { describe, expect, it } from 'vitest';
import { formatStockCsv, parseStockCsv, STOCK_COLUMNS } from './stock-csv.js';

const HEADER = STOCK_COLUMNS.join(',');

describe('parseStockCsv', () => {
  it('reads rows in any column order, with a BOM and CRLF, an absent on_order as 0', () => {
    const text =
      '\uFEFFpart_id,site_id,description,asset_type,on_hand,reorder_point,reorder_quantity,lead_time_days\r\n' +
      'INSERT-L,S01,"Insert, L",l,12,4,10,14\r\n\r\n';
    expect(parseStockCsv(text, { file: 's.csv' })).toEqual({
      entries: [
        {
          line: 2,
          stock: {
            siteId: 'S01',
            partId: 'INSERT-L',
            description: 'Insert, L',
            assetType: 'L',
            onHand: 12,
            onOrder: 0,
            reorderPoint: 4,
            reorderQuantity: 10,
            leadTimeDays: 14,
          },
        },
      ],
      rejects: [],
      blankLines: 1,
    });
  });

  it('rejects every bad line with its line number and every reason, by CSV column', () => {
    const text = [
      HEADER,
      'S01,INSERT-L,Insert,Q,-3,0,4,10,400',
      'S01,INSERT-M,Insert,M,1,0,4',
      'S01,"INSERT-H,Insert,H,1,0,4,10,7',
      'S02,P-1,Insert,H,1,0,4,10,7',
      's02,p-1,Insert,H,2,0,4,10,7',
      'S03,P-2,Insert,M,5,,2,5,7',
    ].join('\n');
    const parsed = parseStockCsv(text, { file: 's.csv' });
    expect(parsed.entries.map((e) => e.line)).toEqual([7]);
    expect(parsed.rejects.map((r) => [r.line, r.reasons.map((p) => `${p.path} ${p.reason}`)])).toEqual([
      [2, ['/asset_type unknown_asset_type', '/on_hand invalid_format', '/lead_time_days out_of_range']],
      [3, [' field_count']],
      [4, [' invalid_format']],
      [5, ['/part_id duplicate_key']],
      [6, ['/part_id duplicate_key']],
    ]);
    expect(parsed.rejects[3]).toMatchObject({ file: 's.csv', record: 'S02,P-1,Insert,H,1,0,4,10,7' });
  });

  it('refuses a header missing a column or naming an unknown or repeated one, naming every problem', () => {
    const text = 'site_id,part_id,description,asset_type,on_hand,reorder_point,colour,on_hand\nS01,x\n';
    expect(() => parseStockCsv(text, { file: 's.csv' })).toThrow(
      /reorder_quantity is missing; header column lead_time_days is missing; header column "colour" is not a stock file column .*; header names on_hand twice/,
    );
  });

  it('reads back what it writes for the simulated fleet', () => {
    const rows = createFleetStock({ seed: 42, fleet: createFleet({ seed: 42, assets: 30 }) });
    const parsed = parseStockCsv(formatStockCsv(rows), { file: 'g.csv' });
    expect(parsed.rejects).toEqual([]);
    expect(parsed.entries.map((e) => e.stock)).toEqual(rows);
  });
});
