import {
  ASSET_TYPES,
  remainingToolLife,
  wearSinceReplacement,
  type AssetType,
  type Criticality,
} from '@lakehouse/domain';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { ToolLife } from '../schemas/asset-life.js';
import { epochMs, readFailed } from './stored-reading.js';

/** The tool in an asset now: its latest reading and the latest tool replacement recorded on a work order. */
export interface CurrentToolWear {
  readonly assetId: string;
  readonly assetType: AssetType;
  readonly siteId: string | null;
  readonly criticality: Criticality | null;
  readonly toolLife: ToolLife;
}

/*
 * The latest reading is the primary-key join on assets.last_seen_at (ADR 0030). The latest replacement is the
 * newest `done_at` of the asset's replace_tool work orders, read from the index work_orders_asset_action alone
 * (asset, action, done_at): only a done work order has a done_at (cancelling leaves it NULL). The wear at that
 * moment is the last reading at or before it: one descending primary-key range dive per asset that has one
 * (ADR 0045).
 */
const REPLACED_AT_SQL = `(SELECT MAX(w.done_at) FROM work_orders w
    WHERE w.asset_id = a.asset_id AND w.action = 'replace_tool' AND w.done_at IS NOT NULL)`;
const SELECT_TOOL_WEAR = `SELECT a.asset_id, a.asset_type, a.site_id, m.criticality,
  r.recorded_at AS r_recorded_at, r.tool_wear_min AS r_tool_wear_min, ${REPLACED_AT_SQL} AS replaced_at,
  (SELECT p.tool_wear_min FROM readings p
    WHERE p.asset_id = a.asset_id AND p.recorded_at <= ${REPLACED_AT_SQL}
    ORDER BY p.recorded_at DESC LIMIT 1) AS wear_at_replacement
FROM assets a
JOIN readings r ON r.asset_id = a.asset_id AND r.recorded_at = a.last_seen_at
LEFT JOIN asset_master_data m ON m.asset_id = a.asset_id`;

function toCurrent(row: RowDataPacket, replacementWearMin: number): CurrentToolWear | null {
  const assetType = String(row['asset_type']);
  // The assets CHECK allows only L/M/H; anything else would be a schema drift, not a reason to fail a route.
  if (!(ASSET_TYPES as readonly string[]).includes(assetType)) return null;
  const recordedAt = epochMs(row['r_recorded_at']);
  const replaced = row['replaced_at'] as unknown;
  const replacedAt = replaced === null || replaced === undefined ? null : epochMs(replaced);
  const atReplacement = row['wear_at_replacement'] as unknown;
  const toolWearMin = wearSinceReplacement({
    latestWearMin: Number(row['r_tool_wear_min']),
    latestAt: recordedAt,
    replacedAt,
    wearAtReplacementMin:
      atReplacement === null || atReplacement === undefined ? null : Number(atReplacement),
  });
  // A replacement recorded after the latest reading: the new tool starts wearing from the replacement.
  const from = replacedAt !== null && replacedAt > recordedAt ? replacedAt : recordedAt;
  const life = remainingToolLife(
    { assetType: assetType as AssetType, toolWearMin, recordedAt: from },
    { replacementWearMin },
  );
  return {
    assetId: String(row['asset_id']),
    assetType: assetType as AssetType,
    siteId: (row['site_id'] as string | null | undefined) ?? null,
    criticality: (row['criticality'] as Criticality | null | undefined) ?? null,
    toolLife: { toolWearMin, recordedAt, toolReplacedAt: replacedAt, ...life },
  };
}

/**
 * The current tool wear and remaining tool life of every reporting asset (`assetId` given: of that one), counting
 * the latest tool replacement done on a work order: done work resets what it fixes.
 */
export async function readCurrentToolWear(
  pool: Pool,
  options: { readonly replacementWearMin: number; readonly assetId?: string },
): Promise<CurrentToolWear[]> {
  try {
    const [rows] = await pool.query<RowDataPacket[]>(
      options.assetId === undefined ? SELECT_TOOL_WEAR : `${SELECT_TOOL_WEAR} WHERE a.asset_id = ?`,
      options.assetId === undefined ? [] : [options.assetId],
    );
    return rows.flatMap((row) => toCurrent(row, options.replacementWearMin) ?? []);
  } catch (err: unknown) {
    throw readFailed('assets', err);
  }
}
