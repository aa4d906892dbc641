import {
  WINDOW_STATE_VERSION,
  windowStateFromJson,
  windowStateToJson,
  type WindowState,
} from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { translateWriteError } from '../translate-sql-error.js';

/** Result of {@link saveWindowStates}. */
export interface SaveWindowStatesResult {
  /** State rows sent (the states newer than they were loaded). */
  readonly rows: number;
  /** Round trips: 0 when no state changed, else 1. */
  readonly statements: number;
}

/**
 * The stored window states of `assetIds` (libs/domain window-features), in one `SELECT … WHERE asset_id IN (…)`.
 * A row of another layout version, or whose JSON is not a valid state, is left out: the caller starts that asset
 * afresh, and saving it overwrites the row. An asset without a row is absent. Keys are the asset ids as stored.
 */
export async function loadWindowStates(
  db: Pool | PoolConnection,
  assetIds: Iterable<string>,
): Promise<Map<string, WindowState>> {
  const ids = [...new Set(assetIds)];
  const states = new Map<string, WindowState>();
  if (ids.length === 0) return states;
  let rows: RowDataPacket[];
  try {
    [rows] = await db.query<RowDataPacket[]>(
      `SELECT asset_id, state_version, state FROM asset_window_states WHERE asset_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
  } catch (err: unknown) {
    throw new UpstreamError(
      'SQL_READ_FAILED',
      `cannot read asset_window_states: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err, retryable: true, context: { table: 'asset_window_states', rows: ids.length } },
    );
  }
  for (const row of rows) {
    if (Number(row['state_version']) !== WINDOW_STATE_VERSION) continue;
    const state = windowStateFromJson(row['state']);
    if (state !== null && !Number.isNaN(state.lastRecordedAt)) states.set(String(row['asset_id']), state);
  }
  return states;
}

const COLUMNS = ['asset_id', 'last_recorded_at', 'state_version', 'state', 'updated_at'] as const;

/*
 * A row moves only forward: an older state (an instance that lost a race for the partition) never replaces a newer
 * one, unless the stored row is of another layout version. MySQL applies the assignments left to right, so
 * last_recorded_at and state_version, which the condition reads, are assigned last.
 */
const IS_NEWER = '(VALUES(last_recorded_at) > last_recorded_at OR VALUES(state_version) <> state_version)';
const UPSERT_SQL_SUFFIX = ` ON DUPLICATE KEY UPDATE state = IF(${IS_NEWER}, VALUES(state), state), updated_at = IF(${IS_NEWER}, VALUES(updated_at), updated_at), last_recorded_at = IF(${IS_NEWER}, VALUES(last_recorded_at), last_recorded_at), state_version = VALUES(state_version)`;

/**
 * Writes the window states that moved past the reading time they were loaded at (`loadedAt`, the states'
 * `lastRecordedAt` before the batch; absent for an asset loaded without a state) in one multi-row
 * `INSERT … ON DUPLICATE KEY UPDATE`, inside the caller's transaction, so a rolled-back batch leaves them as they
 * were and a redelivery, which moves no state, writes nothing.
 */
export async function saveWindowStates(
  db: Pool | PoolConnection,
  states: ReadonlyMap<string, WindowState>,
  loadedAt: ReadonlyMap<string, number>,
  nowMs: number,
): Promise<SaveWindowStatesResult> {
  const values: unknown[] = [];
  let rows = 0;
  for (const [assetId, state] of states) {
    // A state with no reading (NaN) has nothing to store; one not past its loaded time has not changed.
    if (Number.isNaN(state.lastRecordedAt)) continue;
    const before = loadedAt.get(assetId);
    if (before !== undefined && state.lastRecordedAt <= before) continue;
    values.push(
      assetId,
      new Date(state.lastRecordedAt),
      WINDOW_STATE_VERSION,
      windowStateToJson(state),
      new Date(nowMs),
    );
    rows += 1;
  }
  if (rows === 0) return { rows: 0, statements: 0 };
  const placeholder = `(${COLUMNS.map(() => '?').join(', ')})`;
  try {
    await db.query<ResultSetHeader>(
      `INSERT INTO asset_window_states (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => placeholder).join(', ')}${UPSERT_SQL_SUFFIX}`,
      values,
    );
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'asset_window_states', rows });
  }
  return { rows, statements: 1 };
}
