/**
 * The words of maintenance planning (issue #17), defined once: libs/sql derives its CHECK constraints from these
 * lists, the API its schemas and the dashboard its labels.
 */

/**
 * What a work order asks for. One action per failure cause the AI4I physics knows:
 * - `replace_tool`: tool wear (TWF) or a tool-life due time;
 * - `inspect_cooling`: heat dissipation (HDF), the process-to-air temperature gap closing;
 * - `check_power_settings`: power (PWF) or overstrain (OSF), the operating point's speed and torque;
 * - `inspect_machine`: a risk with no failure mode pointing anywhere (random failures, RNF).
 */
export const WORK_ORDER_ACTIONS = [
  'replace_tool',
  'inspect_cooling',
  'check_power_settings',
  'inspect_machine',
] as const;
/** One of {@link WORK_ORDER_ACTIONS}. */
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

/** Where a work order came from: an alert episode, a tool-life due time, or a planner by hand. */
export const WORK_ORDER_SOURCES = ['episode', 'tool_life', 'manual'] as const;
/** One of {@link WORK_ORDER_SOURCES}. */
export type WorkOrderSource = (typeof WORK_ORDER_SOURCES)[number];

/**
 * A work order's life: `open` (to be planned) → `planned` (scheduled, maybe assigned) → `done` (the work was
 * carried out; it resets what it fixes); `cancelled` ends one that is not needed any more.
 */
export const WORK_ORDER_STATES = ['open', 'planned', 'done', 'cancelled'] as const;
/** One of {@link WORK_ORDER_STATES}. */
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

/** The states of a work order that still asks for work (at most one per asset and action). */
export const ACTIVE_WORK_ORDER_STATES: readonly WorkOrderState[] = ['open', 'planned'];

/** Priorities, 1 the most urgent. */
export const WORK_ORDER_PRIORITIES = { min: 1, max: 4 } as const;

/** Who wrote a spare-part stock row: an import (a stock CSV) or the generator (the simulated fleet). */
export const STOCK_SOURCES = ['import', 'generator'] as const;
/** One of {@link STOCK_SOURCES}. */
export type StockSource = (typeof STOCK_SOURCES)[number];

/** Longest lead time a stock row may give, in days. */
export const MAX_LEAD_TIME_DAYS = 365;
