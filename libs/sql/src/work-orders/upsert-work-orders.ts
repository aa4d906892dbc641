import {
  workOrderActiveKey,
  type Criticality,
  type EpisodeBand,
  type PlannedWorkOrder,
} from '@lakehouse/domain';
import { msOf } from '../alert-episodes/episode-state-rows.js';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

const COLUMNS = [
  'work_order_id',
  'asset_id',
  'action',
  'source',
  'episode_id',
  'state',
  'active_key',
  'priority',
  'due_at',
  'reason',
  'updated_at',
] as const;

/*
 * A new row takes its values; a collision attaches to the row it hit. With the unique active_key that is the asset's
 * active work order for the action (maybe from another source): its priority only rises, its due time only moves
 * earlier, and it names the latest episode. A collision on the primary key with a row no longer active (a retried
 * write of a work order done since) changes nothing. Assignments run left to right and none changes active_key, so
 * every IF sees the stored state.
 */
const ON_DUPLICATE_SQL = [
  'priority = IF(active_key IS NULL, priority, LEAST(priority, VALUES(priority)))',
  'due_at = IF(active_key IS NULL, due_at, COALESCE(LEAST(due_at, VALUES(due_at)), due_at, VALUES(due_at)))',
  'episode_id = IF(active_key IS NULL, episode_id, COALESCE(VALUES(episode_id), episode_id))',
  'updated_at = IF(active_key IS NULL, updated_at, VALUES(updated_at))',
].join(', ');

/**
 * `INSERT ... ON DUPLICATE KEY UPDATE` of `orders` as open work orders, one multi-row statement; an order whose
 * asset already has an active work order for its action attaches to it instead of adding a row. `orders` must hold
 * one order per asset and action (libs/domain `mergeWorkOrders`): a second row with the same active key would
 * update the first. Returns the rows inserted (for the count's one blind spot see the comment in the body).
 */
export async function upsertWorkOrders(
  db: Pool | PoolConnection,
  orders: readonly PlannedWorkOrder[],
  nowMs: number,
): Promise<{ readonly inserted: number }> {
  if (orders.length === 0) return { inserted: 0 };
  const values: unknown[] = [];
  for (const o of orders) {
    values.push(
      o.workOrderId,
      o.assetId,
      o.action,
      o.source,
      o.episodeId,
      'open',
      workOrderActiveKey(o.assetId, o.action),
      o.priority,
      o.dueAt === null ? null : new Date(o.dueAt),
      o.reason.slice(0, 512),
      new Date(nowMs),
    );
  }
  const row = `(${COLUMNS.map(() => '?').join(', ')})`;
  const [result] = await db.query<ResultSetHeader>(
    `INSERT INTO work_orders (${COLUMNS.join(', ')}) VALUES ${orders.map(() => row).join(', ')} ON DUPLICATE KEY UPDATE ${ON_DUPLICATE_SQL}`,
    values,
  );
  // The server reports "Records: n  Duplicates: d" for a multi-row insert (d rows hit an existing one). For one row
  // it sends no such text, and with mysql2's FOUND_ROWS flag affectedRows is 1 both for an insert and for a
  // collision that changed nothing (2 for one that changed the row): such a collision is counted as inserted.
  const duplicates = /Duplicates:\s*(\d+)/.exec(result.info)?.[1];
  if (duplicates !== undefined) return { inserted: orders.length - Number(duplicates) };
  return { inserted: result.affectedRows === 1 ? 1 : 0 };
}

/**
 * Criticality of each of `assetIds` the register knows, keyed by the lower-cased id (ids compare
 * case-insensitively, as the key column does); absent: not in the register.
 */
export async function readCriticalities(
  db: Pool | PoolConnection,
  assetIds: readonly string[],
): Promise<Map<string, Criticality>> {
  const out = new Map<string, Criticality>();
  if (assetIds.length === 0) return out;
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT asset_id, criticality FROM asset_master_data WHERE asset_id IN (${assetIds.map(() => '?').join(', ')})`,
    [...assetIds],
  );
  for (const r of rows) out.set(String(r['asset_id']).toLowerCase(), r['criticality'] as Criticality);
  return out;
}

/** An open episode that no work order names, as the work request its opening was. */
export interface EpisodeWithoutWork {
  readonly episodeId: string;
  readonly assetId: string;
  readonly band: EpisodeBand;
  readonly modes: readonly string[];
  /** Opening time, epoch ms. */
  readonly openedAt: number;
}

/**
 * Open episodes that no work order names (any state): those opened before work orders existed (migration 6), and
 * any whose work order a later episode of the same asset took over. The fold creates work orders in the batch that
 * opens an episode; this is the planner's backstop, read through the (state, opened_at) index.
 */
export async function listOpenEpisodesWithoutWorkOrder(
  db: Pool | PoolConnection,
  limit = 1_000,
): Promise<EpisodeWithoutWork[]> {
  const [rows] = await db.query<RowDataPacket[]>(
    `SELECT e.episode_id, e.asset_id, e.band, e.peak_modes, e.opened_at FROM alert_episodes e
     WHERE e.state = 'open' AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.episode_id = e.episode_id)
     ORDER BY e.opened_at LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({
    episodeId: String(r['episode_id']),
    assetId: String(r['asset_id']),
    band: r['band'] as EpisodeBand,
    modes:
      r['peak_modes'] === null
        ? []
        : String(r['peak_modes'])
            .split(',')
            .filter((m) => m !== ''),
    openedAt: msOf(r['opened_at']),
  }));
}
