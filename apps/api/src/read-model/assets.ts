import { riskBandOf } from '@lakehouse/domain';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { Asset, AssetList, AssetListQuery } from '../schemas/assets.js';
import { epochMs, readFailed, storedReadingColumns, toStoredReading } from './stored-reading.js';
import { assetFilterConditions } from './asset-filters.js';
import { queryAssetPage } from './asset-page.js';

/*
 * The latest reading of an asset is an equality join on the readings primary key: `assets.last_seen_at` is kept by
 * ingest, so (a.asset_id, a.last_seen_at) finds it with one index dive per asset, at any table size (ADR 0030).
 */
const SELECT_ASSETS = `SELECT a.asset_id, a.asset_type, a.site_id, a.line_id, a.first_seen_at, a.last_seen_at,
  ${storedReadingColumns('r')}
FROM assets a
LEFT JOIN readings r ON r.asset_id = a.asset_id AND r.recorded_at = a.last_seen_at`;

function toAsset(row: RowDataPacket, operatingSinceMs: number): Asset {
  const latestReading = toStoredReading(row);
  const lastSeenAt = epochMs(row['last_seen_at']);
  const p = latestReading?.failureProbability ?? null;
  return {
    assetId: String(row['asset_id']),
    assetType: String(row['asset_type']),
    siteId: (row['site_id'] as string | null) ?? null,
    lineId: (row['line_id'] as string | null) ?? null,
    firstSeenAt: epochMs(row['first_seen_at']),
    lastSeenAt,
    isOperating: lastSeenAt >= operatingSinceMs,
    failureProbability: p,
    riskBand: riskBandOf(p),
    latestReading,
  };
}

/** Assets (filtered by site, line, type), each with its latest reading and risk; keyset-paginated by asset id. */
export async function listAssets(
  pool: Pool,
  query: AssetListQuery,
  options: { readonly nowMs: number; readonly operatingWindowMs: number },
): Promise<AssetList> {
  const since = options.nowMs - options.operatingWindowMs;
  return queryAssetPage(pool, SELECT_ASSETS, assetFilterConditions(query), query, (r) => toAsset(r, since));
}

/** One asset with its latest reading, or null. */
export async function getAsset(
  pool: Pool,
  assetId: string,
  options: { readonly nowMs: number; readonly operatingWindowMs: number },
): Promise<Asset | null> {
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(`${SELECT_ASSETS} WHERE a.asset_id = ?`, [assetId]);
  } catch (err: unknown) {
    throw readFailed('assets', err);
  }
  const row = rows[0];
  return row === undefined ? null : toAsset(row, options.nowMs - options.operatingWindowMs);
}
