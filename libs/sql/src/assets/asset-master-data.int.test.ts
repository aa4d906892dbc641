import type { AssetMasterData } from '@lakehouse/domain';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import {
  countAssetsWithoutMasterData,
  getAssetMasterData,
  listAssetMasterData,
  upsertAssetMasterData,
} from './asset-master-data.js';
import { upsertAssetSightings } from './upsert-assets.js';

const entry = (assetId: string, overrides: Partial<AssetMasterData> = {}): AssetMasterData => ({
  assetId,
  manufacturer: 'Alder Machine Works',
  model: 'AMW T-360',
  installedOn: '2016-02-29',
  serviceLifeMonths: 180,
  criticality: 'B',
  siteId: 'S01',
  lineId: 'S01-L01',
  ...overrides,
});

describe('asset master data against MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('inserts new entries, then leaves an identical re-import alone and overwrites only changed rows', async () => {
    const first = [
      entry('M1'),
      entry('M2', { criticality: 'A' }),
      entry('M3', { siteId: undefined, lineId: undefined }),
    ];
    expect(
      await upsertAssetMasterData(
        db.pool,
        first.map((data, i) => ({
          data,
          source: 'import' as const,
          sourceFile: 'register.csv',
          sourceLine: i + 2,
        })),
      ),
    ).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const [before] = await db.pool.query<RowDataPacket[]>(
      "SELECT updated_at FROM asset_master_data WHERE asset_id = 'M1'",
    );

    expect(
      await upsertAssetMasterData(
        db.pool,
        first.map((data) => ({ data, source: 'import' as const, sourceFile: 'again.csv' })),
      ),
    ).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const again = await getAssetMasterData(db.pool, 'M1');
    // Unchanged rows keep the provenance of the values they hold.
    expect(again).toMatchObject({ sourceFile: 'register.csv', sourceLine: 2 });
    const [after] = await db.pool.query<RowDataPacket[]>(
      "SELECT updated_at FROM asset_master_data WHERE asset_id = 'M1'",
    );
    expect(after[0]?.['updated_at']).toEqual(before[0]?.['updated_at']);

    expect(
      await upsertAssetMasterData(db.pool, [
        {
          data: entry('M1', { serviceLifeMonths: 120 }),
          source: 'import',
          sourceFile: 'fix.csv',
          sourceLine: 2,
        },
        { data: entry('M4'), source: 'generator' },
      ]),
    ).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await getAssetMasterData(db.pool, 'M1')).toMatchObject({
      serviceLifeMonths: 120,
      sourceFile: 'fix.csv',
      installedOn: '2016-02-29',
    });
  });

  it('reads the register with the location the readings report, and counts reporting assets it lacks', async () => {
    await upsertAssetSightings(db.pool, [
      {
        assetId: 'M1',
        assetType: 'M',
        siteId: 'S09',
        lineId: 'S09-L01',
        firstMs: 1_767_225_600_000,
        lastMs: 1_767_225_660_000,
      },
      {
        assetId: 'X9',
        assetType: 'L',
        siteId: null,
        lineId: null,
        firstMs: 1_767_225_600_000,
        lastMs: 1_767_225_600_000,
      },
    ]);
    const all = await listAssetMasterData(db.pool);
    expect(all.map((m) => m.assetId)).toEqual(['M1', 'M2', 'M3', 'M4']);
    expect(all[0]).toMatchObject({
      assetId: 'M1',
      siteId: 'S01',
      reported: { siteId: 'S09', lineId: 'S09-L01' },
      source: 'import',
    });
    expect(all[2]).toMatchObject({ assetId: 'M3', reported: null, sourceLine: 4 });
    expect(all[2]).not.toHaveProperty('siteId');
    expect(all[3]).toMatchObject({ source: 'generator', sourceFile: null, sourceLine: null });
    expect(typeof all[0]?.updatedAt).toBe('number');
    expect(await getAssetMasterData(db.pool, 'nope')).toBeNull();
    expect(await countAssetsWithoutMasterData(db.pool)).toBe(1);
  });

  it('treats ids that differ only in case as one asset, as the key column does', async () => {
    expect(await upsertAssetMasterData(db.pool, [{ data: entry('m4'), source: 'generator' }])).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(
      await upsertAssetMasterData(db.pool, [
        { data: entry('m4', { criticality: 'C' }), source: 'generator' },
      ]),
    ).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await getAssetMasterData(db.pool, 'M4')).toMatchObject({ assetId: 'M4', criticality: 'C' });
  });

  it('lets the table refuse what the domain would refuse, as SQL_ROW_INVALID', async () => {
    await expect(
      upsertAssetMasterData(db.pool, [{ data: entry('M5', { criticality: 'Z' as 'A' }), source: 'import' }]),
    ).rejects.toMatchObject({ code: 'SQL_ROW_INVALID' });
    await expect(
      upsertAssetMasterData(db.pool, [
        { data: entry('M6'), source: 'import' },
        { data: entry('M6'), source: 'import' },
      ]),
    ).rejects.toThrow(/distinct asset ids/);
    expect(await getAssetMasterData(db.pool, 'M5')).toBeNull();
  });
});
