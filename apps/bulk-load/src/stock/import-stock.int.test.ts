import { listSparePartStock } from '@lakehouse/sql';
import type { TestDatabase } from '@lakehouse/sql/testing';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRejectFile, useBulkLoadCli } from '../testing/bulk-load-cli.js';

const HEADER =
  'site_id,part_id,description,asset_type,on_hand,on_order,reorder_point,reorder_quantity,lead_time_days';
const STOCK = [
  HEADER,
  'S01,INSERT-L,Insert for L lathes,L,120,0,80,100,14',
  'S01,INSERT-M,Insert for M lathes,m,40,50,60,50,10',
  'S02,INSERT-H,,H,abc,0,10,0,7',
  'S02,INSERT-L,Insert,L,1,0,1',
  'S03,INSERT-L,Insert,L,5,0,2,10,7',
  's03,insert-l,Insert,L,6,0,2,10,7',
  '',
].join('\n');

describe('bulk-load stock import against MariaDB', () => {
  const cli = useBulkLoadCli('stock-import', { 'stock.csv': STOCK });
  const { run } = cli;
  let db: TestDatabase;
  let dir: string;

  beforeAll(() => {
    ({ db, dir } = cli);
  });

  it('stores the good lines and writes every bad one, with line number and reasons, to the reject file', async () => {
    const summary = await run(['stock', 'import', '--file', join(dir, 'stock.csv')]);
    expect(summary).toMatchObject({
      lines: 6,
      entries: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 4,
      blankLines: 0,
      rejectFile: join(dir, 'out', 'stock.csv.rejects.jsonl'),
    });
    const rejects = await readRejectFile(String(summary['rejectFile']));
    expect(rejects.map((r) => [r.line, r.reasons.map((p) => `${p.path} ${p.reason}`)])).toEqual([
      [4, ['/description missing', '/on_hand invalid_format', '/reorder_quantity out_of_range']],
      [5, [' field_count']],
      [6, ['/part_id duplicate_key']],
      [7, ['/part_id duplicate_key']],
    ]);
    expect(rejects[0]?.file).toBe(join(dir, 'stock.csv'));
    const stored = await listSparePartStock(db.pool);
    expect(
      stored.map((s) => [s.siteId, s.partId, s.assetType, s.onHand, s.onOrder, s.source, s.sourceLine]),
    ).toEqual([
      ['S01', 'INSERT-L', 'L', 120, 0, 'import', 2],
      ['S01', 'INSERT-M', 'M', 40, 50, 'import', 3],
    ]);
  });

  it('changes nothing on a second import of the same file, and overwrites only changed rows', async () => {
    const file = join(dir, 'stock.csv');
    expect(await run(['stock', 'import', '--file', file])).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    await writeFile(
      file,
      STOCK.replace('S01,INSERT-M,Insert for M lathes,m,40,', 'S01,INSERT-M,Insert for M lathes,m,35,'),
    );
    expect(await run(['stock', 'import', '--file', file])).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    expect((await listSparePartStock(db.pool, { siteId: 'S01' })).map((s) => s.onHand)).toEqual([120, 35]);
    expect(await listSparePartStock(db.pool, { siteId: 'S02' })).toEqual([]);
  });

  it('refuses a file whose header is not usable, before writing anything', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'site_id,part_id,colour\nS09,P,red\n');
    await expect(run(['stock', 'import', '--file', file])).rejects.toMatchObject({
      code: 'BULK_FILE_INVALID',
    });
    expect(await listSparePartStock(db.pool, { siteId: 'S09' })).toEqual([]);
  });

  it('writes the simulated fleet stock with stock generate, which stock import reads back', async () => {
    const file = join(dir, 'generated.csv');
    expect(await run(['stock', 'generate', '--out', file, '--assets', '12', '--sites', '2'])).toMatchObject({
      file,
    });
    const summary = await run(['stock', 'import', '--file', file]);
    expect(summary).toMatchObject({ rejected: 0 });
    expect(Number(summary['entries'])).toBeGreaterThanOrEqual(2);
  });
});
