import {
  END_OF_LIFE_HORIZONS_MONTHS,
  endOfLife,
  endOfLifeGroup,
  summariseEndOfLife,
  type EndOfLifeGroup,
} from '@lakehouse/domain';
import {
  countAssetsWithoutMasterData,
  getAssetMasterData,
  listAssetMasterData,
  type StoredAssetMasterData,
} from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { AssetLife, EndOfLifeGroupBody, FleetEndOfLife, MasterData } from '../schemas/asset-life.js';
import { groupByManufacturerAndInstallYear } from './install-year-groups.js';
import { readFailed } from './stored-reading.js';
import { readCurrentToolWear } from './tool-wear.js';

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

/* The asset row by primary key; its latest reading and tool replacement come from readCurrentToolWear. */
const SELECT_ASSET = 'SELECT a.asset_type, a.site_id, a.line_id FROM assets a WHERE a.asset_id = ?';

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
      const [rows] = await pool.query<RowDataPacket[]>(SELECT_ASSET, [assetId]);
      return rows[0];
    } catch (err: unknown) {
      throw readFailed('assets', err);
    }
  };
  const [row, master, wear] = await Promise.all([
    latest(),
    getAssetMasterData(pool, assetId),
    readCurrentToolWear(pool, { replacementWearMin: options.replacementWearMin, assetId }),
  ]);
  if (row === undefined && master === null) return null;
  const assetType = row === undefined ? null : String(row['asset_type']);
  const toolLife = wear[0]?.toolLife ?? null;
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
