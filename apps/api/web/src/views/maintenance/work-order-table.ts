import type { WorkOrder, WorkOrderActionResult } from '../../../../src/schemas/route-schemas.js';
import type { ApiClient } from '../../api-client.js';
import { actionButton, requestFromButton } from '../../action-button.js';
import { h, replaceChildren } from '../../dom.js';
import { formatUtc } from '../../format.js';
import { routeHash } from '../../router.js';
import { cell, noticeRow, table } from '../../widgets.js';
import { workOrderActionLabel, workOrderStateLabel } from '../../work-order-labels.js';

const COLUMNS = 7;
/** Priority badges borrow the risk bands' colours: 1 red, 2 amber, 3 and 4 plain. */
const PRIORITY_TONE: Readonly<Record<number, 'high' | 'elevated' | 'normal'>> = { 1: 'high', 2: 'elevated' };

/** A work list table with Plan / Done / Cancel on active work orders; `onChange` runs after an action. */
export interface WorkOrderTable {
  readonly element: HTMLElement;
  render(items: readonly WorkOrder[]): void;
  fail(message: string): void;
  /** An action is in flight: a refresh should not redraw the buttons under the user's pointer. */
  readonly isBusy: () => boolean;
}

/**
 * The table of work orders (priority, asset, action, due, state, reason) shared by the maintenance page and the
 * asset page. Plan schedules for now, Done records the work done now (a tool replacement resets the wear and takes
 * a spare part: the answer says when there was none), Cancel drops it.
 */
export function createWorkOrderTable(
  api: ApiClient,
  name: string,
  empty: string,
  onChange: () => Promise<void>,
): WorkOrderTable {
  const rows = table(
    ['Priority', 'Asset', 'Action', 'Due', 'State', 'Reason', { label: '', numeric: true }],
    name,
  );
  const message = h('p', { class: 'muted small', attrs: { role: 'status' } }, '');
  let busy = false;

  async function act(target: HTMLButtonElement, path: string, body: unknown): Promise<void> {
    busy = true;
    const result = await requestFromButton(target, () => api.post<WorkOrderActionResult>(path, body));
    busy = false;
    if (result === undefined) return;
    const parts = result.spareParts;
    message.textContent =
      parts === null
        ? `${result.workOrder.workOrderId}: ${workOrderStateLabel(result.workOrder.state)}`
        : parts.isTaken
          ? `Tool replaced on ${result.workOrder.assetId}: part ${parts.partId ?? '?'} taken, ${String(parts.onHand)} left at ${parts.siteId ?? '?'}`
          : `Tool replaced on ${result.workOrder.assetId}: no spare part in stock at ${parts.siteId ?? 'its site'}`;
    await onChange();
  }

  function row(order: WorkOrder): HTMLTableRowElement {
    const path = `/api/v1/work-orders/${encodeURIComponent(order.workOrderId)}`;
    const isActive = order.state === 'open' || order.state === 'planned';
    const actions = isActive
      ? h(
          'span',
          { class: 'actions' },
          order.state === 'open' &&
            actionButton('Plan', (b) => act(b, `${path}/plan`, { plannedFor: Date.now() })),
          actionButton('Done', (b) => act(b, `${path}/done`, {})),
          actionButton('Cancel', (b) => act(b, `${path}/cancel`, {})),
        )
      : h('span', { class: 'muted small' }, order.doneAt === null ? '' : formatUtc(order.doneAt));
    return h(
      'tr',
      {
        data: {
          workOrderId: order.workOrderId,
          assetId: order.assetId,
          action: order.action,
          state: order.state,
        },
      },
      cell(
        h(
          'span',
          {
            class: `badge badge-${PRIORITY_TONE[order.priority] ?? 'normal'}`,
            data: { priority: String(order.priority) },
          },
          `P${String(order.priority)}`,
        ),
      ),
      cell(h('a', { attrs: { href: routeHash({ name: 'asset', assetId: order.assetId }) } }, order.assetId)),
      cell(workOrderActionLabel(order.action)),
      cell(order.dueAt === null ? '—' : formatUtc(order.dueAt)),
      cell(`${workOrderStateLabel(order.state)}${order.assignedTo === null ? '' : ` · ${order.assignedTo}`}`),
      cell(h('span', { class: 'small' }, order.reason)),
      cell(actions, true),
    );
  }

  return {
    element: h('div', {}, message, h('div', { class: 'table-scroll' }, rows.table)),
    render(items) {
      if (items.length === 0) replaceChildren(rows.body, noticeRow(COLUMNS, 'empty', empty));
      else replaceChildren(rows.body, ...items.map(row));
    },
    fail(text) {
      replaceChildren(rows.body, noticeRow(COLUMNS, 'error', text));
    },
    isBusy: () => busy,
  };
}
