import {
  EPISODE_SCORE_KINDS,
  MULTI_LINE_TEXT_PATTERN,
  SINGLE_LINE_TEXT_PATTERN,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_SOURCES,
  WORK_ORDER_STATES,
  type EpisodeScoreKind,
  type WorkOrderAction,
  type WorkOrderSource,
  type WorkOrderState,
} from '@lakehouse/domain';
import { Type, type Static } from '@sinclair/typebox';
import {
  AssetIdSchema,
  Cursor,
  EpochMs,
  SiteOrLineId,
  nullable,
  nullableInteger,
  nullableString,
} from './common.js';

const ActionSchema = Type.Unsafe<WorkOrderAction>({
  type: 'string',
  enum: [...WORK_ORDER_ACTIONS],
  description: 'replace_tool, inspect_cooling, check_power_settings or inspect_machine',
});
/** The same, for what the routes validate (the TypeBox compiler needs real kinds, not Unsafe). */
const ActionInputSchema = Type.Union(
  WORK_ORDER_ACTIONS.map((a) => Type.Literal(a)),
  { description: 'replace_tool, inspect_cooling, check_power_settings or inspect_machine' },
);
const StateSchema = Type.Unsafe<WorkOrderState>({ type: 'string', enum: [...WORK_ORDER_STATES] });
const PrioritySchema = Type.Integer({
  minimum: WORK_ORDER_PRIORITIES.min,
  maximum: WORK_ORDER_PRIORITIES.max,
  description: '1 (most urgent) to 4',
});

/** Work order ids: `<episodeId>~<action>[~escalate]`, `<assetId>~tool~<dueAt ms>` or `<assetId>~manual~<ms>`. */
export const WORK_ORDER_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:~-]{0,159}$';

export const WorkOrderListQuerySchema = Type.Object(
  {
    state: Type.Union(
      [...WORK_ORDER_STATES, 'active', 'all'].map((s) => Type.Literal(s)),
      { default: 'active', description: 'active = open or planned' },
    ),
    assetId: Type.Optional(AssetIdSchema),
    siteId: Type.Optional(SiteOrLineId),
    action: Type.Optional(ActionInputSchema),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type WorkOrderListQuery = Static<typeof WorkOrderListQuerySchema>;

/** A maintenance work order (ADR 0045). */
export const WorkOrderSchema = Type.Object({
  workOrderId: Type.String(),
  assetId: Type.String(),
  assetType: nullableString(),
  siteId: nullableString({ description: "The readings' site, else the register's" }),
  action: ActionSchema,
  source: Type.Unsafe<WorkOrderSource>({ type: 'string', enum: [...WORK_ORDER_SOURCES] }),
  episodeId: nullableString({ description: 'The latest alert episode that asked for it' }),
  scoreKind: Type.Unsafe<EpisodeScoreKind | null>({
    type: ['string', 'null'],
    enum: [...EPISODE_SCORE_KINDS, null],
    description:
      "What that episode's thresholds were applied to (reading or horizon); null without an episode",
  }),
  expectedFailureAt: nullableInteger({
    description: "That episode's expected failure time, epoch ms UTC; null without an episode or an estimate",
  }),
  state: StateSchema,
  priority: PrioritySchema,
  dueAt: nullableInteger({ description: 'When the work is due, epoch ms UTC' }),
  reason: Type.String(),
  plannedFor: nullableInteger(),
  assignedTo: nullableString(),
  doneAt: nullableInteger(),
  doneBy: nullableString({ description: 'Who recorded it done or cancelled' }),
  note: nullableString(),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
});
export type WorkOrder = Static<typeof WorkOrderSchema>;

export const WorkOrderListSchema = Type.Object({
  items: Type.Array(WorkOrderSchema),
  nextCursor: nullableString(),
});
export type WorkOrderList = Static<typeof WorkOrderListSchema>;

/** The spare part a done tool replacement took (null for other actions). */
export const StockTakenSchema = Type.Object({
  siteId: nullableString(),
  partId: nullableString({ description: 'null: the site has no stock row for the asset type' }),
  onHand: nullableInteger({ description: 'Pieces on hand after this replacement' }),
  isTaken: Type.Boolean({ description: 'false: there was no stock (no row or none on hand)' }),
});

/** Answer of a transition: the work order, and for a done tool replacement what it took from the stores. */
export const WorkOrderActionResultSchema = Type.Object({
  workOrder: WorkOrderSchema,
  spareParts: nullable(StockTakenSchema),
});
export type WorkOrderActionResult = Static<typeof WorkOrderActionResultSchema>;

export const WorkOrderParamsSchema = Type.Object(
  { workOrderId: Type.String({ pattern: WORK_ORDER_ID_PATTERN }) },
  { additionalProperties: false },
);

const Note = Type.String({ maxLength: 1024, pattern: MULTI_LINE_TEXT_PATTERN });
const Person = Type.String({ minLength: 1, maxLength: 128, pattern: SINGLE_LINE_TEXT_PATTERN });

export const WorkOrderCreateBodySchema = Type.Object(
  {
    assetId: AssetIdSchema,
    action: ActionInputSchema,
    reason: Type.String({ minLength: 1, maxLength: 512, pattern: SINGLE_LINE_TEXT_PATTERN }),
    priority: Type.Optional(PrioritySchema),
    dueAt: Type.Optional(EpochMs),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type WorkOrderCreateBody = Static<typeof WorkOrderCreateBodySchema>;

export const WorkOrderPlanBodySchema = Type.Object(
  {
    plannedFor: Type.Optional(EpochMs),
    assignedTo: Type.Optional(Person),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type WorkOrderPlanBody = Static<typeof WorkOrderPlanBodySchema>;

export const WorkOrderDoneBodySchema = Type.Union([
  Type.Object({ doneAt: Type.Optional(EpochMs), note: Type.Optional(Note) }, { additionalProperties: false }),
  Type.Null(),
]);
export type WorkOrderDoneBody = Static<typeof WorkOrderDoneBodySchema>;

export const WorkOrderNoteBodySchema = Type.Union([
  Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false }),
  Type.Null(),
]);

export const ToolChangesQuerySchema = Type.Object(
  {
    withinMs: Type.Optional(
      Type.Integer({
        minimum: 60_000,
        maximum: 30 * 86_400_000,
        description: 'Horizon from now; default WORK_ORDER_TOOL_HORIZON_MS (one shift)',
      }),
    ),
    siteId: Type.Optional(SiteOrLineId),
  },
  { additionalProperties: false },
);

/** An asset whose tool replacement falls due within the horizon. */
export const ToolChangeSchema = Type.Object({
  assetId: Type.String(),
  assetType: Type.String(),
  siteId: nullableString(),
  criticality: nullableString(),
  toolWearMin: Type.Number(),
  dueAt: Type.Integer({ description: 'When the replacement is due, epoch ms UTC' }),
  isDue: Type.Boolean(),
  workOrderId: nullableString({ description: "The asset's active replace_tool work order, if any" }),
});

export const ToolChangesSchema = Type.Object({
  asOf: Type.Integer(),
  withinMs: Type.Integer(),
  items: Type.Array(ToolChangeSchema),
});
export type ToolChanges = Static<typeof ToolChangesSchema>;
