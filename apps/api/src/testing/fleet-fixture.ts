import type { Reading } from '@lakehouse/domain';
import type { Pool } from 'mysql2/promise';
import type { SeedReading } from './start-test-api.js';

/** The fixed clock of the fixture: 2026-01-15T12:00:00Z. */
export const FIXTURE_NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const MINUTE = 60_000;

/** Where each fixture asset stands, and the probability of its latest reading. */
export const FIXTURE_ASSETS = [
  { assetId: 'A1', assetType: 'M', siteId: 'site-a', lineId: 'line-1', latestP: 0.95, latestAgoMs: 10_000 },
  { assetId: 'A2', assetType: 'L', siteId: 'site-a', lineId: 'line-2', latestP: 0.7, latestAgoMs: MINUTE },
  { assetId: 'A3', assetType: 'H', siteId: 'site-b', lineId: 'line-3', latestP: 0.2, latestAgoMs: MINUTE },
  { assetId: 'A4', assetType: 'L', siteId: 'site-b', lineId: 'line-3', latestP: null, latestAgoMs: MINUTE },
  { assetId: 'A5', assetType: 'M', siteId: null, lineId: null, latestP: 0.65, latestAgoMs: 60 * MINUTE },
] as const;

/** Readings per asset: one a minute for three hours before its latest. */
export const FIXTURE_READINGS_PER_ASSET = 180;

/** A plausible reading (the stump model scores it healthy). */
export function fixtureReading(
  assetId: string,
  recordedAt: number,
  overrides: Partial<Reading> = {},
): Reading {
  const asset = FIXTURE_ASSETS.find((a) => a.assetId === assetId);
  return {
    recordedAt,
    assetId,
    assetType: asset?.assetType ?? 'M',
    ...(asset?.siteId ? { siteId: asset.siteId } : {}),
    ...(asset?.lineId ? { lineId: asset.lineId } : {}),
    airTemperatureK: 300 + (recordedAt % 7) / 10,
    processTemperatureK: 310 + (recordedAt % 5) / 10,
    rotationalSpeedRpm: 1500,
    torqueNm: 40,
    toolWearMin: 100,
    ...overrides,
  };
}

/**
 * The fixture fleet: five assets, 180 readings each, latest probabilities as in FIXTURE_ASSETS, and one recent
 * reading of A3 (two minutes ago) at 0.92 that is not its latest: an open alert found by the recent scan.
 */
export function fleetFixture(): SeedReading[] {
  const out: SeedReading[] = [];
  for (const asset of FIXTURE_ASSETS) {
    const latest = FIXTURE_NOW - asset.latestAgoMs;
    for (let i = FIXTURE_READINGS_PER_ASSET - 1; i >= 0; i--) {
      const at = latest - i * MINUTE;
      const p = i === 0 ? asset.latestP : asset.assetId === 'A3' && i === 1 ? 0.92 : 0.1;
      out.push({ reading: fixtureReading(asset.assetId, at), failureProbability: p });
    }
  }
  return out;
}

/** Inserts rows into the silver table as the hourly job would. */
export async function seedHourlyAggregates(
  pool: Pool,
  rows: readonly { assetId: string; hourStart: number; siteId: string | null; readingCount: number }[],
): Promise<void> {
  for (const r of rows) {
    await pool.query(
      `INSERT INTO hourly_aggregates (asset_id, hour_start, asset_type, site_id, line_id, reading_count,
        mean_air_temperature_k, min_air_temperature_k, max_air_temperature_k,
        mean_process_temperature_k, min_process_temperature_k, max_process_temperature_k,
        mean_rotational_speed_rpm, min_rotational_speed_rpm, max_rotational_speed_rpm,
        mean_torque_nm, min_torque_nm, max_torque_nm, mean_tool_wear_min, min_tool_wear_min, max_tool_wear_min,
        mean_failure_probability, max_failure_probability, count_probability_above_0_6, count_probability_above_0_9,
        failure_count)
       VALUES (?, ?, 'M', ?, NULL, ?, 300, 299, 301, 310, 309, 311, 1500, 1400, 1600, 40, 30, 50, 100, 99, 101,
        0.2, 0.7, 3, 0, 0)`,
      [r.assetId, new Date(r.hourStart), r.siteId, r.readingCount],
    );
  }
}
