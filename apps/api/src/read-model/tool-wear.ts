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
const SELECT_TOOL_WEAR = `SELECT a.asset_id, a.asset_type, a.site_id, m.criticality,
  r.recorded_at AS r_recorded_at, r.tool_wear_min AS r_tool_wear_min,
  (SELECT MAX(w.done_at) FROM work_orders w
    WHERE w.asset_id = a.asset_id AND w.action = 'replace_tool' AND w.done_at IS NOT NULL) AS replaced_at
FROM assets a
JOIN readings r ON r.asset_id = a.asset_id AND r.recorded_at = a.last_seen_at
LEFT JOIN asset_master_data m ON m.asset_id = a.asset_id`;

/** Assets per statement of {@link readWearAtReplacement}. */
const LOOKUPS_PER_STATEMENT = 200;

/**
 * The tool wear of each asset's last reading at or before its latest replacement, keyed by asset id. One
 * primary-key lookup per asset (`asset_id = ? AND recorded_at <= ?`, newest first, one row), batched as a UNION ALL.
 * The bounds are constants on purpose: written as a correlated subquery of the replacement time, MariaDB cannot
 * plan a range and reads every reading of the asset (10,000,000 rows per request in `api:bench`).
 */
async function readWearAtReplacement(
  pool: Pool,
  replacements: readonly { readonly assetId: string; readonly replacedAt: Date }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < replacements.length; i += LOOKUPS_PER_STATEMENT) {
    const chunk = replacements.slice(i, i + LOOKUPS_PER_STATEMENT);
    const [rows] = await pool.query<RowDataPacket[]>(
      chunk
        .map(
          () => `(SELECT asset_id, tool_wear_min FROM readings WHERE asset_id = ? AND recorded_at <= ?
            ORDER BY recorded_at DESC LIMIT 1)`,
        )
        .join(' UNION ALL '),
      chunk.flatMap((r) => [r.assetId, r.replacedAt]),
    );
    for (const row of rows) out.set(String(row['asset_id']), Number(row['tool_wear_min']));
  }
  return out;
}

function toCurrent(
  row: RowDataPacket,
  wearAtReplacement: ReadonlyMap<string, number>,
  replacementWearMin: number,
): CurrentToolWear | null {
  const assetType = String(row['asset_type']);
  // The assets CHECK allows only L/M/H; anything else would be a schema drift, not a reason to fail a route.
  if (!(ASSET_TYPES as readonly string[]).includes(assetType)) return null;
  const recordedAt = epochMs(row['r_recorded_at']);
  const replaced = row['replaced_at'] as unknown;
  const replacedAt = replaced === null || replaced === undefined ? null : epochMs(replaced);
  const toolWearMin = wearSinceReplacement({
    latestWearMin: Number(row['r_tool_wear_min']),
    latestAt: recordedAt,
    replacedAt,
    wearAtReplacementMin: wearAtReplacement.get(String(row['asset_id'])) ?? null,
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
    // Only a replacement before the latest reading needs the wear at it (after it, the new tool has not worn yet).
    const replaced = rows.flatMap((row) => {
      const at = row['replaced_at'] as unknown;
      if (at === null || at === undefined) return [];
      const replacedAt = new Date(epochMs(at));
      return replacedAt.getTime() <= epochMs(row['r_recorded_at'])
        ? [{ assetId: String(row['asset_id']), replacedAt }]
        : [];
    });
    const wearAtReplacement = await readWearAtReplacement(pool, replaced);
    return rows.flatMap((row) => toCurrent(row, wearAtReplacement, options.replacementWearMin) ?? []);
  } catch (err: unknown) {
    throw readFailed('assets', err);
  }
}
