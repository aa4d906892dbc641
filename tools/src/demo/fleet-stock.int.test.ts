import { createFleet, createLiveStream } from '@lakehouse/domain';
import {
  createSqlPool,
  listReportingAssetWear,
  listSparePartStock,
  migrate,
  upsertAssetSightings,
  upsertReadings,
} from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, stackDir, type ThrowawaySchema } from '@lakehouse/testing';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReorders, registerFleetStock } from './fleet-stock.js';

const START = Date.UTC(2026, 0, 1);
// The demo's defaults: 100 machines, 3 sites, 4 lines per site, seed 42.
const SPEC = { assets: 100, sites: 3, linesPerSite: 4, seed: 42 };

describe('the simulated fleet stock', () => {
  let schema: ThrowawaySchema;
  let pool: Pool;
  beforeAll(async () => {
    schema = await createThrowawaySchema(readStackSettings(stackDir(process.env)), 'stock');
    pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 3, connectTimeoutMs: 5_000 });
    await migrate(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
  });

  it('is written once per site and type, found unchanged on the next run, and needs a reorder', async () => {
    const fleet = createFleet(SPEC);
    // One process minute of every machine (a reading each), registered as ingest would.
    const stream = createLiveStream({ seed: SPEC.seed, fleet, startMs: START, intervalMs: 600 });
    const readings = Array.from({ length: fleet.assets.length }, () => stream.next().value);
    await upsertReadings(
      pool,
      readings.map((reading) => ({ reading, source: 'stream' as const })),
    );
    await upsertAssetSightings(
      pool,
      readings.map((r) => ({
        assetId: r.assetId,
        assetType: r.assetType,
        siteId: r.siteId ?? null,
        lineId: r.lineId ?? null,
        firstMs: r.recordedAt,
        lastMs: r.recordedAt,
      })),
    );
    // Read back through the primary-key join on the latest reading.
    expect((await listReportingAssetWear(pool)).length).toBe(fleet.assets.length);
    const pairs = new Set(fleet.assets.map((a) => `${a.siteId}/${a.assetType}`)).size;
    expect(await registerFleetStock(pool, SPEC)).toEqual({ inserted: pairs, updated: 0, unchanged: 0 });
    expect(await registerFleetStock(pool, SPEC)).toEqual({ inserted: 0, updated: 0, unchanged: pairs });
    expect((await listSparePartStock(pool)).every((s) => s.source === 'generator')).toBe(true);

    const said: string[] = [];
    const reorders = await checkReorders(pool, (line) => said.push(line), START + 60_000);
    expect(reorders).toBeGreaterThanOrEqual(1);
    expect(said.join('\n')).toMatch(
      /^✔ \d+ reorders? recommended \(\d+ late\): S\d+ INSERT-[LMH]: \d+ by 2026-01-01/,
    );
  });
});
