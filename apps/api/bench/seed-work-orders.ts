/**
 * Work orders for the API bench (ADR 0045), so the work list, an asset's work orders and the tool changes are timed
 * on a realistic table: `perAsset` done tool replacements per asset spread over the year before `nowMs` (they set
 * the wear baseline the tool-life read looks up), and an open work order for every other asset.
 */
import type { Pool } from 'mysql2/promise';

const DAY_MS = 86_400_000;
const CHUNK = 1_000;

/** Writes the work orders; returns how many. */
export async function seedWorkOrders(
  pool: Pool,
  assetIds: readonly string[],
  nowMs: number,
  perAsset: number,
): Promise<number> {
  const rows: unknown[][] = [];
  const spacingMs = Math.floor((365 * DAY_MS) / (perAsset + 1));
  assetIds.forEach((id, a) => {
    for (let k = 1; k <= perAsset; k++) {
      const doneMs = nowMs - 366 * DAY_MS + k * spacingMs + a * 1_000;
      rows.push([
        `${id}~tool~${String(doneMs)}`,
        id,
        'replace_tool',
        'tool_life',
        'done',
        null,
        3,
        new Date(doneMs),
        'bench',
        new Date(doneMs),
      ]);
    }
    if (a % 2 === 0) {
      const action = a % 4 === 0 ? 'inspect_machine' : 'inspect_cooling';
      rows.push([
        `${id}~manual~${String(nowMs)}`,
        id,
        action,
        'manual',
        'open',
        `${id}|${action}`,
        1 + (a % 4),
        new Date(nowMs + a * 60_000),
        'bench',
        null,
      ]);
    }
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await pool.query(
      `INSERT INTO work_orders (work_order_id, asset_id, action, source, state, active_key, priority, due_at, reason,
        done_at) VALUES ?`,
      [rows.slice(i, i + CHUNK)],
    );
  }
  return rows.length;
}
