import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { ToolChanges } from '../schemas/work-orders.js';
import { readFailed } from './stored-reading.js';
import { readCurrentToolWear } from './tool-wear.js';

/**
 * Reporting assets whose tool replacement falls due within `withinMs` from now (overdue ones included), soonest
 * first, each with its active replace_tool work order when it has one: the maintenance page's "tool changes due in
 * the next shift".
 */
export async function readToolChanges(
  pool: Pool,
  options: {
    readonly nowMs: number;
    readonly withinMs: number;
    readonly replacementWearMin: number;
    readonly siteId?: string;
  },
): Promise<ToolChanges> {
  const [wear, active] = await Promise.all([
    readCurrentToolWear(pool, { replacementWearMin: options.replacementWearMin }),
    (async () => {
      try {
        const [rows] = await pool.query<RowDataPacket[]>(
          "SELECT asset_id, work_order_id FROM work_orders WHERE action = 'replace_tool' AND active_key IS NOT NULL",
        );
        return new Map(rows.map((r) => [String(r['asset_id']), String(r['work_order_id'])]));
      } catch (err: unknown) {
        throw readFailed('work_orders', err);
      }
    })(),
  ]);
  const items = wear
    .filter((w) => w.toolLife.dueAt <= options.nowMs + options.withinMs)
    .filter((w) => options.siteId === undefined || w.siteId === options.siteId)
    .sort((a, b) => a.toolLife.dueAt - b.toolLife.dueAt || (a.assetId < b.assetId ? -1 : 1))
    .map((w) => ({
      assetId: w.assetId,
      assetType: w.assetType,
      siteId: w.siteId,
      criticality: w.criticality,
      toolWearMin: w.toolLife.toolWearMin,
      dueAt: w.toolLife.dueAt,
      isDue: w.toolLife.isDue,
      workOrderId: active.get(w.assetId) ?? null,
    }));
  return { asOf: options.nowMs, withinMs: options.withinMs, items };
}
