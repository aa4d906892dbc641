import type { Fleet } from './create-fleet.js';
import { DEFAULT_OPERATING_HOURS_PER_WEEK } from './forecast-spare-parts.js';
import { ASSET_TYPES, type AssetType } from './reading.js';
import { DEFAULT_TOOL_REPLACEMENT_WEAR_MIN, toolWearRatePerOperatingMin } from './remaining-tool-life.js';
import { createSeededRandom, deriveSeed } from './seeded-random.js';
import type { SparePartStock } from './spare-part-stock.js';

/** Options of {@link createFleetStock}. */
export interface FleetStockOptions {
  /** Seed of the fleet (the same seed as its layout, history and register). */
  readonly seed: number;
  readonly fleet: Fleet;
  /** Hours a machine operates per week, as the forecast assumes. @default DEFAULT_OPERATING_HOURS_PER_WEEK (80) */
  readonly operatingHoursPerWeek?: number;
  /** Tool wear at which a tool is changed, min. @default DEFAULT_TOOL_REPLACEMENT_WEAR_MIN (200) */
  readonly replacementWearMin?: number;
}

/** Part number of the simulated fleet's insert for an asset type. */
export const fleetPartId = (assetType: AssetType): string => `INSERT-${assetType}`;

/**
 * Sub-stream of the stock's randomness: apart from the layout (0), the processes (1..9999) and the register
 * (100000), so adding stock changes neither a reading nor a register row.
 */
const STOCK_STREAM = 100_001;
/** Lead times a tool supplier quotes, days. */
const LEAD_TIMES_DAYS = [7, 10, 14, 21] as const;
/** Safety stock on top of the lead-time demand in the reorder point: a quarter of it. */
const SAFETY_FACTOR = 1.25;
/** Inserts come in boxes of this many. */
const BOX = 10;

/**
 * Spare-insert stock of a simulated fleet, one row per site and asset type found in it (sorted by site, then
 * L/M/H), reproducible from the seed. Figures are sized from the fleet's expected demand (machines x tool changes
 * per week at the given operating hours): a lead time of 7-21 days, a reorder point of the lead-time demand plus
 * 25 % safety stock, a reorder quantity of two weeks of demand in boxes of 10, and on hand between 1.2 and 4 times
 * the reorder point (half of those under twice it with one lot on order). The first row is a store that missed its
 * reorder: on hand 60 % of its reorder point and nothing on order, so the fleet always needs at least one reorder.
 */
export function createFleetStock(options: FleetStockOptions): SparePartStock[] {
  const operatingHoursPerWeek = options.operatingHoursPerWeek ?? DEFAULT_OPERATING_HOURS_PER_WEEK;
  const replacementWearMin = options.replacementWearMin ?? DEFAULT_TOOL_REPLACEMENT_WEAR_MIN;
  const machines = new Map<string, number>();
  for (const a of options.fleet.assets) {
    const key = `${a.siteId}\u0000${a.assetType}`;
    machines.set(key, (machines.get(key) ?? 0) + 1);
  }
  const sites = [...new Set(options.fleet.assets.map((a) => a.siteId))].sort();
  const random = createSeededRandom(deriveSeed(options.seed, STOCK_STREAM));
  const rows: SparePartStock[] = [];
  for (const siteId of sites) {
    for (const assetType of ASSET_TYPES) {
      const count = machines.get(`${siteId}\u0000${assetType}`);
      if (count === undefined) continue;
      // Three draws per row, always in this order.
      const leadTimeDays = LEAD_TIMES_DAYS[random.nextInt(LEAD_TIMES_DAYS.length)] ?? 14;
      const coverDraw = random.next();
      const onOrderDraw = random.next();
      const changesPerWeek =
        (count * operatingHoursPerWeek * 60 * toolWearRatePerOperatingMin(assetType)) / replacementWearMin;
      const reorderPoint = Math.max(1, Math.ceil(((changesPerWeek * leadTimeDays) / 7) * SAFETY_FACTOR));
      const reorderQuantity = Math.max(BOX, Math.ceil((2 * changesPerWeek) / BOX) * BOX);
      const isFirst = rows.length === 0;
      const cover = isFirst ? 0.6 : 1.2 + coverDraw * 2.8;
      const onHand = isFirst ? Math.floor(reorderPoint * cover) : Math.round(reorderPoint * cover);
      rows.push({
        siteId,
        partId: fleetPartId(assetType),
        description: `Carbide turning insert for ${assetType} lathes (one per tool change)`,
        assetType,
        onHand,
        onOrder: !isFirst && cover < 2 && onOrderDraw < 0.5 ? reorderQuantity : 0,
        reorderPoint,
        reorderQuantity,
        leadTimeDays,
      });
    }
  }
  return rows;
}
