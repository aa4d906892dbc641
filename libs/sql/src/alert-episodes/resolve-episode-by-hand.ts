import { resolvedByHand } from '@lakehouse/domain';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { translateWriteError } from '../translate-sql-error.js';
import {
  STATE_WITH_OPEN_EPISODE_SQL,
  stateFromRow,
  stateRowValues,
  upsertStatesSql,
} from './episode-state-rows.js';

/** What {@link resolveEpisodeByHand} did. */
export type ResolveByHandOutcome = 'resolved' | 'already-resolved' | 'not-found';

/**
 * Resolves an episode on an operator's word: marks it resolved (time, who, note) and, when it is its asset's open
 * episode, clears it from the asset's fold state and restarts the runs, so a new episode needs a full hold of later
 * readings. Locks the state row before the episode row, in the order the ingest fold takes them. Idempotent: a
 * resolved episode is left as it was.
 */
export async function resolveEpisodeByHand(
  pool: Pool,
  episodeId: string,
  by: string,
  note: string | null,
  nowMs: number,
): Promise<ResolveByHandOutcome> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [found] = await connection.query<RowDataPacket[]>(
      'SELECT asset_id, state FROM alert_episodes WHERE episode_id = ?',
      [episodeId],
    );
    const episode = found[0];
    if (episode === undefined || episode['state'] === 'resolved') {
      await connection.rollback();
      return episode === undefined ? 'not-found' : 'already-resolved';
    }
    const assetId = String(episode['asset_id']);
    const [stateRows] = await connection.query<RowDataPacket[]>(
      `${STATE_WITH_OPEN_EPISODE_SQL} WHERE s.asset_id = ? FOR UPDATE`,
      [assetId],
    );
    const [result] = await connection.query<ResultSetHeader>(
      `UPDATE alert_episodes SET state = 'resolved', resolved_at = ?, resolved_by = ?,
         note = COALESCE(?, note), updated_at = ?
       WHERE episode_id = ? AND state = 'open'`,
      [new Date(nowMs), by, note, new Date(nowMs), episodeId],
    );
    const row = stateRows[0];
    if (row !== undefined && row['open_episode_id'] === episodeId) {
      await connection.query(
        upsertStatesSql(1),
        stateRowValues(assetId, resolvedByHand(stateFromRow(row)), nowMs),
      );
    }
    await connection.commit();
    return result.affectedRows === 1 ? 'resolved' : 'already-resolved';
  } catch (err: unknown) {
    await connection.rollback().catch(() => undefined);
    throw translateWriteError(err, { table: 'alert_episodes', rows: 1 });
  } finally {
    connection.release();
  }
}
