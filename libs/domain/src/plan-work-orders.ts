import type { EpisodeBand } from './alert-episode-settings.js';
import type { Criticality } from './asset-master-data.js';
import {
  WORK_ORDER_PRIORITIES,
  type WorkOrderAction,
  type WorkOrderSource,
  type WorkOrderState,
} from './maintenance-vocabulary.js';

/** One operating shift, ms: the default horizon of the tool-life planner and of "due soon". */
export const SHIFT_MS = 8 * 3_600_000;

/** Criticality assumed for an asset the register does not know (the middle one: "reduces output"). */
export const DEFAULT_CRITICALITY: Criticality = 'B';

/** What a failure mode asks for (ADR 0045). A mode not listed (RNF, or none at all) asks for an inspection. */
const ACTION_OF_MODE: Readonly<Record<string, WorkOrderAction>> = Object.freeze({
  TWF: 'replace_tool',
  HDF: 'inspect_cooling',
  PWF: 'check_power_settings',
  OSF: 'check_power_settings',
});

/**
 * The actions the failure modes at an episode's peak ask for, each once, in the order of WORK_ORDER_ACTIONS' use
 * here: tool, cooling, power; `inspect_machine` when no mode points to a cause (none, or only RNF).
 */
export function actionsForModes(modes: readonly string[]): WorkOrderAction[] {
  const actions = new Set<WorkOrderAction>();
  for (const mode of modes) {
    const action = ACTION_OF_MODE[mode.trim().toUpperCase()];
    if (action !== undefined) actions.add(action);
  }
  if (actions.size === 0) return ['inspect_machine'];
  const order: readonly WorkOrderAction[] = ['replace_tool', 'inspect_cooling', 'check_power_settings'];
  return order.filter((a) => actions.has(a));
}

/** What {@link workOrderPriority} weighs. */
export interface PriorityInput {
  /** Band of the episode asking for the work; null for work not asked for by a risk (tool life, manual). */
  readonly band: EpisodeBand | null;
  /** The asset's criticality; null when the register does not know it (counted as B). */
  readonly criticality: Criticality | null;
  /** When the work is due, epoch ms; null when it has no due time. */
  readonly dueAt: number | null;
  readonly nowMs: number;
  /** Work due within this much from now is "due within the next shift". @default SHIFT_MS */
  readonly shiftMs?: number;
}

const BAND_POINTS: Readonly<Record<EpisodeBand, number>> = { elevated: 1, high: 2 };
const CRITICALITY_POINTS: Readonly<Record<Criticality, number>> = { A: 2, B: 1, C: 0 };

/**
 * Priority 1 (most urgent) to 4: urgency points, 0..2 each, for risk (high 2, elevated 1, none 0), criticality
 * (A 2, B or unknown 1, C 0) and due time (due now or overdue 2, within the next shift 1, later or none 0); 5-6
 * points give 1, 3-4 give 2, 2 gives 3, 0-1 give 4. A high episode on a B machine is 1; a tool change due in the
 * shift on a C machine is 4.
 */
export function workOrderPriority(input: PriorityInput): number {
  const shiftMs = input.shiftMs ?? SHIFT_MS;
  const risk = input.band === null ? 0 : BAND_POINTS[input.band];
  const criticality = CRITICALITY_POINTS[input.criticality ?? DEFAULT_CRITICALITY];
  const due =
    input.dueAt === null ? 0 : input.dueAt <= input.nowMs ? 2 : input.dueAt <= input.nowMs + shiftMs ? 1 : 0;
  const points = risk + criticality + due;
  const priority = points >= 5 ? 1 : points >= 3 ? 2 : points === 2 ? 3 : 4;
  return Math.min(WORK_ORDER_PRIORITIES.max, Math.max(WORK_ORDER_PRIORITIES.min, priority));
}

/** A work order a planner wants to exist; written by an upsert that attaches to an active one instead. */
export interface PlannedWorkOrder {
  readonly workOrderId: string;
  readonly assetId: string;
  readonly action: WorkOrderAction;
  readonly source: WorkOrderSource;
  readonly episodeId: string | null;
  readonly priority: number;
  readonly dueAt: number | null;
  readonly reason: string;
}

/** The `active_key` of a work order while it is open or planned: one active work order per asset and action. */
export function workOrderActiveKey(assetId: string, action: WorkOrderAction): string {
  return `${assetId}|${action}`;
}

/** An episode event that asks for work. */
export interface EpisodeWorkRequest {
  readonly episodeId: string;
  readonly assetId: string;
  readonly kind: 'open' | 'escalate';
  readonly band: EpisodeBand;
  /** Failure modes at the episode's peak (may be empty). */
  readonly modes: readonly string[];
  /** Reading time of the event, epoch ms: when the risk was seen, the work order's due time. */
  readonly at: number;
  /**
   * When the horizon model expects the failure, epoch ms (a horizon episode's `expected_failure_at`): the work is
   * due then rather than when the risk was seen. Null or absent: due at `at`.
   */
  readonly expectedFailureAt?: number | null;
}

/**
 * The work orders an episode's open or escalation asks for: one per action of its peak's failure modes, due when
 * the risk was seen. Ids are `<episodeId>~<action>` for an open and `<episodeId>~<action>~escalate` for an
 * escalation, so a retried write adds nothing, and an escalation after the first work order was done asks anew.
 */
export function episodeWorkOrders(
  request: EpisodeWorkRequest,
  criticality: Criticality | null,
  options: { readonly nowMs: number; readonly shiftMs?: number },
): PlannedWorkOrder[] {
  const dueAt = request.expectedFailureAt ?? request.at;
  const priority = workOrderPriority({
    band: request.band,
    criticality,
    dueAt,
    nowMs: options.nowMs,
    ...(options.shiftMs === undefined ? {} : { shiftMs: options.shiftMs }),
  });
  const modes = request.modes.length === 0 ? 'no failure mode' : request.modes.join(', ');
  const what = request.kind === 'open' ? 'opened' : 'escalated to high';
  return actionsForModes(request.modes).map((action) => ({
    workOrderId: `${request.episodeId}~${action}${request.kind === 'escalate' ? '~escalate' : ''}`,
    assetId: request.assetId,
    action,
    source: 'episode',
    episodeId: request.episodeId,
    priority,
    dueAt,
    reason: `Alert episode ${request.episodeId} ${what} (${request.band}; ${modes})${
      request.expectedFailureAt === undefined || request.expectedFailureAt === null
        ? ''
        : `, failure expected ${new Date(request.expectedFailureAt).toISOString()}`
    }`,
  }));
}

/**
 * Merges work orders for the same asset and action into one (the first one's id, the most urgent priority and its
 * reason, the earliest due time, the latest episode): what a single write of one batch may carry, since the unique active key
 * would make the second row of a multi-row insert update the first.
 */
export function mergeWorkOrders(orders: readonly PlannedWorkOrder[]): PlannedWorkOrder[] {
  const byKey = new Map<string, PlannedWorkOrder>();
  for (const order of orders) {
    const key = workOrderActiveKey(order.assetId, order.action);
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, order);
      continue;
    }
    const dues = [seen.dueAt, order.dueAt].filter((d): d is number => d !== null);
    byKey.set(key, {
      ...seen,
      // The reason of the more urgent request (an escalation's over the open's it merged with).
      reason: order.priority < seen.priority ? order.reason : seen.reason,
      priority: Math.min(seen.priority, order.priority),
      dueAt: dues.length === 0 ? null : Math.min(...dues),
      episodeId: order.episodeId ?? seen.episodeId,
    });
  }
  return [...byKey.values()];
}

/** An asset's tool life as the planner sees it. */
export interface ToolLifeDue {
  readonly assetId: string;
  /** When the tool replacement is due, epoch ms (remainingToolLife's `dueAt`). */
  readonly dueAt: number;
  readonly criticality: Criticality | null;
}

/**
 * The tool-life planner's rule: an asset whose tool replacement falls due within `horizonMs` from now (or is
 * overdue) gets a `replace_tool` work order, id `<assetId>~tool~<dueAt ms>`; later ones get none yet.
 */
export function toolLifeWorkOrder(
  asset: ToolLifeDue,
  options: { readonly nowMs: number; readonly horizonMs?: number },
): PlannedWorkOrder | null {
  const horizonMs = options.horizonMs ?? SHIFT_MS;
  if (asset.dueAt > options.nowMs + horizonMs) return null;
  return {
    workOrderId: `${asset.assetId}~tool~${String(asset.dueAt)}`,
    assetId: asset.assetId,
    action: 'replace_tool',
    source: 'tool_life',
    episodeId: null,
    priority: workOrderPriority({
      band: null,
      criticality: asset.criticality,
      dueAt: asset.dueAt,
      nowMs: options.nowMs,
      shiftMs: horizonMs,
    }),
    dueAt: asset.dueAt,
    reason: `Tool reaches its replacement wear at ${new Date(asset.dueAt).toISOString()}`,
  };
}

/** What an operator does to a work order. */
export type WorkOrderTransition = 'plan' | 'done' | 'cancel';

/**
 * The state a transition leads to, or null when it is not allowed: open → planned (planned → planned re-plans),
 * open or planned → done or cancelled; done and cancelled are final.
 */
export function nextWorkOrderState(
  state: WorkOrderState,
  transition: WorkOrderTransition,
): WorkOrderState | null {
  if (state === 'done' || state === 'cancelled') return null;
  switch (transition) {
    case 'plan':
      return 'planned';
    case 'done':
      return 'done';
    case 'cancel':
      return 'cancelled';
  }
}

/** An asset's latest reading's wear, and its latest recorded tool replacement. */
export interface WearSinceReplacementInput {
  /** Latest reading's tool wear, min, and its instant, epoch ms. */
  readonly latestWearMin: number;
  readonly latestAt: number;
  /** When the latest done replace_tool work order says the tool was replaced; null: never. */
  readonly replacedAt: number | null;
  /** Wear of the last reading at or before the replacement, min; null when there is none. */
  readonly wearAtReplacementMin: number | null;
}

/**
 * The wear of the tool in the machine now, counting a recorded replacement: no replacement → the reading's wear;
 * the reading is older than the replacement → 0 (a new tool, not yet reported); the counter went on past the
 * replacement (not below the wear at replacement) → the wear gained since; the counter fell below it (the machine
 * reset it itself) → the reading's wear as is. A counter that reset and then grew past the old value is taken for
 * one that went on: the readings between are not read (ADR 0045).
 */
export function wearSinceReplacement(input: WearSinceReplacementInput): number {
  if (input.replacedAt === null) return input.latestWearMin;
  if (input.latestAt < input.replacedAt) return 0;
  const atReplacement = input.wearAtReplacementMin;
  if (atReplacement === null) return input.latestWearMin;
  return input.latestWearMin >= atReplacement ? input.latestWearMin - atReplacement : input.latestWearMin;
}
