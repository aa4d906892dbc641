import type { EpisodeBand } from '@lakehouse/domain';
import { withRetry } from '@lakehouse/runtime';
import { resolveEpisodeByHand, translateWriteError } from '@lakehouse/sql';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { ApiProblem, badRequest } from '../http/api-problem.js';
import type {
  Episode,
  EpisodeList,
  EpisodeListQuery,
  EpisodeNotification,
  EpisodeSummary,
} from '../schemas/alert-episodes.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { epochMs, readFailed } from './stored-reading.js';

/*
 * Episodes are computed once, by the ingest function's fold (ADR 0041); these routes read them by the indexes of
 * alert_episodes (state + opened_at, asset + opened_at) and write only the operator columns.
 */
const SELECT_EPISODES = `SELECT e.episode_id, e.asset_id, e.state, e.band, e.opened_at, e.first_high_at, e.last_high_at,
  e.escalated_at, e.peak_probability, e.peak_at, e.peak_model_id, e.peak_modes, e.peak_explanation, e.resolved_at,
  e.resolved_by, e.acknowledged_at, e.acknowledged_by, e.assigned_to, e.snoozed_until, e.note, e.score_kind,
  e.expected_failure_at, a.asset_type, a.site_id, a.line_id
FROM alert_episodes e LEFT JOIN assets a ON a.asset_id = e.asset_id`;

const msOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : epochMs(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function explanationOf(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

function toNotification(row: RowDataPacket): EpisodeNotification {
  return {
    event: row['event'] as 'open' | 'escalate',
    dedupKey: String(row['dedup_key']),
    attempts: Number(row['attempts']),
    nextAttemptAt: epochMs(row['next_attempt_at']),
    lastAttemptAt: msOrNull(row['last_attempt_at']),
    deliveredAt: msOrNull(row['delivered_at']),
    deliveredVia: strOrNull(row['delivered_via']),
    lastError: strOrNull(row['last_error']),
  };
}

/** The forecast columns of an episode row (ADR 0050): score kind, expected failure time, minutes to it. */
export function episodeForecast(
  row: RowDataPacket,
): Pick<Episode, 'scoreKind' | 'expectedFailureAt' | 'minutesToFailure'> {
  const expectedFailureAt = msOrNull(row['expected_failure_at']);
  return {
    scoreKind: row['score_kind'] === 'horizon' ? 'horizon' : 'reading',
    expectedFailureAt,
    minutesToFailure:
      expectedFailureAt === null ? null : (expectedFailureAt - epochMs(row['last_high_at'])) / 60_000,
  };
}

function toEpisode(row: RowDataPacket, notifications: EpisodeNotification[], nowMs: number): Episode {
  const snoozedUntil = msOrNull(row['snoozed_until']);
  const modes = strOrNull(row['peak_modes']);
  return {
    episodeId: String(row['episode_id']),
    assetId: String(row['asset_id']),
    assetType: strOrNull(row['asset_type']),
    siteId: strOrNull(row['site_id']),
    lineId: strOrNull(row['line_id']),
    state: row['state'] as 'open' | 'resolved',
    band: row['band'] as EpisodeBand,
    openedAt: epochMs(row['opened_at']),
    firstHighAt: epochMs(row['first_high_at']),
    lastHighAt: epochMs(row['last_high_at']),
    escalatedAt: msOrNull(row['escalated_at']),
    peakProbability: Number(row['peak_probability']),
    peakAt: epochMs(row['peak_at']),
    peakModelId: row['peak_model_id'] === null ? null : Number(row['peak_model_id']),
    peakModes: modes === null || modes === '' ? [] : modes.split(','),
    peakExplanation: explanationOf(row['peak_explanation']),
    ...episodeForecast(row),
    resolvedAt: msOrNull(row['resolved_at']),
    resolvedBy: strOrNull(row['resolved_by']),
    acknowledgedAt: msOrNull(row['acknowledged_at']),
    acknowledgedBy: strOrNull(row['acknowledged_by']),
    assignedTo: strOrNull(row['assigned_to']),
    snoozedUntil,
    isSnoozed: snoozedUntil !== null && snoozedUntil > nowMs,
    note: strOrNull(row['note']),
    notifications,
  };
}

async function withNotifications(pool: Pool, rows: RowDataPacket[], nowMs: number): Promise<Episode[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r['episode_id']));
  const [notes] = await pool.query<RowDataPacket[]>(
    `SELECT episode_id, event, dedup_key, attempts, next_attempt_at, last_attempt_at, delivered_at, delivered_via,
       last_error
     FROM alert_notifications WHERE episode_id IN (${ids.map(() => '?').join(', ')}) ORDER BY notification_id`,
    ids,
  );
  const byEpisode = new Map<string, EpisodeNotification[]>();
  for (const n of notes) {
    const id = String(n['episode_id']);
    byEpisode.set(id, [...(byEpisode.get(id) ?? []), toNotification(n)]);
  }
  return rows.map((r) => toEpisode(r, byEpisode.get(String(r['episode_id'])) ?? [], nowMs));
}

/** Episodes by state (open by default), band, asset, site; newest first, keyset-paginated. */
export async function listEpisodes(
  pool: Pool,
  query: EpisodeListQuery,
  options: { readonly nowMs: number },
): Promise<EpisodeList> {
  const where: string[] = [];
  const params: unknown[] = [];
  const state = query.needsAttention === true ? 'open' : query.state;
  if (state !== 'all') {
    where.push('e.state = ?');
    params.push(state);
  }
  if (query.band !== undefined) {
    where.push('e.band = ?');
    params.push(query.band);
  }
  if (query.assetId !== undefined) {
    where.push('e.asset_id = ?');
    params.push(query.assetId);
  }
  if (query.siteId !== undefined) {
    where.push('a.site_id = ?');
    params.push(query.siteId);
  }
  if (query.needsAttention === true) {
    where.push('e.acknowledged_at IS NULL AND (e.snoozed_until IS NULL OR e.snoozed_until <= ?)');
    params.push(new Date(options.nowMs));
  }
  if (query.cursor !== undefined) {
    const [openedAt, episodeId] = decodeCursor(query.cursor, ['number', 'string'] as const);
    where.push('(e.opened_at < ? OR (e.opened_at = ? AND e.episode_id < ?))');
    params.push(new Date(openedAt), new Date(openedAt), episodeId);
  }
  params.push(query.limit + 1);
  try {
    const [rows] = await pool.query<RowDataPacket[]>(
      `${SELECT_EPISODES}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
       ORDER BY e.opened_at DESC, e.episode_id DESC LIMIT ?`,
      params,
    );
    const items = await withNotifications(pool, rows.slice(0, query.limit), options.nowMs);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > query.limit && last !== undefined
          ? encodeCursor([last.openedAt, last.episodeId])
          : null,
    };
  } catch (err: unknown) {
    throw readFailed('alert_episodes', err);
  }
}

/** One episode with its notifications; 404 when there is none. */
export async function getEpisode(pool: Pool, episodeId: string, nowMs: number): Promise<Episode> {
  let rows: RowDataPacket[];
  let episodes: Episode[];
  try {
    [rows] = await pool.query<RowDataPacket[]>(`${SELECT_EPISODES} WHERE e.episode_id = ?`, [episodeId]);
    episodes = await withNotifications(pool, rows, nowMs);
  } catch (err: unknown) {
    throw readFailed('alert_episodes', err);
  }
  const episode = episodes[0];
  if (episode === undefined)
    throw new ApiProblem(404, 'API_NOT_FOUND', `alert episode ${episodeId} does not exist`);
  return episode;
}

/** Counts for the status screen: open now, opened and resolved in the last minute, notifications not delivered. */
export async function episodeSummary(pool: Pool, nowMs: number): Promise<EpisodeSummary> {
  const now = new Date(nowMs);
  const minuteAgo = new Date(nowMs - 60_000);
  try {
    const [[open], [opened], [resolved], [outbox]] = await Promise.all([
      pool.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n, COALESCE(SUM(band = 'high'), 0) AS high,
           COALESCE(SUM(acknowledged_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= ?)), 0) AS attention
         FROM alert_episodes WHERE state = 'open'`,
        [now],
      ),
      pool.query<RowDataPacket[]>(
        'SELECT COUNT(*) AS n FROM alert_episodes WHERE opened_at >= ? AND opened_at <= ?',
        [minuteAgo, now],
      ),
      pool.query<RowDataPacket[]>(
        'SELECT COUNT(*) AS n FROM alert_episodes WHERE resolved_at >= ? AND resolved_at <= ?',
        [minuteAgo, now],
      ),
      pool.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n, COALESCE(SUM(last_error IS NOT NULL), 0) AS failing
         FROM alert_notifications WHERE delivered_at IS NULL`,
      ),
    ]);
    const n = (rows: RowDataPacket[], column = 'n'): number => Number(rows[0]?.[column] ?? 0);
    return {
      asOf: nowMs,
      open: n(open),
      openHigh: n(open, 'high'),
      needsAttention: n(open, 'attention'),
      openedLastMinute: n(opened),
      resolvedLastMinute: n(resolved),
      pendingNotifications: n(outbox),
      failingNotifications: n(outbox, 'failing'),
    };
  } catch (err: unknown) {
    throw readFailed('alert_episodes', err);
  }
}

/** An operator action on one episode's own columns (acknowledge, assign, snooze). */
type OperatorAction =
  | { readonly kind: 'acknowledge'; readonly by: string; readonly note: string | null }
  | { readonly kind: 'assign'; readonly assignedTo: string; readonly note: string | null }
  | { readonly kind: 'snooze'; readonly untilMs: number; readonly note: string | null };

function actionSql(action: OperatorAction, nowMs: number): { set: string; params: unknown[] } {
  const now = new Date(nowMs);
  switch (action.kind) {
    case 'acknowledge':
      // The first acknowledgement wins: a retried request changes nothing.
      return {
        set: 'acknowledged_at = COALESCE(acknowledged_at, ?), acknowledged_by = COALESCE(acknowledged_by, ?)',
        params: [now, action.by],
      };
    case 'assign':
      return { set: 'assigned_to = ?', params: [action.assignedTo] };
    case 'snooze':
      return { set: 'snoozed_until = ?', params: [new Date(action.untilMs)] };
  }
}

/**
 * Applies an operator action to one episode and returns it. Only operator columns are written, so the ingest
 * function's fold and the operators never overwrite each other; a deadlock with a concurrent fold is retried.
 */
export async function actOnEpisode(
  pool: Pool,
  episodeId: string,
  action: OperatorAction,
  nowMs: number,
): Promise<Episode> {
  if (action.kind === 'snooze' && action.untilMs <= nowMs) {
    throw badRequest('/body/until', 'must lie in the future');
  }
  const { set, params } = actionSql(action, nowMs);
  try {
    const [result] = await withRetry(
      () =>
        pool.query<ResultSetHeader>(
          `UPDATE alert_episodes SET ${set}, note = COALESCE(?, note), updated_at = ? WHERE episode_id = ?`,
          [...params, action.note, new Date(nowMs), episodeId],
        ),
      { maxAttempts: 3, initialDelayMs: 50, isRetryable: isDeadlock },
    );
    if (result.affectedRows === 0) {
      throw new ApiProblem(404, 'API_NOT_FOUND', `alert episode ${episodeId} does not exist`);
    }
  } catch (err: unknown) {
    if (err instanceof ApiProblem) throw err;
    throw translateWriteError(err, { table: 'alert_episodes', rows: 1 });
  }
  return getEpisode(pool, episodeId, nowMs);
}

function isDeadlock(err: unknown): boolean {
  const errno = (err as { errno?: unknown }).errno;
  return errno === 1213 || errno === 1205;
}

/** Resolves an episode by hand (see libs/sql resolveEpisodeByHand) and returns it; resolving twice is a no-op. */
export async function resolveEpisode(
  pool: Pool,
  episodeId: string,
  by: string,
  note: string | null,
  nowMs: number,
): Promise<Episode> {
  const outcome = await withRetry(() => resolveEpisodeByHand(pool, episodeId, by, note, nowMs), {
    maxAttempts: 3,
    initialDelayMs: 50,
  });
  if (outcome === 'not-found') {
    throw new ApiProblem(404, 'API_NOT_FOUND', `alert episode ${episodeId} does not exist`);
  }
  return getEpisode(pool, episodeId, nowMs);
}
