import {
  nextWorkOrderState,
  type WorkOrderAction,
  type WorkOrderState,
  type WorkOrderTransition,
} from '@lakehouse/domain';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { translateWriteError } from '../translate-sql-error.js';

/** What an operator asks of a work order. */
export type WorkOrderCommand =
  | {
      readonly kind: 'plan';
      readonly plannedFor: number | null;
      readonly assignedTo: string | null;
      readonly note: string | null;
    }
  | { readonly kind: 'done'; readonly doneAt: number; readonly by: string; readonly note: string | null }
  | { readonly kind: 'cancel'; readonly by: string; readonly note: string | null };

/** The spare part a done tool replacement took from its site's stores. */
export interface StockTaken {
  /** Site whose stores were looked up; null when the asset's site is unknown. */
  readonly siteId: string | null;
  /** Part taken; null when no stock row of the asset's type exists at the site. */
  readonly partId: string | null;
  /** Pieces on hand after taking one; null without a stock row. */
  readonly onHand: number | null;
  /** One piece was taken (false: no row, or none on hand). */
  readonly isTaken: boolean;
}

/** What {@link transitionWorkOrder} did. */
export type WorkOrderTransitionOutcome =
  | { readonly kind: 'not-found' }
  | { readonly kind: 'illegal'; readonly state: WorkOrderState; readonly transition: WorkOrderTransition }
  | { readonly kind: 'done'; readonly state: WorkOrderState; readonly stock: StockTaken | null };

const NULL_STOCK = (siteId: string | null): StockTaken => ({
  siteId,
  partId: null,
  onHand: null,
  isTaken: false,
});

/*
 * A replaced tool comes out of the site's stores: the stock row of the asset's type (the part fits one asset type),
 * the first by part id that has one on hand, locked. The asset's site is where its readings place it, else the
 * register's.
 */
async function takeSparePart(connection: PoolConnection, assetId: string): Promise<StockTaken> {
  const [assets] = await connection.query<RowDataPacket[]>(
    `SELECT COALESCE(a.site_id, m.site_id) AS site_id, a.asset_type
     FROM (SELECT ? AS asset_id) k
     LEFT JOIN assets a ON a.asset_id = k.asset_id
     LEFT JOIN asset_master_data m ON m.asset_id = k.asset_id`,
    [assetId],
  );
  const siteId = (assets[0]?.['site_id'] as string | null | undefined) ?? null;
  const assetType = (assets[0]?.['asset_type'] as string | null | undefined) ?? null;
  if (siteId === null || assetType === null) return NULL_STOCK(siteId);
  const [parts] = await connection.query<RowDataPacket[]>(
    `SELECT part_id, on_hand FROM spare_part_stock WHERE site_id = ? AND asset_type = ?
     ORDER BY on_hand > 0 DESC, part_id LIMIT 1 FOR UPDATE`,
    [siteId, assetType],
  );
  const part = parts[0];
  if (part === undefined) return NULL_STOCK(siteId);
  const partId = String(part['part_id']);
  const onHand = Number(part['on_hand']);
  if (onHand <= 0) return { siteId, partId, onHand, isTaken: false };
  await connection.query(
    'UPDATE spare_part_stock SET on_hand = on_hand - 1, updated_at = CURRENT_TIMESTAMP(3) WHERE site_id = ? AND part_id = ?',
    [siteId, partId],
  );
  return { siteId, partId, onHand: onHand - 1, isTaken: true };
}

function updateOf(command: WorkOrderCommand): { set: string; params: unknown[] } {
  switch (command.kind) {
    case 'plan':
      return {
        set: `state = 'planned', planned_for = ?, assigned_to = COALESCE(?, assigned_to)`,
        params: [command.plannedFor === null ? null : new Date(command.plannedFor), command.assignedTo],
      };
    case 'done':
      return {
        set: `state = 'done', active_key = NULL, done_at = ?, done_by = ?`,
        params: [new Date(command.doneAt), command.by],
      };
    case 'cancel':
      return { set: `state = 'cancelled', active_key = NULL, done_by = ?`, params: [command.by] };
  }
}

/**
 * Moves a work order along open → planned → done (or cancelled), in one transaction: the row is locked, the
 * transition checked (libs/domain nextWorkOrderState; done and cancelled are final), the row updated. Done and
 * cancelled clear `active_key`, so the asset may get a new work order for the action. A done `replace_tool` takes
 * one spare part of the asset's type from its site's stock in the same transaction (when a row has one on hand)
 * and, being done, resets the tool-wear baseline the read model uses.
 */
export async function transitionWorkOrder(
  pool: Pool,
  workOrderId: string,
  command: WorkOrderCommand,
  nowMs: number,
): Promise<WorkOrderTransitionOutcome> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT asset_id, action, state FROM work_orders WHERE work_order_id = ? FOR UPDATE',
      [workOrderId],
    );
    const row = rows[0];
    if (row === undefined) {
      await connection.rollback();
      return { kind: 'not-found' };
    }
    const state = row['state'] as WorkOrderState;
    const next = nextWorkOrderState(state, command.kind);
    if (next === null) {
      await connection.rollback();
      return { kind: 'illegal', state, transition: command.kind };
    }
    const { set, params } = updateOf(command);
    await connection.query(
      `UPDATE work_orders SET ${set}, note = COALESCE(?, note), updated_at = ? WHERE work_order_id = ?`,
      [...params, command.note, new Date(nowMs), workOrderId],
    );
    const action = row['action'] as WorkOrderAction;
    const stock =
      command.kind === 'done' && action === 'replace_tool'
        ? await takeSparePart(connection, String(row['asset_id']))
        : null;
    await connection.commit();
    return { kind: 'done', state: next, stock };
  } catch (err: unknown) {
    await connection.rollback().catch(() => undefined);
    throw translateWriteError(err, { table: 'work_orders', rows: 1 });
  } finally {
    connection.release();
  }
}
