import type { Reading } from '@lakehouse/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAssetMasterData } from '../assets/asset-master-data.js';
import { upsertAssetSightings } from '../assets/upsert-assets.js';
import { upsertReadings } from '../readings/upsert-readings.js';
import { openTestDatabase, type TestDatabase } from '../testing/open-test-database.js';
import { listActiveReplaceToolOrders, listReportingAssetWear } from './forecast-inputs.js';
import { listSparePartStock, upsertSparePartStock } from './spare-part-stock.js';

const NOW = Date.UTC(2026, 0, 15, 12);
const MINUTE = 60_000;

const reading = (assetId: string, recordedAt: number, toolWearMin: number, siteId?: string): Reading => ({
  recordedAt,
  assetId,
  assetType: 'L',
  ...(siteId === undefined ? {} : { siteId }),
  airTemperatureK: 300,
  processTemperatureK: 310,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin,
});

describe('spare-part stock and forecast inputs against MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('upserts by site and part case-insensitively, leaving identical rows alone', async () => {
    const row = {
      siteId: 'S1',
      partId: 'P-1',
      description: 'insert',
      assetType: 'L' as const,
      onHand: 5,
      onOrder: 0,
      reorderPoint: 2,
      reorderQuantity: 10,
      leadTimeDays: 7,
    };
    expect(await upsertSparePartStock(db.pool, [{ stock: row, source: 'generator' }])).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await upsertSparePartStock(db.pool, [{ stock: row, source: 'generator' }])).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    const changed = { ...row, siteId: 's1', partId: 'p-1', onHand: 4 };
    expect(
      await upsertSparePartStock(db.pool, [
        { stock: changed, source: 'import', sourceFile: 'f.csv', sourceLine: 2 },
      ]),
    ).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const [stored] = await listSparePartStock(db.pool);
    expect(stored).toMatchObject({ siteId: 'S1', partId: 'P-1', onHand: 4, source: 'import', sourceLine: 2 });
    await expect(
      upsertSparePartStock(db.pool, [
        { stock: row, source: 'generator' },
        { stock: changed, source: 'generator' },
      ]),
    ).rejects.toThrow(/distinct/);
  });

  it('reads the latest wear of each reporting asset and the active replace_tool work orders, with their site', async () => {
    const items = [
      reading('A1', NOW - 2 * MINUTE, 50, 'S1'),
      reading('A1', NOW - MINUTE, 60, 'S1'),
      // No site in the readings: the register's.
      reading('A2', NOW - MINUTE, 10),
      // No site anywhere: left out.
      reading('A3', NOW - MINUTE, 10),
    ];
    await upsertReadings(
      db.pool,
      items.map((r) => ({ reading: r, source: 'stream' as const })),
    );
    await upsertAssetSightings(
      db.pool,
      items.map((r) => ({
        assetId: r.assetId,
        assetType: r.assetType,
        siteId: r.siteId ?? null,
        lineId: null,
        firstMs: r.recordedAt,
        lastMs: r.recordedAt,
      })),
    );
    await upsertAssetMasterData(db.pool, [
      {
        data: {
          assetId: 'A2',
          manufacturer: 'm',
          model: 'x',
          installedOn: '2020-01-01',
          serviceLifeMonths: 120,
          criticality: 'B',
          siteId: 'S2',
        },
        source: 'import',
      },
    ]);
    await db.pool.query(
      `INSERT INTO work_orders (work_order_id, asset_id, action, source, state, active_key, priority, due_at, reason)
       VALUES ('w1', 'A1', 'replace_tool', 'tool_life', 'planned', 'A1|replace_tool', 2, ?, 'due'),
              ('w2', 'A2', 'replace_tool', 'manual', 'open', 'A2|replace_tool', 3, NULL, 'by hand'),
              ('w3', 'A2', 'replace_tool', 'manual', 'cancelled', NULL, 3, NULL, 'not needed'),
              ('w4', 'A1', 'inspect_cooling', 'episode', 'open', 'A1|inspect_cooling', 1, NULL, 'heat')`,
      [new Date(NOW + 30 * MINUTE)],
    );
    expect(await listReportingAssetWear(db.pool)).toEqual([
      { assetId: 'A1', assetType: 'L', siteId: 'S1', toolWearMin: 60, recordedAt: NOW - MINUTE },
      { assetId: 'A2', assetType: 'L', siteId: 'S2', toolWearMin: 10, recordedAt: NOW - MINUTE },
    ]);
    expect((await listReportingAssetWear(db.pool, { siteId: 'S2' })).map((a) => a.assetId)).toEqual(['A2']);
    expect(await listActiveReplaceToolOrders(db.pool)).toEqual([
      { assetId: 'A1', assetType: 'L', siteId: 'S1', dueAt: NOW + 30 * MINUTE },
      { assetId: 'A2', assetType: 'L', siteId: 'S2', dueAt: null },
    ]);
    expect(await listActiveReplaceToolOrders(db.pool, { siteId: 'S1' })).toHaveLength(1);
  });
});
