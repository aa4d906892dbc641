import { WORK_ORDER_ACTION_LABELS, WORK_ORDER_STATE_LABELS } from '@lakehouse/domain/browser';

// The labels are libs/domain's (the one definition), through the browser entry. A name they do not know is shown
// as sent.

/** How people read a work order action (`replace_tool` -> `Replace tool`). */
export function workOrderActionLabel(action: string): string {
  return Object.hasOwn(WORK_ORDER_ACTION_LABELS, action)
    ? WORK_ORDER_ACTION_LABELS[action as keyof typeof WORK_ORDER_ACTION_LABELS]
    : action;
}

/** How people read a work order state (`planned` -> `Planned`). */
export function workOrderStateLabel(state: string): string {
  return Object.hasOwn(WORK_ORDER_STATE_LABELS, state)
    ? WORK_ORDER_STATE_LABELS[state as keyof typeof WORK_ORDER_STATE_LABELS]
    : state;
}
