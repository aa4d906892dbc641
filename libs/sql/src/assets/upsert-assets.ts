import type { Reading } from '@lakehouse/domain';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { translateWriteError } from '../translate-sql-error.js';

/** What a batch saw of one asset: its type, where it stands, and the span of its readings. */
export interface AssetSighting {
  assetId: string;
  assetType: string;
  siteId: string | null;
  lineId: string | null;
  firstMs: number;
  lastMs: number;
}

/**
 * Folds one reading of an asset into `seen`: the first sighting sets type, site and line; later ones widen the
 * first/last window and fill a site or line still unknown.
 */
export function addSighting(
  seen: Map<string, AssetSighting>,
  assetId: string,
  assetType: string,
  siteId: string | undefined,
  lineId: string | undefined,
  atMs: number,
): void {
  const s = seen.get(assetId);
  if (s === undefined) {
    seen.set(assetId, {
      assetId,
      assetType,
      siteId: siteId ?? null,
      lineId: lineId ?? null,
      firstMs: atMs,
      lastMs: atMs,
    });
    return;
  }
  if (atMs < s.firstMs) s.firstMs = atMs;
  if (atMs > s.lastMs) s.lastMs = atMs;
  s.siteId ??= siteId ?? null;
  s.lineId ??= lineId ?? null;
}

/**
 * Registers the assets seen in a batch and widens their first/last-seen window, in one statement. Site and line
 * are only overwritten when the reading carries them.
 */
export async function upsertAssetsFromReadings(
  db: Pool | PoolConnection,
  readings: readonly Reading[],
): Promise<{ readonly assets: number }> {
  const seen = new Map<string, AssetSighting>();
  for (const r of readings) addSighting(seen, r.assetId, r.assetType, r.siteId, r.lineId, r.recordedAt);
  return upsertAssetSightings(db, [...seen.values()]);
}

/**
 * Registers assets from sightings (one per asset) and widens their first/last-seen window, in one statement. Site
 * and line are only overwritten when the sighting carries them.
 */
export async function upsertAssetSightings(
  db: Pool | PoolConnection,
  sightings: readonly AssetSighting[],
): Promise<{ readonly assets: number }> {
  if (sightings.length === 0) return { assets: 0 };
  const values: unknown[] = [];
  for (const s of sightings)
    values.push(s.assetId, s.assetType, s.siteId, s.lineId, new Date(s.firstMs), new Date(s.lastMs));
  const sql = `INSERT INTO assets (asset_id, asset_type, site_id, line_id, first_seen_at, last_seen_at) VALUES ${sightings
    .map(() => '(?, ?, ?, ?, ?, ?)')
    .join(', ')}
    ON DUPLICATE KEY UPDATE asset_type = VALUES(asset_type),
      site_id = COALESCE(VALUES(site_id), site_id), line_id = COALESCE(VALUES(line_id), line_id),
      first_seen_at = LEAST(first_seen_at, VALUES(first_seen_at)), last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at))`;
  try {
    await db.query(sql, values);
    return { assets: sightings.length };
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'assets', rows: sightings.length });
  }
}
