import { getAssetMasterData, listAssetMasterData } from '@lakehouse/sql';
import type { TestDatabase } from '@lakehouse/sql/testing';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRejectFile, useBulkLoadCli } from '../testing/bulk-load-cli.js';

const HEADER =
  'asset_id,manufacturer,model,installed_on,service_life_years,service_life_months,criticality,site_id,line_id';
const REGISTER = [
  HEADER,
  'P-1,Alder Machine Works,AMW T-220,2016-03-01,15,,A,S01,S01-L01',
  'P-2,Quillon Precision Lathes,QPL 2400,2019-07-15,,144,b,S01,S01-L02',
  'P-3,Marrowgate Tooling,,2018-02-30,,120,Z,S02,',
  'P-4,Veskor Maschinenbau,VD 450,2021-05-01,,240,C,S02,S02-L01,extra',
  'P-5,Veskor Maschinenbau,VD 300,2012-01-10,20,,B,,',
  'P-5,Veskor Maschinenbau,VD 300,2012-01-10,20,,C,,',
  '',
].join('\n');

describe('bulk-load assets import against MariaDB', () => {
  const cli = useBulkLoadCli('asset-register', { 'register.csv': REGISTER });
  const { run } = cli;
  let db: TestDatabase;
  let dir: string;

  beforeAll(() => {
    ({ db, dir } = cli);
  });

  it('stores the good lines and writes every bad one, with line number and reasons, to the reject file', async () => {
    const summary = await run(['assets', 'import', '--file', join(dir, 'register.csv')]);
    expect(summary).toMatchObject({
      lines: 6,
      entries: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 4,
      blankLines: 0,
      rejectFile: join(dir, 'out', 'register.csv.rejects.jsonl'),
    });
    const rejects = await readRejectFile(String(summary['rejectFile']));
    expect(rejects.map((r) => [r.line, r.reasons.map((p) => `${p.path} ${p.reason}`)])).toEqual([
      [4, ['/model missing', '/installed_on invalid_format', '/criticality unknown_criticality']],
      [5, [' field_count']],
      [6, ['/asset_id duplicate_key']],
      [7, ['/asset_id duplicate_key']],
    ]);
    expect(rejects[0]?.file).toBe(join(dir, 'register.csv'));
    expect((await listAssetMasterData(db.pool)).map((m) => m.assetId)).toEqual(['P-1', 'P-2']);
    expect(await getAssetMasterData(db.pool, 'P-2')).toMatchObject({
      manufacturer: 'Quillon Precision Lathes',
      installedOn: '2019-07-15',
      serviceLifeMonths: 144,
      criticality: 'B',
      siteId: 'S01',
      lineId: 'S01-L02',
      source: 'import',
      sourceLine: 3,
      reported: null,
    });
  });

  it('changes nothing when the same register is imported again, and updates only what a corrected one changes', async () => {
    expect(await run(['assets', 'import', '--file', join(dir, 'register.csv')])).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
      rejected: 4,
    });
    const fixed = [
      HEADER,
      'P-1,Alder Machine Works,AMW T-220,2016-03-01,15,,A,S01,S01-L01',
      'P-2,Quillon Precision Lathes,QPL 2400,2019-07-15,,120,B,S01,S01-L02',
      'P-3,Marrowgate Tooling,MT Pro 60,2018-02-28,,120,C,S02,',
    ].join('\n');
    await writeFile(join(dir, 'fixed.csv'), fixed);
    const summary = await run(['assets', 'import', '--file', join(dir, 'fixed.csv')]);
    expect(summary).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect(await readFile(String(summary['rejectFile']), 'utf8')).toBe('');
    expect(await getAssetMasterData(db.pool, 'P-2')).toMatchObject({ serviceLifeMonths: 120, sourceLine: 3 });
  });

  it('refuses a register whose header lacks a required column, storing nothing', async () => {
    await writeFile(join(dir, 'bad-header.csv'), 'asset_id,manufacturer\nP-9,Alder Machine Works\n');
    await expect(run(['assets', 'import', '--file', join(dir, 'bad-header.csv')])).rejects.toMatchObject({
      code: 'BULK_FILE_INVALID',
    });
    expect(await getAssetMasterData(db.pool, 'P-9')).toBeNull();
  });
});
