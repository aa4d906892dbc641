import {
  createFleet,
  createFleetStock,
  forecastSpareParts,
  type ReorderRecommendation,
} from '@lakehouse/domain';
import {
  listActiveReplaceToolOrders,
  listReportingAssetWear,
  listSparePartStock,
  upsertSparePartStock,
  type UpsertSparePartStockResult,
} from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import type { Say } from './demo-runner.js';

/**
 * Writes the spare-insert stock of the simulated fleet (libs/domain's `createFleetStock`, one row per site and
 * asset type, sized for the API's default 80 operating hours a week), beside the asset register. Each run puts
 * the generated figures back (work orders done in an earlier run may have drawn stock down): the demo starts from
 * the same stock every time, and its first row is below its reorder point, so a reorder is always recommended.
 */
export async function registerFleetStock(
  pool: Pool,
  spec: {
    readonly assets: number;
    readonly sites: number;
    readonly linesPerSite: number;
    readonly seed: number;
  },
): Promise<UpsertSparePartStockResult> {
  const rows = createFleetStock({ seed: spec.seed, fleet: createFleet(spec) });
  return upsertSparePartStock(
    pool,
    rows.map((stock) => ({ stock, source: 'generator' as const })),
  );
}

/** One line for the step's output. */
export function describeStock(result: UpsertSparePartStockResult): string {
  return `spare-part stock (on hand, reorder point, lead time per site and insert): ${String(result.inserted)} new, ${String(result.updated)} updated, ${String(result.unchanged)} unchanged`;
}

/**
 * The end-of-run check of issue #17: the reorders the Spare parts page recommends, computed as the API does (same
 * reads, same domain function, the API's default settings). Prints them; returns how many there are.
 */
export async function checkReorders(pool: Pool, say: Say, nowMs = Date.now()): Promise<number> {
  const [stock, assets, workOrders] = await Promise.all([
    listSparePartStock(pool),
    listReportingAssetWear(pool),
    listActiveReplaceToolOrders(pool),
  ]);
  const { recommendations } = forecastSpareParts({ nowMs, stock, assets, workOrders });
  if (recommendations.length === 0) {
    say(
      '✖ no reorder recommended: the Spare parts page should recommend at least one for the simulated fleet',
    );
    return 0;
  }
  const late = recommendations.filter((r) => r.isLate).length;
  const line = (r: ReorderRecommendation): string =>
    `${r.siteId} ${r.partId}: ${String(r.quantity)} by ${r.orderBy}${r.isLate ? ` (late by ${String(r.lateByDays)} d)` : ''}`;
  say(
    `✔ ${String(recommendations.length)} reorder${recommendations.length === 1 ? '' : 's'} recommended (${String(late)} late): ${recommendations.slice(0, 3).map(line).join('; ')}${recommendations.length > 3 ? '; …' : ''}`,
  );
  return recommendations.length;
}
