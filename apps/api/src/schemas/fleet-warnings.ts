import { EPISODE_BANDS, WORK_ORDER_ACTIONS, WORK_ORDER_STATES, type EpisodeBand } from '@lakehouse/domain';
import type { WorkOrderAction, WorkOrderState } from '@lakehouse/domain';
import { Type, type Static } from '@sinclair/typebox';
import { EpisodeForecastProperties } from './alert-episodes.js';
import {
  Cursor,
  EpochMs,
  SiteOrLineId,
  nullable,
  nullableInteger,
  nullableNumber,
  nullableString,
} from './common.js';

/*
 * The planner's view of predicting ahead (issue #18, ADR 0050): the open alert episodes ordered by when the failure
 * is expected, with the asset's latest horizon risk and the work orders the episodes asked for; and the horizon
 * risk of one asset over time.
 */

export const FleetWarningsQuerySchema = Type.Object(
  {
    siteId: Type.Optional(SiteOrLineId),
    lineId: Type.Optional(SiteOrLineId),
    band: Type.Optional(
      Type.Union(
        EPISODE_BANDS.map((b) => Type.Literal(b)),
        { description: 'Only warnings of this band' },
      ),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type FleetWarningsQuery = Static<typeof FleetWarningsQuerySchema>;

/** The newest row of `horizon_risks` of an asset: the risk within the horizon and the expected minutes to failure. */
export const HorizonRiskSchema = Type.Object({
  recordedAt: Type.Integer({ description: 'Instant of the scored reading, epoch ms UTC' }),
  modelId: Type.Integer({ description: 'Registry id of the model whose horizon part scored it' }),
  horizonMinutes: Type.Integer({ description: 'Horizon of the risk, minutes of operation' }),
  risk: Type.Number({ description: 'Probability of a failure within the horizon' }),
  expectedMinutesToFailure: nullableNumber({
    description: 'Expected minutes of operation to the next failure; null when the risks give no estimate',
  }),
});
export type HorizonRisk = Static<typeof HorizonRiskSchema>;

/** A work order an episode asked for: enough to see whether someone is on it. */
export const WarningWorkOrderSchema = Type.Object({
  workOrderId: Type.String(),
  action: Type.Unsafe<WorkOrderAction>({ type: 'string', enum: [...WORK_ORDER_ACTIONS] }),
  state: Type.Unsafe<WorkOrderState>({ type: 'string', enum: [...WORK_ORDER_STATES] }),
  priority: Type.Integer({ description: '1 (most urgent) to 4' }),
  dueAt: nullableInteger({ description: 'Epoch ms UTC' }),
});
export type WarningWorkOrder = Static<typeof WarningWorkOrderSchema>;

/** One open alert episode as a warning: when the asset is expected to fail, and what is being done about it. */
export const FleetWarningSchema = Type.Object({
  episodeId: Type.String({ description: '<assetId>~<openedAt epoch ms>' }),
  assetId: Type.String(),
  assetType: nullableString(),
  siteId: nullableString(),
  lineId: nullableString(),
  band: Type.Unsafe<EpisodeBand>({ type: 'string', enum: [...EPISODE_BANDS] }),
  openedAt: Type.Integer({ description: 'Epoch ms UTC' }),
  lastHighAt: Type.Integer({ description: 'Latest reading at or above the open threshold, epoch ms UTC' }),
  peakProbability: Type.Number({ description: 'Highest score of the episode (of its score kind)' }),
  peakAt: Type.Integer(),
  ...EpisodeForecastProperties,
  horizonRisk: nullable(HorizonRiskSchema),
  workOrders: Type.Array(WarningWorkOrderSchema, {
    description: 'Work orders whose latest episode is this one, most urgent first',
  }),
});
export type FleetWarning = Static<typeof FleetWarningSchema>;

export const FleetWarningsSchema = Type.Object({
  asOf: Type.Integer({ description: 'Epoch ms UTC' }),
  items: Type.Array(FleetWarningSchema, {
    description: 'Soonest expected failure first; episodes without an estimate last',
  }),
  nextCursor: nullableString(),
});
export type FleetWarnings = Static<typeof FleetWarningsSchema>;

export const HorizonRiskQuerySchema = Type.Object(
  {
    from: EpochMs,
    to: EpochMs,
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type HorizonRiskQuery = Static<typeof HorizonRiskQuerySchema>;

export const HorizonRiskPageSchema = Type.Object({
  assetId: Type.String(),
  from: Type.Integer(),
  to: Type.Integer({ description: 'Exclusive' }),
  points: Type.Array(HorizonRiskSchema, { description: 'Oldest first' }),
  nextCursor: nullableString(),
});
export type HorizonRiskPage = Static<typeof HorizonRiskPageSchema>;
