import type { AssetEpisodeState, EpisodeBand, OpenEpisode, RiskRun } from '@lakehouse/domain';
import type { RowDataPacket } from 'mysql2/promise';

/** Epoch ms of a DATETIME that mysql2 returned (a Date; the pools work in UTC). */
export function msOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : new Date(String(value)).getTime();
}

function msOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : msOf(value);
}

function dateOrNull(ms: number | null | undefined): Date | null {
  return ms === null || ms === undefined ? null : new Date(ms);
}

/**
 * The state row of an asset with its open episode joined (columns `e_*`), as the fold reads it. Aliases of the
 * SELECT in {@link STATE_WITH_OPEN_EPISODE_SQL}.
 */
export const STATE_WITH_OPEN_EPISODE_SQL = `SELECT s.asset_id, s.last_folded_at, s.open_episode_id,
  s.run_count, s.run_started_at, s.run_peak_probability, s.run_peak_at,
  s.high_run_count, s.high_run_started_at, s.high_run_peak_probability, s.high_run_peak_at, s.low_since,
  e.episode_id AS e_episode_id, e.state AS e_state, e.band AS e_band, e.opened_at AS e_opened_at,
  e.first_high_at AS e_first_high_at, e.last_high_at AS e_last_high_at, e.escalated_at AS e_escalated_at,
  e.peak_probability AS e_peak_probability, e.peak_at AS e_peak_at, e.snoozed_until AS e_snoozed_until,
  e.peak_modes AS e_peak_modes, e.score_kind AS e_score_kind, e.expected_failure_at AS e_expected_failure_at
FROM alert_asset_states s LEFT JOIN alert_episodes e ON e.episode_id = s.open_episode_id`;

function runOf(row: RowDataPacket, prefix: 'run' | 'high_run'): RiskRun | null {
  const count = Number(row[`${prefix}_count`] ?? 0);
  const startedAt = msOrNull(row[`${prefix}_started_at`]);
  const peakAt = msOrNull(row[`${prefix}_peak_at`]);
  const peak = row[`${prefix}_peak_probability`] as number | null;
  if (count <= 0 || startedAt === null || peakAt === null || peak === null) return null;
  return { count, startedAt, peakProbability: Number(peak), peakAt };
}

/** An asset's fold state from its row (joined with its open episode); a missing or stale episode is no episode. */
export function stateFromRow(row: RowDataPacket): AssetEpisodeState {
  const isOpen =
    row['e_episode_id'] !== null && row['e_episode_id'] !== undefined && row['e_state'] === 'open';
  const open: OpenEpisode | null = isOpen
    ? {
        episodeId: String(row['e_episode_id']),
        openedAt: msOf(row['e_opened_at']),
        firstHighAt: msOf(row['e_first_high_at']),
        lastHighAt: msOf(row['e_last_high_at']),
        band: row['e_band'] as EpisodeBand,
        escalatedAt: msOrNull(row['e_escalated_at']),
        peakProbability: Number(row['e_peak_probability']),
        peakAt: msOf(row['e_peak_at']),
        scoreKind: row['e_score_kind'] === 'horizon' ? 'horizon' : 'reading',
        expectedFailureAt: msOrNull(row['e_expected_failure_at']),
      }
    : null;
  return {
    lastFoldedAt: msOrNull(row['last_folded_at']),
    run: runOf(row, 'run'),
    highRun: runOf(row, 'high_run'),
    lowSince: isOpen ? msOrNull(row['low_since']) : null,
    open,
  };
}

/** Columns of a state row, in the order of {@link stateRowValues}. */
export const STATE_COLUMNS = [
  'asset_id',
  'last_folded_at',
  'open_episode_id',
  'run_count',
  'run_started_at',
  'run_peak_probability',
  'run_peak_at',
  'high_run_count',
  'high_run_started_at',
  'high_run_peak_probability',
  'high_run_peak_at',
  'low_since',
  'updated_at',
] as const;

/** The values of an asset's state row. */
export function stateRowValues(assetId: string, state: AssetEpisodeState, nowMs: number): unknown[] {
  return [
    assetId,
    dateOrNull(state.lastFoldedAt),
    state.open?.episodeId ?? null,
    state.run?.count ?? 0,
    dateOrNull(state.run?.startedAt),
    state.run?.peakProbability ?? null,
    dateOrNull(state.run?.peakAt),
    state.highRun?.count ?? 0,
    dateOrNull(state.highRun?.startedAt),
    state.highRun?.peakProbability ?? null,
    dateOrNull(state.highRun?.peakAt),
    dateOrNull(state.lowSince),
    new Date(nowMs),
  ];
}

/** `INSERT ... ON DUPLICATE KEY UPDATE` of `rows` state rows (every column replaced). */
export function upsertStatesSql(rows: number): string {
  const placeholder = `(${STATE_COLUMNS.map(() => '?').join(', ')})`;
  const update = STATE_COLUMNS.filter((c) => c !== 'asset_id')
    .map((c) => `${c} = VALUES(${c})`)
    .join(', ');
  return `INSERT INTO alert_asset_states (${STATE_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => placeholder).join(', ')} ON DUPLICATE KEY UPDATE ${update}`;
}

export { dateOrNull };
