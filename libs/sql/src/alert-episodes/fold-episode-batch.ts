import {
  IDLE_EPISODE_STATE,
  episodeWorkOrders,
  foldAlertEpisodes,
  mergeWorkOrders,
  type AssetEpisodeState,
  type EpisodeEvent,
  type EpisodeSettings,
  type EpisodeSnapshot,
  type Reading,
} from '@lakehouse/domain';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { READING_ROW_COLUMNS, readingFromRow } from '../readings/reading-from-row.js';
import { translateWriteError } from '../translate-sql-error.js';
import { readCriticalities, upsertWorkOrders } from '../work-orders/upsert-work-orders.js';
import {
  STATE_COLUMNS,
  STATE_WITH_OPEN_EPISODE_SQL,
  dateOrNull,
  msOf,
  stateFromRow,
  stateRowValues,
  upsertStatesSql,
} from './episode-state-rows.js';

/** A stored reading with the score ingest gave it. */
export interface EpisodeReading {
  readonly reading: Reading;
  readonly failureProbability?: number | null;
  readonly modelId?: number | null;
  /**
   * The horizon model's risk within its horizon (ADR 0050); present, the episode thresholds apply to it and the
   * episodes it opens are stored with score kind `horizon`. Absent or null: the failure probability.
   */
  readonly horizonRisk?: number | null;
  /** With a horizon risk: the expected failure time, epoch ms, stored as the episode's `expected_failure_at`. */
  readonly expectedFailureAt?: number | null;
}

/** What the model says about the peak reading of an episode. */
export interface PeakExplanation {
  /** Failure modes the prediction points to. */
  readonly modes: readonly string[];
  /** JSON-serialisable detail (contributions, mode probabilities), stored as `peak_explanation`. */
  readonly detail: unknown;
}

/** Options of {@link foldEpisodeBatch}. */
export interface FoldEpisodeBatchOptions {
  readonly settings: EpisodeSettings;
  /** Explains a peak reading; called only for readings that became an episode's peak. Absent: no modes stored. */
  readonly explain?: (reading: Reading) => PeakExplanation | null;
  /** Epoch ms: `updated_at` and when new notifications are first due. */
  readonly nowMs: number;
}

/** Result of {@link foldEpisodeBatch}. */
export interface FoldEpisodeBatchResult {
  /** Assets with scored readings in the batch. */
  readonly assets: number;
  readonly folded: number;
  /** Readings left out: unscored, or not newer than their asset's last folded reading. */
  readonly ignored: number;
  /** Every open, escalate and resolve, in reading time per asset. */
  readonly events: readonly (EpisodeEvent & { readonly assetId: string })[];
  /** Notification rows added to the outbox (a redelivered event adds none). */
  readonly notificationsQueued: number;
  /** Work orders added for opened or escalated episodes (attached to an active one: not counted). */
  readonly workOrdersCreated: number;
  /** Round trips to the database. */
  readonly statements: number;
}

/** The dedup key of an episode event's notification: the same for every attempt and every redelivery. */
export function notificationDedupKey(episodeId: string, event: 'open' | 'escalate'): string {
  return `alert-episode/${episodeId}/${event}`;
}

const EPISODE_COLUMNS = [
  'episode_id',
  'asset_id',
  'state',
  'band',
  'opened_at',
  'first_high_at',
  'last_high_at',
  'escalated_at',
  'peak_probability',
  'peak_at',
  'peak_model_id',
  'peak_modes',
  'peak_explanation',
  'resolved_at',
  'score_kind',
  'expected_failure_at',
  'updated_at',
] as const;

/*
 * Fold-owned columns only: acknowledgement, assignment, snooze and note belong to operators and are never written
 * here. MySQL evaluates these assignments left to right, so the peak's model, modes and explanation are compared
 * with the stored peak_at before peak_at itself is replaced: they change only with the peak. A resolved episode
 * (by hand) stays resolved.
 */
const EPISODE_UPDATE_SQL = [
  'peak_model_id = IF(VALUES(peak_at) <=> peak_at, peak_model_id, VALUES(peak_model_id))',
  'peak_modes = IF(VALUES(peak_at) <=> peak_at, peak_modes, VALUES(peak_modes))',
  'peak_explanation = IF(VALUES(peak_at) <=> peak_at, peak_explanation, VALUES(peak_explanation))',
  'peak_probability = VALUES(peak_probability)',
  'peak_at = VALUES(peak_at)',
  'band = VALUES(band)',
  'first_high_at = VALUES(first_high_at)',
  'last_high_at = VALUES(last_high_at)',
  'escalated_at = VALUES(escalated_at)',
  "resolved_at = IF(state = 'resolved', resolved_at, VALUES(resolved_at))",
  "state = IF(state = 'resolved', state, VALUES(state))",
  'score_kind = VALUES(score_kind)',
  'expected_failure_at = VALUES(expected_failure_at)',
  'updated_at = VALUES(updated_at)',
].join(', ');

const placeholders = (columns: number, rows: number): string =>
  Array.from({ length: rows }, () => `(${Array.from({ length: columns }, () => '?').join(', ')})`).join(', ');

/**
 * Creates missing state rows of `assetIds` in their own short transaction, before the batch's transaction locks
 * them: a locking read of a row that does not exist takes a gap lock, and two function instances that gap-lock the
 * same gap and then insert into it deadlock. `known` caches the assets already ensured by this instance, so a warm
 * instance skips the statement. Returns the statements run (0 or 1).
 */
export async function ensureAlertAssetStates(
  db: Pool | PoolConnection,
  assetIds: Iterable<string>,
  known: Set<string>,
): Promise<number> {
  const missing = [...new Set(assetIds)].filter((id) => !known.has(id));
  if (missing.length === 0) return 0;
  try {
    await db.query(
      `INSERT IGNORE INTO alert_asset_states (asset_id) VALUES ${missing.map(() => '(?)').join(', ')}`,
      missing,
    );
  } catch (err: unknown) {
    throw translateWriteError(err, { table: 'alert_asset_states', rows: missing.length });
  }
  for (const id of missing) known.add(id);
  return 1;
}

const isScored = (item: EpisodeReading): boolean =>
  (item.failureProbability !== null && item.failureProbability !== undefined) ||
  (item.horizonRisk !== null && item.horizonRisk !== undefined);

type FoldItem = EpisodeReading & { readonly recordedAt: number };

interface PeakRow {
  readonly snapshot: EpisodeSnapshot<FoldItem>;
  readonly assetId: string;
  reading: Reading | null;
  modelId: number | null;
}

async function readPeakReadings(connection: PoolConnection, peaks: PeakRow[]): Promise<void> {
  const keys = peaks.flatMap((p) => [p.assetId, new Date(p.snapshot.episode.peakAt)]);
  const [rows] = await connection.query<RowDataPacket[]>(
    `SELECT ${READING_ROW_COLUMNS.join(', ')}, model_id
     FROM readings WHERE (asset_id, recorded_at) IN (${peaks.map(() => '(?, ?)').join(', ')})`,
    keys,
  );
  for (const row of rows) {
    const at = msOf(row['recorded_at']);
    const peak = peaks.find((p) => p.assetId === row['asset_id'] && p.snapshot.episode.peakAt === at);
    if (peak === undefined) continue;
    peak.reading = readingFromRow(row);
    peak.modelId = row['model_id'] === null ? null : Number(row['model_id']);
  }
}

/**
 * Folds the scored readings of one stored batch into the alert episodes, on `connection` inside the caller's
 * transaction (after the readings are written): one locking read of the batch's assets' state rows with their open
 * episodes, the pure fold per asset (libs/domain foldAlertEpisodes), then one multi-row write each of episodes,
 * state rows and new notifications. Peaks that moved are explained; only a new episode whose peak lies in an
 * earlier batch costs one more read (of those readings, by primary key). Readings not newer than an asset's last
 * folded reading change nothing, so a redelivered batch leaves every table as it was. Readings that carry a horizon
 * risk are folded on it (ADR 0050): their episodes get score kind `horizon` and the expected failure time.
 */
export async function foldEpisodeBatch(
  connection: PoolConnection,
  readings: readonly EpisodeReading[],
  options: FoldEpisodeBatchOptions,
): Promise<FoldEpisodeBatchResult> {
  const byAsset = new Map<string, EpisodeReading[]>();
  for (const item of readings) {
    if (!isScored(item)) continue;
    const list = byAsset.get(item.reading.assetId);
    if (list === undefined) byAsset.set(item.reading.assetId, [item]);
    else list.push(item);
  }
  const unscored = readings.length - [...byAsset.values()].reduce((n, l) => n + l.length, 0);
  if (byAsset.size === 0) {
    return {
      assets: 0,
      folded: 0,
      ignored: unscored,
      events: [],
      notificationsQueued: 0,
      workOrdersCreated: 0,
      statements: 0,
    };
  }
  const assetIds = [...byAsset.keys()].sort();
  let statements = 0;
  let table = 'alert_asset_states';
  try {
    const [stateRows] = await connection.query<RowDataPacket[]>(
      `${STATE_WITH_OPEN_EPISODE_SQL} WHERE s.asset_id IN (${assetIds.map(() => '?').join(', ')}) ORDER BY s.asset_id FOR UPDATE`,
      assetIds,
    );
    statements += 1;
    const states = new Map<
      string,
      { state: AssetEpisodeState; snoozedUntil: number | null; peakModes: string | null }
    >();
    for (const row of stateRows) {
      const snoozed = row['e_snoozed_until'] as unknown;
      states.set(String(row['asset_id']), {
        state: stateFromRow(row),
        snoozedUntil: snoozed === null || snoozed === undefined ? null : msOf(snoozed),
        peakModes: (row['e_peak_modes'] as string | null | undefined) ?? null,
      });
    }
    // Failure modes at each touched episode's peak: explained in this fold, else as stored.
    const modesOf = new Map<string, readonly string[]>();
    const expectedFailureOf = new Map<string, number | null>();

    let folded = 0;
    let ignored = unscored;
    const events: (EpisodeEvent & { assetId: string })[] = [];
    const stateValues: unknown[] = [];
    const peaks: PeakRow[] = [];
    for (const assetId of assetIds) {
      const before = states.get(assetId);
      const result = foldAlertEpisodes(
        assetId,
        before?.state ?? IDLE_EPISODE_STATE,
        (byAsset.get(assetId) ?? []).map((r): FoldItem => ({ ...r, recordedAt: r.reading.recordedAt })),
        options.settings,
      );
      folded += result.folded;
      ignored += result.ignored;
      for (const event of result.events) events.push({ ...event, assetId });
      if (result.folded > 0) stateValues.push(...stateRowValues(assetId, result.state, options.nowMs));
      for (const snapshot of result.episodes) {
        peaks.push({
          snapshot,
          assetId,
          reading: snapshot.peakReading?.reading ?? null,
          modelId: snapshot.peakReading?.modelId ?? null,
        });
      }
    }

    if (peaks.length > 0) {
      table = 'readings';
      const fromEarlier = peaks.filter((p) => p.snapshot.isNew && p.reading === null);
      if (fromEarlier.length > 0 && options.explain !== undefined) {
        await readPeakReadings(connection, fromEarlier);
        statements += 1;
      }
      table = 'alert_episodes';
      const values: unknown[] = [];
      for (const peak of peaks) {
        const { episode, state, resolvedAt, isPeakChanged } = peak.snapshot;
        const explained =
          isPeakChanged && peak.reading !== null ? (options.explain?.(peak.reading) ?? null) : null;
        const stored = states.get(peak.assetId)?.peakModes ?? null;
        expectedFailureOf.set(episode.episodeId, episode.expectedFailureAt ?? null);
        modesOf.set(
          episode.episodeId,
          explained !== null
            ? explained.modes
            : stored === null || stored === '' || peak.snapshot.isNew
              ? []
              : stored.split(','),
        );
        values.push(
          episode.episodeId,
          peak.assetId,
          state,
          episode.band,
          new Date(episode.openedAt),
          new Date(episode.firstHighAt),
          new Date(episode.lastHighAt),
          dateOrNull(episode.escalatedAt),
          episode.peakProbability,
          new Date(episode.peakAt),
          isPeakChanged ? peak.modelId : null,
          explained === null || explained.modes.length === 0 ? null : explained.modes.join(',').slice(0, 64),
          explained === null ? null : JSON.stringify(explained.detail),
          dateOrNull(resolvedAt),
          episode.scoreKind,
          dateOrNull(episode.expectedFailureAt),
          new Date(options.nowMs),
        );
      }
      await connection.query<ResultSetHeader>(
        `INSERT INTO alert_episodes (${EPISODE_COLUMNS.join(', ')}) VALUES ${placeholders(EPISODE_COLUMNS.length, peaks.length)} ON DUPLICATE KEY UPDATE ${EPISODE_UPDATE_SQL}`,
        values,
      );
      statements += 1;
    }

    if (stateValues.length > 0) {
      table = 'alert_asset_states';
      await connection.query<ResultSetHeader>(
        upsertStatesSql(stateValues.length / STATE_COLUMNS.length),
        stateValues,
      );
      statements += 1;
    }

    let notificationsQueued = 0;
    let workOrdersCreated = 0;
    const notify = events.filter(
      (e): e is typeof e & { kind: 'open' | 'escalate' } => e.kind === 'open' || e.kind === 'escalate',
    );
    if (notify.length > 0) {
      table = 'alert_notifications';
      const values: unknown[] = [];
      for (const event of notify) {
        // An escalation of a snoozed episode waits for the snooze to end.
        const snoozedUntil = states.get(event.assetId)?.snoozedUntil ?? null;
        const dueAt = Math.max(options.nowMs, snoozedUntil ?? 0);
        values.push(
          event.episodeId,
          event.kind,
          new Date(event.at),
          notificationDedupKey(event.episodeId, event.kind),
          new Date(dueAt),
        );
      }
      const [result] = await connection.query<ResultSetHeader>(
        `INSERT IGNORE INTO alert_notifications (episode_id, event, event_at, dedup_key, next_attempt_at) VALUES ${placeholders(5, notify.length)}`,
        values,
      );
      notificationsQueued = result.affectedRows;
      statements += 1;

      // The work the episodes ask for (ADR 0045), in this transaction: the register's criticality, then one upsert.
      table = 'asset_master_data';
      const criticalities = await readCriticalities(connection, [...new Set(notify.map((e) => e.assetId))]);
      statements += 1;
      table = 'work_orders';
      const orders = mergeWorkOrders(
        notify.flatMap((event) =>
          episodeWorkOrders(
            {
              episodeId: event.episodeId,
              assetId: event.assetId,
              kind: event.kind,
              band: event.band,
              modes: modesOf.get(event.episodeId) ?? [],
              at: event.at,
              expectedFailureAt: expectedFailureOf.get(event.episodeId) ?? null,
            },
            criticalities.get(event.assetId.toLowerCase()) ?? null,
            { nowMs: options.nowMs },
          ),
        ),
      );
      workOrdersCreated = (await upsertWorkOrders(connection, orders, options.nowMs)).inserted;
      statements += 1;
    }
    return {
      assets: assetIds.length,
      folded,
      ignored,
      events,
      notificationsQueued,
      workOrdersCreated,
      statements,
    };
  } catch (err: unknown) {
    throw translateWriteError(err, { table, rows: readings.length });
  }
}
