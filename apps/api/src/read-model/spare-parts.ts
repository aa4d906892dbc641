import { forecastSpareParts, type SparePartForecast } from '@lakehouse/domain';
import {
  listActiveReplaceToolOrders,
  listReportingAssetWear,
  listSparePartStock,
  type StoredSparePartStock,
} from '@lakehouse/sql';
import type { Pool } from 'mysql2/promise';
import type { ForecastBody, ReorderList, StockItem } from '../schemas/spare-parts.js';

/** Settings of the spare-part forecast. */
export interface SparePartsOptions {
  readonly nowMs: number;
  readonly horizonWeeks: number;
  readonly operatingHoursPerWeek: number;
  readonly replacementWearMin: number;
  readonly siteId?: string;
}

const stockItem = (s: StoredSparePartStock): StockItem => ({
  siteId: s.siteId,
  partId: s.partId,
  description: s.description,
  assetType: s.assetType,
  onHand: s.onHand,
  onOrder: s.onOrder,
  reorderPoint: s.reorderPoint,
  reorderQuantity: s.reorderQuantity,
  leadTimeDays: s.leadTimeDays,
  source: s.source,
  updatedAt: s.updatedAt,
});

/** Stock rows by site and part, of one site when given. */
export async function readStock(pool: Pool, filter: { readonly siteId?: string }): Promise<StockItem[]> {
  return (await listSparePartStock(pool, filter)).map(stockItem);
}

/**
 * The forecast over the stock rows, the latest reading of every reporting asset (the primary-key join of ADR 0030)
 * and the active replace_tool work orders: three reads that scale with stock rows and assets, never readings; the
 * arithmetic is libs/domain's `forecastSpareParts`.
 */
export async function readSparePartForecast(
  pool: Pool,
  options: SparePartsOptions,
): Promise<SparePartForecast> {
  const filter = options.siteId === undefined ? {} : { siteId: options.siteId };
  const [stock, assets, workOrders] = await Promise.all([
    listSparePartStock(pool, filter),
    listReportingAssetWear(pool, filter),
    listActiveReplaceToolOrders(pool, filter),
  ]);
  return forecastSpareParts(
    { nowMs: options.nowMs, stock, assets, workOrders },
    {
      horizonWeeks: options.horizonWeeks,
      operatingHoursPerWeek: options.operatingHoursPerWeek,
      replacementWearMin: options.replacementWearMin,
    },
  );
}

/** The forecast as the route returns it (stock rows without provenance). */
export function forecastBody(f: SparePartForecast): ForecastBody {
  return {
    asOf: f.asOf,
    horizonWeeks: f.horizonWeeks,
    operatingHoursPerWeek: f.operatingHoursPerWeek,
    replacementWearMin: f.replacementWearMin,
    weeks: [...f.weeks],
    parts: f.parts.map((p) => ({
      siteId: p.siteId,
      partId: p.partId,
      description: p.description,
      assetType: p.assetType,
      onHand: p.onHand,
      onOrder: p.onOrder,
      reorderPoint: p.reorderPoint,
      reorderQuantity: p.reorderQuantity,
      leadTimeDays: p.leadTimeDays,
      demandInHorizon: p.demandInHorizon,
      weeks: [...p.weeks],
    })),
    unstockedDemand: [...f.unstockedDemand],
  };
}

/** The reorder recommendations, latest first. */
export function reorderBody(f: SparePartForecast): ReorderList {
  return {
    asOf: f.asOf,
    items: [...f.recommendations],
    late: f.recommendations.filter((r) => r.isLate).length,
  };
}
