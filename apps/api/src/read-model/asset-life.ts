import {
  ASSET_TYPES,
  END_OF_LIFE_HORIZONS_MONTHS,
  endOfLife,
  endOfLifeGroup,
  remainingToolLife,
  summariseEndOfLife,
  type AssetType,
  type EndOfLifeGroup,
} from '@lakehouse/domain';
import {
  countAssetsWithoutMasterData,
  getAssetMasterData,
  listAssetMasterData,
  type StoredAssetMasterData,
} from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type {
  AssetLife,
  EndOfLifeGroupBody,
  FleetEndOfLife,
  MasterData,
  ToolLife,
} from '../schemas/asset-life.js';
import { groupByManufacturerAndInstallYear } from './install-year-groups.js';
import { epochMs, readFailed } from './stored-reading.js';

/** Settings of the remaining-life figures. */
export interface AssetLifeOptions {
  readonly nowMs: number;
  /** Tool wear at which a tool is replaced, min. */
  readonly replacementWearMin: number;
}

/** Key of the group of assets without a known site (as the KPI groups name it). */
const NO_SITE = '(none)';

/** Months to two decimals: enough for a planner, and stable in JSON. */
const months = (value: number): number => Math.round(value * 100) / 100;

function masterDataBody(m: StoredAssetMasterData): MasterData {
  return {
    manufacturer: m.manufacturer,
    model: m.model,
    installedOn: m.installedOn,
    serviceLifeMonths: m.serviceLifeMonths,
    criticality: m.criticality,
    siteId: m.siteId ?? null,
    lineId: m.lineId ?? null,
    source: m.source,
    updatedAt: m.updatedAt,
  };
}

/*
 * The latest reading is the primary-key join on assets.last_seen_at (ADR 0030): one index dive for the asset.
 */
const SELECT_LATEST = `SELECT a.asset_type, a.site_id, a.line_id, r.recorded_at AS r_recorded_at, r.tool_wear_min AS r_tool_wear_min
FROM assets a
LEFT JOIN readings r ON r.asset_id = a.asset_id AND r.recorded_at = a.last_seen_at
WHERE a.asset_id = ?`;

/**
 * Remaining tool life, end of life and register entry of one asset, or null when neither `assets` nor the register
 * knows it. Tool life needs a reading, end of life a register entry; either is null without its source.
 */
export async function readAssetLife(
  pool: Pool,
  assetId: string,
  options: AssetLifeOptions,
): Promise<AssetLife | null> {
  const latest = async (): Promise<RowDataPacket | undefined> => {
    try {
      const [rows] = await pool.query<RowDataPacket[]>(SELECT_LATEST, [assetId]);
      return rows[0];
    } catch (err: unknown) {
      throw readFailed('assets', err);
    }
  };
  const [row, master] = await Promise.all([latest(), getAssetMasterData(pool, assetId)]);
  if (row === undefined && master === null) return null;
  const assetType = row === undefined ? null : String(row['asset_type']);
  const toolLife =
    row === undefined ? null : toolLifeOf(row, String(row['asset_type']), options.replacementWearMin);
  const eol = master === null ? null : endOfLife(master, options.nowMs);
  return {
    assetId: master?.assetId ?? assetId,
    assetType,
    siteId: (row?.['site_id'] as string | null | undefined) ?? master?.siteId ?? null,
    lineId: (row?.['line_id'] as string | null | undefined) ?? master?.lineId ?? null,
    asOf: options.nowMs,
    masterData: master === null ? null : masterDataBody(master),
    toolLife,
    endOfLife: eol === null ? null : { ...eol, monthsRemaining: months(eol.monthsRemaining) },
  };
}

/** Remaining tool life from the latest reading of the asset's row, or null when it has none. */
function toolLifeOf(row: RowDataPacket, assetType: string, replacementWearMin: number): ToolLife | null {
  const recordedAtValue = row['r_recorded_at'] as unknown;
  if (recordedAtValue === null || recordedAtValue === undefined) return null;
  // The assets CHECK allows only L/M/H; anything else would be a schema drift, not a reason to fail the route.
  if (!(ASSET_TYPES as readonly string[]).includes(assetType)) return null;
  const toolWearMin = Number(row['r_tool_wear_min']);
  const recordedAt = epochMs(recordedAtValue);
  const life = remainingToolLife(
    { assetType: assetType as AssetType, toolWearMin, recordedAt },
    { replacementWearMin },
  );
  return { toolWearMin, recordedAt, ...life };
}

const groupBody = (g: EndOfLifeGroup): EndOfLifeGroupBody => ({
  ...g,
  meanMonthsToEndOfLife: g.meanMonthsToEndOfLife === null ? null : months(g.meanMonthsToEndOfLife),
});

/**
 * End of life over the register, for the whole fleet, by site and by manufacturer. A register entry's site is
 * where its readings place it, else where the register says. Reads the register once (one row per machine) and the
 * count of reporting assets it lacks; the grouping is done here, with the same function as the per-asset route.
 */
export async function readFleetEndOfLife(
  pool: Pool,
  options: { readonly nowMs: number },
): Promise<FleetEndOfLife> {
  const [register, withoutMasterData] = await Promise.all([
    listAssetMasterData(pool),
    countAssetsWithoutMasterData(pool),
  ]);
  const items = register.map((m) => ({
    site: m.reported?.siteId ?? m.siteId ?? NO_SITE,
    manufacturer: m.manufacturer,
    monthsRemaining: endOfLife(m, options.nowMs).monthsRemaining,
  }));
  return {
    asOf: options.nowMs,
    horizonsMonths: [...END_OF_LIFE_HORIZONS_MONTHS],
    fleet: groupBody(endOfLifeGroup('fleet', items)),
    bySite: summariseEndOfLife(items, (i) => i.site).map(groupBody),
    byManufacturer: summariseEndOfLife(items, (i) => i.manufacturer).map(groupBody),
    byManufacturerAndInstallYear: groupByManufacturerAndInstallYear(register),
    reportingAssetsWithoutMasterData: withoutMasterData,
  };
}
