import type { AssetType, ReplaceToolOrder, ReportingAssetWear } from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';

const epochMs = (value: unknown): number =>
  value instanceof Date ? value.getTime() : Date.parse(`${String(value)}Z`);

function readFailed(table: string, err: unknown): UpstreamError {
  return new UpstreamError('SQL_READ_FAILED', `cannot read ${table}: ${(err as Error).message}`, {
    cause: err,
    retryable: true,
    context: { table },
  });
}

/*
 * The site of an asset is where its readings place it, else the register's (ADR 0042); an asset with neither has no
 * stores to draw from and is left out.
 */

/**
 * Tool wear of every reporting asset at its latest reading: `assets` joined to `readings` on the primary key
 * (asset_id, recorded_at = last_seen_at), as the read model does (ADR 0030), and to the register by asset id. One
 * index dive per asset: scales with the fleet, not the readings. Optionally one site's assets.
 */
export async function listReportingAssetWear(
  db: Pool | PoolConnection,
  filter: { readonly siteId?: string } = {},
): Promise<ReportingAssetWear[]> {
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      `SELECT a.asset_id, a.asset_type, COALESCE(a.site_id, m.site_id) AS site_id, r.recorded_at, r.tool_wear_min
       FROM assets a
       JOIN readings r ON r.asset_id = a.asset_id AND r.recorded_at = a.last_seen_at
       LEFT JOIN asset_master_data m ON m.asset_id = a.asset_id
       WHERE COALESCE(a.site_id, m.site_id) IS NOT NULL ${filter.siteId === undefined ? '' : 'AND COALESCE(a.site_id, m.site_id) = ?'}
       ORDER BY a.asset_id`,
      filter.siteId === undefined ? [] : [filter.siteId],
    );
    return rows.map((row) => ({
      assetId: String(row['asset_id']),
      assetType: String(row['asset_type']) as AssetType,
      siteId: String(row['site_id']),
      toolWearMin: Number(row['tool_wear_min']),
      recordedAt: epochMs(row['recorded_at']),
    }));
  } catch (err: unknown) {
    throw readFailed('readings', err);
  }
}

/**
 * Active (open or planned) `replace_tool` work orders with the asset's type and site. At most one per asset and
 * action is active (the `active_key` unique index), so this is at most one row per asset.
 */
export async function listActiveReplaceToolOrders(
  db: Pool | PoolConnection,
  filter: { readonly siteId?: string } = {},
): Promise<ReplaceToolOrder[]> {
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      `SELECT w.asset_id, a.asset_type, COALESCE(a.site_id, m.site_id) AS site_id, w.due_at
       FROM work_orders w
       JOIN assets a ON a.asset_id = w.asset_id
       LEFT JOIN asset_master_data m ON m.asset_id = w.asset_id
       WHERE w.action = 'replace_tool' AND w.state IN ('open', 'planned')
         AND COALESCE(a.site_id, m.site_id) IS NOT NULL ${filter.siteId === undefined ? '' : 'AND COALESCE(a.site_id, m.site_id) = ?'}
       ORDER BY w.asset_id`,
      filter.siteId === undefined ? [] : [filter.siteId],
    );
    return rows.map((row) => ({
      assetId: String(row['asset_id']),
      assetType: String(row['asset_type']) as AssetType,
      siteId: String(row['site_id']),
      dueAt: row['due_at'] === null ? null : epochMs(row['due_at']),
    }));
  } catch (err: unknown) {
    throw readFailed('work_orders', err);
  }
}
