import { MAX_FORECAST_HORIZON_WEEKS, MAX_LEAD_TIME_DAYS, STOCK_SOURCES } from '@lakehouse/domain';
import { Type, type Static } from '@sinclair/typebox';
import { AssetTypeSchema, SiteOrLineId, nullable } from './common.js';

/*
 * Contract of the spare-part routes (issue #17, ADR 0046): `GET /spare-parts/stock`, `/spare-parts/forecast` and
 * `/spare-parts/reorders`. Conventions as in common.ts: camelCase, instants epoch ms UTC, dates `YYYY-MM-DD`,
 * quantities in pieces.
 */

const CalendarDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Pieces = (description: string) => Type.Integer({ description: `${description}, pieces` });

const stockFields = {
  siteId: Type.String({ description: 'Plant whose stores hold the part' }),
  partId: Type.String({ description: 'Part number' }),
  description: Type.String(),
  assetType: AssetTypeSchema,
  onHand: Pieces('In stock'),
  onOrder: Pieces('Ordered, not yet received'),
  reorderPoint: Pieces('Level at or below which the part is reordered'),
  reorderQuantity: Pieces('Per order (an order is a whole multiple)'),
  leadTimeDays: Type.Integer({
    minimum: 0,
    maximum: MAX_LEAD_TIME_DAYS,
    description: "Supplier's lead time, days",
  }),
};

/** A stock row of `spare_part_stock`. */
export const StockItemSchema = Type.Object({
  ...stockFields,
  source: Type.Unsafe<(typeof STOCK_SOURCES)[number]>({
    type: 'string',
    enum: [...STOCK_SOURCES],
    description: 'import: a stock CSV (bulk-load stock import); generator: the simulated fleet',
  }),
  updatedAt: Type.Integer({ description: 'When a value last changed, epoch ms UTC' }),
});
export type StockItem = Static<typeof StockItemSchema>;

export const StockListSchema = Type.Object({ items: Type.Array(StockItemSchema) });
export type StockList = Static<typeof StockListSchema>;

export const SparePartsQuerySchema = Type.Object(
  { siteId: Type.Optional(SiteOrLineId) },
  { additionalProperties: false },
);
export type SparePartsQuery = Static<typeof SparePartsQuerySchema>;

export const ForecastQuerySchema = Type.Object(
  {
    siteId: Type.Optional(SiteOrLineId),
    horizonWeeks: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_FORECAST_HORIZON_WEEKS,
        description: 'ISO weeks, the current one first (default API_SPARE_PARTS_HORIZON_WEEKS)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ForecastQuery = Static<typeof ForecastQuerySchema>;

const ForecastWeekSchema = Type.Object({
  week: Type.String({ description: 'ISO week YYYY-Www' }),
  fromDate: CalendarDate('Its Monday, or today for the current week'),
  toDate: CalendarDate('Its Sunday'),
});

const PartWeekSchema = Type.Object({
  week: Type.String(),
  demand: Pieces('Tool changes predicted in the week'),
  arrivals: Pieces('Delivered in the week (on order, at the lead time from today)'),
  projectedStock: Type.Integer({ description: "Stock at the week's end, pieces; negative = shortfall" }),
  isAtOrBelowReorderPoint: Type.Boolean({
    description: 'At or below the reorder point on a day of the week',
  }),
});

const PartForecastSchema = Type.Object({
  ...stockFields,
  demandInHorizon: Pieces('Wanted over the horizon'),
  weeks: Type.Array(PartWeekSchema),
});
export type PartForecastBody = Static<typeof PartForecastSchema>;

/** `GET /spare-parts/forecast`. */
export const ForecastSchema = Type.Object({
  asOf: Type.Integer({ description: 'Epoch ms UTC; its UTC day is day 0' }),
  horizonWeeks: Type.Integer(),
  operatingHoursPerWeek: Type.Number({
    description: 'Hours a machine operates per week (API_OPERATING_HOURS_PER_WEEK)',
  }),
  replacementWearMin: Type.Number({
    description: 'Tool wear at which a tool is changed (API_TOOL_REPLACEMENT_WEAR_MIN)',
  }),
  weeks: Type.Array(ForecastWeekSchema),
  parts: Type.Array(PartForecastSchema),
  unstockedDemand: Type.Array(
    Type.Object({ siteId: Type.String(), assetType: AssetTypeSchema, demandInHorizon: Type.Integer() }),
    { description: 'Predicted tool changes of a site and asset type that no stock row holds' },
  ),
});
export type ForecastBody = Static<typeof ForecastSchema>;

const ReorderSchema = Type.Object({
  siteId: Type.String(),
  partId: Type.String(),
  assetType: AssetTypeSchema,
  description: Type.String(),
  quantity: Pieces('To order: a whole multiple of the reorder quantity'),
  reachesReorderPointOn: CalendarDate(
    'First day the projected stock is at or below the reorder point (today when it already is)',
  ),
  orderBy: CalendarDate('Order by this day: the day the reorder point is reached (the reorder-point rule)'),
  arrivesOn: CalendarDate('When such an order arrives (order-by plus the lead time)'),
  demandOverLeadTime: Pieces('Wanted from the order-by day through the arrival day'),
  projectedStockAtArrival: Type.Integer({
    description: 'Stock at the end of the arrival day without this order',
  }),
  shortfallOn: nullable(CalendarDate('First day before the arrival with the projected stock below zero')),
  isLate: Type.Boolean({
    description:
      'Even ordered by orderBy, the stock runs out before the order arrives: expedite or transfer stock',
  }),
  lateByDays: Type.Integer({
    minimum: 0,
    description: 'Days of shortfall before the arrival (0 when not late)',
  }),
});
export type ReorderBody = Static<typeof ReorderSchema>;

/** `GET /spare-parts/reorders`. */
export const ReorderListSchema = Type.Object({
  asOf: Type.Integer({ description: 'Epoch ms UTC' }),
  items: Type.Array(ReorderSchema, { description: 'Latest first' }),
  late: Type.Integer({ description: 'How many of them are late' }),
});
export type ReorderList = Static<typeof ReorderListSchema>;
