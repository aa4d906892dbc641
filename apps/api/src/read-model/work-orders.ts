import {
  workOrderActiveKey,
  workOrderPriority,
  type Criticality,
  type WorkOrderAction,
} from '@lakehouse/domain';
import { withRetry } from '@lakehouse/runtime';
import { transitionWorkOrder, translateWriteError, type WorkOrderCommand } from '@lakehouse/sql';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { ApiProblem } from '../http/api-problem.js';
import type {
  WorkOrder,
  WorkOrderActionResult,
  WorkOrderCreateBody,
  WorkOrderList,
  WorkOrderListQuery,
} from '../schemas/work-orders.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { epochMs, readFailed } from './stored-reading.js';

/*
 * Work orders are written by the ingest fold (episodes), the tool-life planner and operators (ADR 0045); the list
 * reads work_orders by state with its asset's site, ordered by priority then due time. A work order without a due
 * time sorts after every dated one.
 */
const SELECT_WORK_ORDERS = `SELECT w.work_order_id, w.asset_id, w.action, w.source, w.episode_id, w.state, w.priority,
  w.due_at, w.reason, w.planned_for, w.assigned_to, w.done_at, w.done_by, w.note, w.created_at, w.updated_at,
  a.asset_type, COALESCE(a.site_id, m.site_id) AS site_id, e.score_kind, e.expected_failure_at
FROM work_orders w
LEFT JOIN assets a ON a.asset_id = w.asset_id
LEFT JOIN asset_master_data m ON m.asset_id = w.asset_id
LEFT JOIN alert_episodes e ON e.episode_id = w.episode_id`;

/** Sort key of "no due time": 9999-12-31, after every real one. */
const NO_DUE_MS = Date.UTC(9999, 11, 31);
// Cast, so the key stays a DATETIME(3): with a bare string literal COALESCE yields text, which never equals the
// cursor's '9999-12-31 00:00:00.000', so a page that ended on a work order without a due time lost the rest of them.
const DUE_KEY_SQL = `COALESCE(w.due_at, CAST('9999-12-31 00:00:00' AS DATETIME(3)))`;

const msOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : epochMs(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toWorkOrder(row: RowDataPacket): WorkOrder {
  return {
    workOrderId: String(row['work_order_id']),
    assetId: String(row['asset_id']),
    assetType: strOrNull(row['asset_type']),
    siteId: strOrNull(row['site_id']),
    action: row['action'] as WorkOrder['action'],
    source: row['source'] as WorkOrder['source'],
    episodeId: strOrNull(row['episode_id']),
    scoreKind: strOrNull(row['score_kind']) as WorkOrder['scoreKind'],
    expectedFailureAt: msOrNull(row['expected_failure_at']),
    state: row['state'] as WorkOrder['state'],
    priority: Number(row['priority']),
    dueAt: msOrNull(row['due_at']),
    reason: String(row['reason']),
    plannedFor: msOrNull(row['planned_for']),
    assignedTo: strOrNull(row['assigned_to']),
    doneAt: msOrNull(row['done_at']),
    doneBy: strOrNull(row['done_by']),
    note: strOrNull(row['note']),
    createdAt: epochMs(row['created_at']),
    updatedAt: epochMs(row['updated_at']),
  };
}

/** Work orders by state (active by default), asset, site and action; by priority then due time, keyset-paginated. */
export async function listWorkOrders(pool: Pool, query: WorkOrderListQuery): Promise<WorkOrderList> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.state === 'active') where.push(`w.state IN ('open', 'planned')`);
  else if (query.state !== 'all') {
    where.push('w.state = ?');
    params.push(query.state);
  }
  if (query.assetId !== undefined) {
    where.push('w.asset_id = ?');
    params.push(query.assetId);
  }
  if (query.siteId !== undefined) {
    where.push('COALESCE(a.site_id, m.site_id) = ?');
    params.push(query.siteId);
  }
  if (query.action !== undefined) {
    where.push('w.action = ?');
    params.push(query.action);
  }
  if (query.cursor !== undefined) {
    const [priority, dueMs, id] = decodeCursor(query.cursor, ['number', 'number', 'string'] as const, 160);
    const due = new Date(dueMs);
    where.push(
      `(w.priority > ? OR (w.priority = ? AND (${DUE_KEY_SQL} > ? OR (${DUE_KEY_SQL} = ? AND w.work_order_id > ?))))`,
    );
    params.push(priority, priority, due, due, id);
  }
  params.push(query.limit + 1);
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(
      `${SELECT_WORK_ORDERS}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
       ORDER BY w.priority, ${DUE_KEY_SQL}, w.work_order_id LIMIT ?`,
      params,
    );
  } catch (err: unknown) {
    throw readFailed('work_orders', err);
  }
  const items = rows.slice(0, query.limit).map(toWorkOrder);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeCursor([last.priority, last.dueAt ?? NO_DUE_MS, last.workOrderId])
        : null,
  };
}

/** One work order; 404 when there is none. */
export async function getWorkOrder(pool: Pool, workOrderId: string): Promise<WorkOrder> {
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(`${SELECT_WORK_ORDERS} WHERE w.work_order_id = ?`, [
      workOrderId,
    ]);
  } catch (err: unknown) {
    throw readFailed('work_orders', err);
  }
  const row = rows[0];
  if (row === undefined)
    throw new ApiProblem(404, 'API_NOT_FOUND', `work order ${workOrderId} does not exist`);
  return toWorkOrder(row);
}

const isDuplicate = (err: unknown): boolean => (err as { errno?: unknown }).errno === 1062;

/**
 * A work order created by hand, id `<assetId>~manual~<now ms>`. The asset must be known (reporting or registered);
 * an active work order for the same asset and action is a 409 naming it (plan that one instead). Priority, when not
 * given, comes from the criticality and the due time as for the planners.
 */
export async function createManualWorkOrder(
  pool: Pool,
  body: WorkOrderCreateBody,
  options: { readonly nowMs: number; readonly shiftMs: number },
): Promise<WorkOrder> {
  let known: RowDataPacket[];
  try {
    [known] = await pool.query<RowDataPacket[]>(
      `SELECT k.asset_id, COALESCE(a.asset_id, m.asset_id) AS found, m.criticality
       FROM (SELECT ? AS asset_id) k
       LEFT JOIN assets a ON a.asset_id = k.asset_id
       LEFT JOIN asset_master_data m ON m.asset_id = k.asset_id`,
      [body.assetId],
    );
  } catch (err: unknown) {
    throw readFailed('assets', err);
  }
  const found = known[0];
  if (found?.['found'] === null || found?.['found'] === undefined) {
    throw new ApiProblem(404, 'API_NOT_FOUND', `asset ${body.assetId} is neither reporting nor registered`);
  }
  const assetId = String(found['found']);
  const workOrderId = `${assetId}~manual~${String(options.nowMs)}`;
  const dueAt = body.dueAt ?? null;
  const priority =
    body.priority ??
    workOrderPriority({
      band: null,
      criticality: (found['criticality'] as Criticality | null) ?? null,
      dueAt,
      nowMs: options.nowMs,
      shiftMs: options.shiftMs,
    });
  try {
    await pool.query(
      `INSERT INTO work_orders (work_order_id, asset_id, action, source, episode_id, state, active_key, priority,
         due_at, reason, note, updated_at)
       VALUES (?, ?, ?, 'manual', NULL, 'open', ?, ?, ?, ?, ?, ?)`,
      [
        workOrderId,
        assetId,
        body.action,
        workOrderActiveKey(assetId, body.action),
        priority,
        dueAt === null ? null : new Date(dueAt),
        body.reason,
        body.note ?? null,
        new Date(options.nowMs),
      ],
    );
  } catch (err: unknown) {
    if (isDuplicate(err)) throw await activeConflict(pool, assetId, body.action);
    throw translateWriteError(err, { table: 'work_orders', rows: 1 });
  }
  return getWorkOrder(pool, workOrderId);
}

async function activeConflict(pool: Pool, assetId: string, action: WorkOrderAction): Promise<ApiProblem> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT work_order_id FROM work_orders WHERE active_key = ?',
    [workOrderActiveKey(assetId, action)],
  );
  const id = rows[0]?.['work_order_id'] as string | undefined;
  return new ApiProblem(
    409,
    'API_CONFLICT',
    id === undefined
      ? `a work order with this id exists already`
      : `asset ${assetId} has an active ${action} work order already: ${id}`,
  );
}

const PAST = { plan: 'planned', done: 'done', cancel: 'cancelled' } as const;

/**
 * Plans, completes or cancels a work order (libs/sql transitionWorkOrder) and returns it; 404 when there is none,
 * 409 for a transition its state does not allow (done and cancelled are final). Transient errors (deadlocks)
 * are retried.
 */
export async function actOnWorkOrder(
  pool: Pool,
  workOrderId: string,
  command: WorkOrderCommand,
  nowMs: number,
): Promise<WorkOrderActionResult> {
  const outcome = await withRetry(() => transitionWorkOrder(pool, workOrderId, command, nowMs), {
    maxAttempts: 3,
    initialDelayMs: 50,
  });
  if (outcome.kind === 'not-found') {
    throw new ApiProblem(404, 'API_NOT_FOUND', `work order ${workOrderId} does not exist`);
  }
  if (outcome.kind === 'illegal') {
    throw new ApiProblem(
      409,
      'API_CONFLICT',
      `work order ${workOrderId} is ${outcome.state}: it cannot be ${PAST[outcome.transition]} any more`,
    );
  }
  return { workOrder: await getWorkOrder(pool, workOrderId), spareParts: outcome.stock };
}
