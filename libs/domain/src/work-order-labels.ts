import type { WorkOrderAction, WorkOrderState } from './maintenance-vocabulary.js';

// Plain data with type-only imports: the dashboard's browser bundle imports this file (through `./browser`).

/** How people read each work order action (WORK_ORDER_ACTIONS). */
export const WORK_ORDER_ACTION_LABELS: Readonly<Record<WorkOrderAction, string>> = Object.freeze({
  replace_tool: 'Replace tool',
  inspect_cooling: 'Inspect cooling',
  check_power_settings: 'Check power / overstrain settings',
  inspect_machine: 'Inspect machine',
});

/** How people read each work order state (WORK_ORDER_STATES). */
export const WORK_ORDER_STATE_LABELS: Readonly<Record<WorkOrderState, string>> = Object.freeze({
  open: 'Open',
  planned: 'Planned',
  done: 'Done',
  cancelled: 'Cancelled',
});
