import { toCalendarDate } from './asset-master-data.js';
import { isoWeekday, isoWeekOf } from './iso-week.js';
import type { AssetType } from './reading.js';
import {
  DEFAULT_TOOL_REPLACEMENT_WEAR_MIN,
  remainingToolLife,
  toolWearRatePerOperatingMin,
} from './remaining-tool-life.js';
import type { SparePartStock } from './spare-part-stock.js';

/** Weeks forecast by default: two months, longer than the usual tool lead times (1-3 weeks). */
export const DEFAULT_FORECAST_HORIZON_WEEKS = 8;
/** Longest horizon accepted: half a year (the forecast assumes today's fleet and wear rates). */
export const MAX_FORECAST_HORIZON_WEEKS = 26;
/** Hours in a week: a machine that never stops. */
export const HOURS_PER_WEEK = 168;
/**
 * Operating hours a week assumed by default: two 8-hour shifts on five days, the common pattern of a machining
 * plant (ADR 0046). A setting, because a three-shift plant runs 120 h and a 24x7 cell 168 h.
 */
export const DEFAULT_OPERATING_HOURS_PER_WEEK = 80;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The latest reading of a reporting asset: where it stands and how worn its tool is. */
export interface ReportingAssetWear {
  readonly assetId: string;
  readonly assetType: AssetType;
  readonly siteId: string;
  readonly toolWearMin: number;
  /** Instant of the reading, epoch ms UTC. */
  readonly recordedAt: number;
}

/** An active (open or planned) `replace_tool` work order: one tool of the asset's type wanted at its site. */
export interface ReplaceToolOrder {
  readonly assetId: string;
  readonly assetType: AssetType;
  readonly siteId: string;
  /** When the work is due, epoch ms UTC; null = now. */
  readonly dueAt: number | null;
}

/** What {@link forecastSpareParts} reads. */
export interface SparePartForecastInput {
  /** The instant of the forecast, epoch ms UTC; its UTC day is "today". */
  readonly nowMs: number;
  readonly stock: readonly SparePartStock[];
  readonly assets: readonly ReportingAssetWear[];
  readonly workOrders: readonly ReplaceToolOrder[];
}

/** Settings of {@link forecastSpareParts}. */
export interface SparePartForecastOptions {
  /** ISO weeks forecast, the current one first. @default DEFAULT_FORECAST_HORIZON_WEEKS (8) */
  readonly horizonWeeks?: number;
  /** Hours a machine operates per week, (0, 168]. @default DEFAULT_OPERATING_HOURS_PER_WEEK (80) */
  readonly operatingHoursPerWeek?: number;
  /** Tool wear at which a tool is replaced, min. @default DEFAULT_TOOL_REPLACEMENT_WEAR_MIN (200) */
  readonly replacementWearMin?: number;
}

/** An ISO week of the horizon. */
export interface ForecastWeek {
  /** `YYYY-Www`. */
  readonly week: string;
  /** Its Monday, or today for the current week, `YYYY-MM-DD`. */
  readonly fromDate: string;
  /** Its Sunday. */
  readonly toDate: string;
}

/** One week of one part: demand, deliveries and the projected stock at the week's end. */
export interface PartWeek {
  readonly week: string;
  /** Tool changes predicted in the week (pieces). */
  readonly demand: number;
  /** Pieces delivered in the week (what is on order, at the lead time from today). */
  readonly arrivals: number;
  /** Stock at the end of the week; negative = a shortfall. */
  readonly projectedStock: number;
  /** The projected stock is at or below the reorder point on some day of the week. */
  readonly isAtOrBelowReorderPoint: boolean;
}

/** The forecast of one stock row. */
export interface PartForecast extends SparePartStock {
  /** Pieces wanted over the horizon. */
  readonly demandInHorizon: number;
  readonly weeks: readonly PartWeek[];
}

/** What to order: the part, how many and by when. */
export interface ReorderRecommendation {
  readonly siteId: string;
  readonly partId: string;
  readonly assetType: AssetType;
  readonly description: string;
  /** Pieces to order: a whole multiple of the reorder quantity, at least one lot. */
  readonly quantity: number;
  /** First day the projected stock is at or below the reorder point (today when it already is), `YYYY-MM-DD`. */
  readonly reachesReorderPointOn: string;
  /** Order by this day: the day the reorder point is reached (the reorder-point rule). */
  readonly orderBy: string;
  /** When an order placed by then arrives (order-by plus the lead time). */
  readonly arrivesOn: string;
  /** Pieces wanted from the order-by day through the arrival day. */
  readonly demandOverLeadTime: number;
  /** Projected stock at the end of the arrival day without this order. */
  readonly projectedStockAtArrival: number;
  /** First day before the arrival on which the projected stock is below zero (a shortfall); null: none. */
  readonly shortfallOn: string | null;
  /** Even ordered by `orderBy`, the stock runs out before the order arrives: expedite or find stock elsewhere. */
  readonly isLate: boolean;
  /** Days of shortfall before the arrival (arrival day minus the shortfall day; 0 when not late). */
  readonly lateByDays: number;
}

/** Demand of a site and asset type that no stock row holds (no part to draw from). */
export interface UnstockedDemand {
  readonly siteId: string;
  readonly assetType: AssetType;
  readonly demandInHorizon: number;
}

/** Result of {@link forecastSpareParts}. */
export interface SparePartForecast {
  readonly asOf: number;
  readonly horizonWeeks: number;
  readonly operatingHoursPerWeek: number;
  readonly replacementWearMin: number;
  readonly weeks: readonly ForecastWeek[];
  readonly parts: readonly PartForecast[];
  readonly recommendations: readonly ReorderRecommendation[];
  readonly unstockedDemand: readonly UnstockedDemand[];
}

/** Tool changes of one asset: the first at `firstMs`, then one every `everyMs` (null: the first only). */
interface ChangeSeries {
  readonly key: string;
  readonly firstMs: number;
  readonly everyMs: number | null;
}

const groupKey = (siteId: string, assetType: AssetType): string => `${siteId}\u0000${assetType}`;

function checkOptions(options: SparePartForecastOptions): Required<SparePartForecastOptions> {
  const horizonWeeks = options.horizonWeeks ?? DEFAULT_FORECAST_HORIZON_WEEKS;
  const operatingHoursPerWeek = options.operatingHoursPerWeek ?? DEFAULT_OPERATING_HOURS_PER_WEEK;
  const replacementWearMin = options.replacementWearMin ?? DEFAULT_TOOL_REPLACEMENT_WEAR_MIN;
  if (!Number.isInteger(horizonWeeks) || horizonWeeks < 1 || horizonWeeks > MAX_FORECAST_HORIZON_WEEKS)
    throw new RangeError(
      `horizonWeeks must be 1..${MAX_FORECAST_HORIZON_WEEKS}, got ${String(horizonWeeks)}`,
    );
  if (!(operatingHoursPerWeek > 0 && operatingHoursPerWeek <= HOURS_PER_WEEK))
    throw new RangeError(`operatingHoursPerWeek must be in (0, 168], got ${String(operatingHoursPerWeek)}`);
  if (!(replacementWearMin > 0 && Number.isFinite(replacementWearMin)))
    throw new RangeError(`replacementWearMin must be a positive number, got ${String(replacementWearMin)}`);
  return { horizonWeeks, operatingHoursPerWeek, replacementWearMin };
}

/**
 * Calendar ms between two tool changes of an asset type: a tool lasts `replacementWearMin / rate` operating
 * minutes, and the machine operates `operatingHoursPerWeek / 168` of the time, so a change comes every
 * `replacementWearMin / rate x 168 / operatingHoursPerWeek` minutes (whole ms).
 */
export function toolChangeIntervalMs(
  assetType: AssetType,
  options: { readonly replacementWearMin: number; readonly operatingHoursPerWeek: number },
): number {
  const operatingMin = options.replacementWearMin / toolWearRatePerOperatingMin(assetType);
  return Math.round((operatingMin * MINUTE_MS * HOURS_PER_WEEK) / options.operatingHoursPerWeek);
}

/** Changes of a series in [fromMs, toMs): events at first + k x every, k >= 0. */
function changesBetween(series: ChangeSeries, fromMs: number, toMs: number): number {
  const before = (x: number): number => {
    if (x <= series.firstMs) return 0;
    return series.everyMs === null ? 1 : Math.ceil((x - series.firstMs) / series.everyMs);
  };
  return before(toMs) - before(fromMs);
}

/**
 * Spare-part demand per site, part and ISO week, the projected stock and the reorders it calls for (ADR 0046).
 *
 * Demand: per reporting asset, its current tool is changed at its remaining-tool-life due time (or, when it has an
 * active `replace_tool` work order, at that order's due time, now if it has none: the work order is that change,
 * not another one), then every {@link toolChangeIntervalMs}; a change due in the past counts today. A work order of
 * an asset without a reading is one change. Changes go to the stock row of the asset's site and type (the lowest
 * part id when several match); those without one are reported as unstocked demand.
 *
 * Per stock row and day d (0 = today, UTC): `stock(d) = onHand + (d >= leadTimeDays ? onOrder : 0) - demand(0..d)`
 * (what is on order arrives at the lead time from today). When `stock(d) <= reorderPoint` for some d in
 * [0, leadTimeDays], a reorder is recommended by the reorder-point rule: order on the first such day R (today when
 * the stock is already there), arriving on day A = R + leadTimeDays, quantity the smallest whole multiple (at least
 * one) of `reorderQuantity` that brings `stock(A)` back to the reorder point. It is late when the stock goes below
 * zero on a day S < A (a shortfall even though the order is placed on time), by `A - S` days.
 */
export function forecastSpareParts(
  input: SparePartForecastInput,
  options: SparePartForecastOptions = {},
): SparePartForecast {
  const settings = checkOptions(options);
  const { nowMs } = input;
  if (!Number.isSafeInteger(nowMs)) throw new RangeError(`nowMs must be epoch ms, got ${String(nowMs)}`);
  const todayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const horizonDays = 8 - isoWeekday(todayMs) + (settings.horizonWeeks - 1) * 7;
  const maxLeadDays = input.stock.reduce((m, s) => Math.max(m, s.leadTimeDays), 0);
  // An order placed on the last day of the lead time arrives a lead time later: the level is needed that far.
  const days = Math.max(horizonDays, 2 * maxLeadDays + 1);

  const ordered = new Map(input.workOrders.map((o) => [o.assetId, o]));
  const series: ChangeSeries[] = [];
  const reporting = new Set<string>();
  for (const a of input.assets) {
    reporting.add(a.assetId);
    const order = ordered.get(a.assetId);
    const firstMs =
      order === undefined
        ? remainingToolLife(a, { replacementWearMin: settings.replacementWearMin }).dueAt
        : (order.dueAt ?? nowMs);
    series.push({
      key: groupKey(a.siteId, a.assetType),
      firstMs: Math.max(firstMs, nowMs),
      everyMs: toolChangeIntervalMs(a.assetType, settings),
    });
  }
  for (const o of input.workOrders)
    if (!reporting.has(o.assetId))
      series.push({
        key: groupKey(o.siteId, o.assetType),
        firstMs: Math.max(o.dueAt ?? nowMs, nowMs),
        everyMs: null,
      });

  const daily = new Map<string, number[]>();
  for (const s of series) {
    let counts = daily.get(s.key);
    if (counts === undefined) {
      counts = new Array<number>(days).fill(0);
      daily.set(s.key, counts);
    }
    const firstDay = Math.max(0, Math.floor((s.firstMs - todayMs) / DAY_MS));
    for (let d = firstDay; d < days; d++) {
      counts[d] = (counts[d] ?? 0) + changesBetween(s, todayMs + d * DAY_MS, todayMs + (d + 1) * DAY_MS);
      if (s.everyMs === null) break;
    }
  }

  const weeks: ForecastWeek[] = [];
  for (let d = 0; d < horizonDays;) {
    const end = Math.min(horizonDays, d + 8 - isoWeekday(todayMs + d * DAY_MS));
    weeks.push({
      week: isoWeekOf(todayMs + d * DAY_MS),
      fromDate: toCalendarDate(todayMs + d * DAY_MS),
      toDate: toCalendarDate(todayMs + (end - 1) * DAY_MS),
    });
    d = end;
  }

  const stock = [...input.stock].sort((a, b) =>
    a.siteId === b.siteId ? (a.partId < b.partId ? -1 : 1) : a.siteId < b.siteId ? -1 : 1,
  );
  const served = new Set<string>();
  const parts: PartForecast[] = [];
  const recommendations: ReorderRecommendation[] = [];
  for (const row of stock) {
    const key = groupKey(row.siteId, row.assetType);
    const demand = served.has(key) ? null : (daily.get(key) ?? null);
    served.add(key);
    const demandOn = (d: number): number => demand?.[d] ?? 0;
    const level: number[] = [];
    let running = row.onHand;
    for (let d = 0; d < days; d++) {
      if (d === row.leadTimeDays) running += row.onOrder;
      running -= demandOn(d);
      level.push(running);
    }
    const levelOn = (d: number): number => level[d] ?? running;
    let dayOffset = 0;
    const partWeeks = weeks.map((w): PartWeek => {
      const length = (Date.parse(w.toDate) - Date.parse(w.fromDate)) / DAY_MS + 1;
      let weekDemand = 0;
      let isLow = false;
      for (let d = dayOffset; d < dayOffset + length; d++) {
        weekDemand += demandOn(d);
        if (levelOn(d) <= row.reorderPoint) isLow = true;
      }
      const hasArrival = row.leadTimeDays >= dayOffset && row.leadTimeDays < dayOffset + length;
      dayOffset += length;
      return {
        week: w.week,
        demand: weekDemand,
        arrivals: hasArrival ? row.onOrder : 0,
        projectedStock: levelOn(dayOffset - 1),
        isAtOrBelowReorderPoint: isLow,
      };
    });
    parts.push({ ...row, demandInHorizon: partWeeks.reduce((n, w) => n + w.demand, 0), weeks: partWeeks });

    const lead = row.leadTimeDays;
    const reachDay = level.findIndex((v, d) => d <= lead && v <= row.reorderPoint);
    if (reachDay < 0) continue;
    // The reorder-point rule: order on the day the stock reaches the reorder point (today when it already has).
    const arrivalDay = reachDay + lead;
    const atArrival = levelOn(arrivalDay);
    const lots = Math.max(1, Math.ceil((row.reorderPoint - atArrival) / row.reorderQuantity));
    let demandOverLeadTime = 0;
    for (let d = reachDay; d <= arrivalDay; d++) demandOverLeadTime += demandOn(d);
    // Late: even ordered on time, the stock runs out (below zero) before the order arrives.
    const shortfallDay = level.findIndex((v, d) => d < arrivalDay && v < 0);
    recommendations.push({
      siteId: row.siteId,
      partId: row.partId,
      assetType: row.assetType,
      description: row.description,
      quantity: lots * row.reorderQuantity,
      reachesReorderPointOn: toCalendarDate(todayMs + reachDay * DAY_MS),
      orderBy: toCalendarDate(todayMs + reachDay * DAY_MS),
      arrivesOn: toCalendarDate(todayMs + arrivalDay * DAY_MS),
      demandOverLeadTime,
      projectedStockAtArrival: atArrival,
      shortfallOn: shortfallDay < 0 ? null : toCalendarDate(todayMs + shortfallDay * DAY_MS),
      isLate: shortfallDay >= 0,
      lateByDays: shortfallDay < 0 ? 0 : arrivalDay - shortfallDay,
    });
  }
  recommendations.sort((a, b) => b.lateByDays - a.lateByDays);

  const unstockedDemand: UnstockedDemand[] = [];
  for (const [key, counts] of daily) {
    if (served.has(key)) continue;
    const [siteId = '', assetType = 'L'] = key.split('\u0000');
    unstockedDemand.push({
      siteId,
      assetType: assetType as AssetType,
      demandInHorizon: counts.slice(0, horizonDays).reduce((n, c) => n + c, 0),
    });
  }
  unstockedDemand.sort((a, b) =>
    a.siteId === b.siteId ? (a.assetType < b.assetType ? -1 : 1) : a.siteId < b.siteId ? -1 : 1,
  );
  return { asOf: nowMs, ...settings, weeks, parts, recommendations, unstockedDemand };
}
