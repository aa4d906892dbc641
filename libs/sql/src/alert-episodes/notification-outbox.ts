import type { EpisodeBand } from '@lakehouse/domain';
import { UpstreamError } from '@lakehouse/runtime';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { translateWriteError } from '../translate-sql-error.js';
import { msOf } from './episode-state-rows.js';

/** A notification claimed for one delivery attempt, with what a message about its episode says. */
export interface ClaimedNotification {
  readonly notificationId: number;
  readonly episodeId: string;
  readonly event: 'open' | 'escalate';
  /** Reading time of the event, epoch ms. */
  readonly eventAt: number;
  readonly dedupKey: string;
  /** This attempt's number, from 1. */
  readonly attempt: number;
  readonly episode: {
    readonly assetId: string;
    readonly assetType: string | null;
    readonly siteId: string | null;
    readonly lineId: string | null;
    readonly state: 'open' | 'resolved';
    readonly band: EpisodeBand;
    readonly openedAt: number;
    readonly firstHighAt: number;
    readonly lastHighAt: number;
    readonly peakProbability: number;
    readonly peakAt: number;
    readonly peakModes: readonly string[];
  };
}

const DUE_SQL = `SELECT n.notification_id, n.episode_id, n.event, n.event_at, n.dedup_key, n.attempts, n.next_attempt_at,
  e.asset_id, e.state, e.band, e.opened_at, e.first_high_at, e.last_high_at, e.peak_probability, e.peak_at,
  e.peak_modes, a.asset_type, a.site_id, a.line_id
FROM alert_notifications n
JOIN alert_episodes e ON e.episode_id = n.episode_id
LEFT JOIN assets a ON a.asset_id = e.asset_id
WHERE n.delivered_at IS NULL AND n.next_attempt_at <= ? AND (e.snoozed_until IS NULL OR e.snoozed_until <= ?)
ORDER BY n.next_attempt_at
LIMIT ?`;

function readFailed(err: unknown): UpstreamError {
  return new UpstreamError(
    'SQL_READ_FAILED',
    `cannot read alert_notifications: ${err instanceof Error ? err.message : String(err)}`,
    { cause: err, retryable: true, context: { table: 'alert_notifications' } },
  );
}

/**
 * Claims up to `limit` due notifications for one attempt each: for every due row (not delivered, next attempt
 * reached, its episode not snoozed), a compare-and-set on `next_attempt_at` pushes it `leaseMs` ahead and counts the
 * attempt. A row another dispatcher claimed first is skipped; one whose dispatcher died is due again when the lease
 * ends, so each is delivered at least once.
 */
export async function claimDueNotifications(
  pool: Pool,
  options: { readonly nowMs: number; readonly leaseMs: number; readonly limit: number },
): Promise<ClaimedNotification[]> {
  const now = new Date(options.nowMs);
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(DUE_SQL, [now, now, options.limit]);
  } catch (err: unknown) {
    throw readFailed(err);
  }
  const claimed: ClaimedNotification[] = [];
  for (const row of rows) {
    const id = Number(row['notification_id']);
    let result: ResultSetHeader;
    try {
      [result] = await pool.query<ResultSetHeader>(
        `UPDATE alert_notifications SET next_attempt_at = ?, attempts = attempts + 1, last_attempt_at = ?
         WHERE notification_id = ? AND delivered_at IS NULL AND next_attempt_at = ?`,
        [new Date(options.nowMs + options.leaseMs), now, id, row['next_attempt_at']],
      );
    } catch (err: unknown) {
      throw translateWriteError(err, { table: 'alert_notifications', rows: 1 });
    }
    if (result.affectedRows !== 1) continue;
    const modes = row['peak_modes'] as string | null;
    claimed.push({
      notificationId: id,
      episodeId: String(row['episode_id']),
      event: row['event'] as 'open' | 'escalate',
      eventAt: msOf(row['event_at']),
      dedupKey: String(row['dedup_key']),
      attempt: Number(row['attempts']) + 1,
      episode: {
        assetId: String(row['asset_id']),
        assetType: (row['asset_type'] as string | null) ?? null,
        siteId: (row['site_id'] as string | null) ?? null,
        lineId: (row['line_id'] as string | null) ?? null,
        state: row['state'] as 'open' | 'resolved',
        band: row['band'] as EpisodeBand,
        openedAt: msOf(row['opened_at']),
        firstHighAt: msOf(row['first_high_at']),
        lastHighAt: msOf(row['last_high_at']),
        peakProbability: Number(row['peak_probability']),
        peakAt: msOf(row['peak_at']),
        peakModes: modes === null || modes === '' ? [] : modes.split(','),
      },
    });
  }
  return claimed;
}

/** Records that the channel accepted a notification. */
export async function markNotificationDelivered(
  pool: Pool,
  notificationId: number,
  channel: string,
  nowMs: number,
): Promise<void> {
  try {
    await pool.query(
      'UPDATE alert_notifications SET delivered_at = ?, delivered_via = ? WHERE notification_id = ? AND delivered_at IS NULL',
      [new Date(nowMs), channel, notificationId],
    );
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'alert_notifications', rows: 1 });
  }
}

/** Records a failed attempt: the error (cut to the column) and when to try again. */
export async function markNotificationFailed(
  pool: Pool,
  notificationId: number,
  error: string,
  nextAttemptAtMs: number,
): Promise<void> {
  try {
    await pool.query(
      'UPDATE alert_notifications SET last_error = ?, next_attempt_at = ? WHERE notification_id = ? AND delivered_at IS NULL',
      [error.slice(0, 1024), new Date(nextAttemptAtMs), notificationId],
    );
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'alert_notifications', rows: 1 });
  }
}
