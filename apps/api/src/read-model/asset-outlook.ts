import { endOfLife, riskBandOf } from '@lakehouse/domain';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { AssetOutlook, AssetOutlookList, AssetOutlookQuery } from '../schemas/asset-life.js';
import { queryAssetPage } from './asset-page.js';
import { epochMs } from './stored-reading.js';

/*
 * Per reporting asset: the latest reading's probability through the readings primary key (assets.last_seen_at, ADR
 * 0030) and the register row through its primary key: two index dives per asset, whatever the readings. Once the
 * history is scored (ADR 0043) and ingest scores the live readings, the latest reading is the latest scored one.
 */
const SELECT_OUTLOOK = `SELECT a.asset_id, a.asset_type, a.site_id, a.line_id, a.last_seen_at,
  r.failure_probability AS r_failure_probability, m.manufacturer, m.model, m.criticality,
  DATE_FORMAT(m.installed_on, '%Y-%m-%d') AS installed_on, m.service_life_months
FROM assets a
LEFT JOIN readings r ON r.asset_id = a.asset_id AND r.recorded_at = a.last_seen_at
LEFT JOIN asset_master_data m ON m.asset_id = a.asset_id`;

/** Months to two decimals, as the other life routes give them. */
const months = (value: number): number => Math.round(value * 100) / 100;

function toOutlook(row: RowDataPacket, nowMs: number, operatingSinceMs: number): AssetOutlook {
  const lastSeenAt = epochMs(row['last_seen_at']);
  const p = row['r_failure_probability'] as number | null | undefined;
  const probability = p === null || p === undefined ? null : Number(p);
  const installedOn = (row['installed_on'] as string | null) ?? null;
  const serviceLifeMonths = row['service_life_months'] as number | null;
  const eol =
    installedOn === null || serviceLifeMonths === null
      ? null
      : endOfLife({ installedOn, serviceLifeMonths: Number(serviceLifeMonths) }, nowMs);
  return {
    assetId: String(row['asset_id']),
    assetType: String(row['asset_type']),
    siteId: (row['site_id'] as string | null) ?? null,
    lineId: (row['line_id'] as string | null) ?? null,
    lastSeenAt,
    isOperating: lastSeenAt >= operatingSinceMs,
    failureProbability: probability,
    riskBand: riskBandOf(probability),
    manufacturer: (row['manufacturer'] as string | null) ?? null,
    model: (row['model'] as string | null) ?? null,
    criticality: (row['criticality'] as string | null) ?? null,
    installedOn,
    endOfLife: eol === null ? null : { ...eol, monthsRemaining: months(eol.monthsRemaining) },
  };
}

/**
 * GET /fleet/end-of-life/assets: reporting assets with their current failure probability and expected end of life,
 * keyset-paginated by asset id like GET /assets. Machines only in the register have no probability; the fleet
 * summary (GET /fleet/end-of-life) counts them.
 */
export async function listAssetOutlook(
  pool: Pool,
  query: AssetOutlookQuery,
  options: { readonly nowMs: number; readonly operatingWindowMs: number },
): Promise<AssetOutlookList> {
  const since = options.nowMs - options.operatingWindowMs;
  const page = await queryAssetPage(pool, SELECT_OUTLOOK, { where: [], params: [] }, query, (r) =>
    toOutlook(r, options.nowMs, since),
  );
  return { asOf: options.nowMs, ...page };
}
