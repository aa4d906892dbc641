import { EPISODE_BANDS, EPISODE_SCORE_KINDS } from '@lakehouse/domain';
import { inListSql } from './check-sql.js';
import type { ColumnDefinition, TableDefinition } from './table-definition.js';
import { assetId, createdAt } from './shared-columns.js';

const episodeIdColumn: ColumnDefinition = {
  name: 'episode_id',
  type: 'VARCHAR(96)',
  description: 'Episode id: <asset_id>~<opened_at epoch ms>',
};

/**
 * Alert episodes (issue #17): one row per asset and period of sustained risk, written by the ingest function's fold
 * (state, band, times, peak) and by operators through the API (acknowledge, assign, snooze, resolve by hand).
 */
export const alertEpisodesTable: TableDefinition = {
  name: 'alert_episodes',
  description:
    'Alert episodes: one per asset and period of sustained failure risk, with peak, band and operator actions',
  rapid: false,
  columns: [
    episodeIdColumn,
    assetId,
    { name: 'state', type: 'VARCHAR(16)', description: 'open or resolved' },
    {
      name: 'band',
      type: 'VARCHAR(16)',
      description: 'Highest risk band held: elevated (>= 0.6) or high (>= 0.9)',
    },
    {
      name: 'opened_at',
      type: 'DATETIME(3)',
      description: 'Reading time at which the risk had held long enough (UTC)',
    },
    {
      name: 'first_high_at',
      type: 'DATETIME(3)',
      description: 'First reading at or above the open threshold (UTC)',
    },
    {
      name: 'last_high_at',
      type: 'DATETIME(3)',
      description: 'Latest reading at or above the open threshold (UTC)',
    },
    {
      name: 'escalated_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When it escalated from elevated to high (UTC)',
    },
    { name: 'peak_probability', type: 'DOUBLE', description: 'Highest failure probability in the episode' },
    { name: 'peak_at', type: 'DATETIME(3)', description: 'Reading time of the peak (UTC)' },
    {
      name: 'peak_model_id',
      type: 'INT',
      nullable: true,
      description: 'Registry id of the model that scored the peak',
    },
    {
      name: 'peak_modes',
      type: 'VARCHAR(64)',
      nullable: true,
      description: 'Failure modes the peak points to, comma separated',
    },
    {
      name: 'peak_explanation',
      type: 'JSON',
      nullable: true,
      description: 'Feature contributions behind the peak prediction',
    },
    {
      name: 'resolved_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When it resolved: the reading after the hysteresis time, or the operator action (UTC)',
    },
    {
      name: 'resolved_by',
      type: 'VARCHAR(128)',
      nullable: true,
      description: 'Who resolved it by hand; NULL when the risk fell (hysteresis)',
    },
    {
      name: 'acknowledged_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When first acknowledged (UTC)',
    },
    {
      name: 'acknowledged_by',
      type: 'VARCHAR(128)',
      nullable: true,
      description: 'API key id or JWT subject that acknowledged it',
    },
    {
      name: 'assigned_to',
      type: 'VARCHAR(128)',
      nullable: true,
      description: 'Person or team the episode is assigned to',
    },
    {
      name: 'snoozed_until',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'Notifications held back and hidden from the attention list until then (UTC)',
    },
    { name: 'note', type: 'VARCHAR(512)', nullable: true, description: 'Free text from the operator' },
    createdAt,
    {
      name: 'updated_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When the row last changed (UTC)',
    },
    {
      name: 'score_kind',
      type: 'VARCHAR(16)',
      defaultSql: "'reading'",
      description:
        'What the thresholds were applied to: reading (failure probability) or horizon (risk within the horizon)',
    },
    {
      name: 'expected_failure_at',
      type: 'DATETIME(3)',
      nullable: true,
      description:
        'Expected failure time at the latest reading at or above the open threshold (UTC); NULL without a horizon estimate',
    },
  ],
  primaryKey: ['episode_id'],
  indexes: [
    { name: 'alert_episodes_asset_opened', columns: ['asset_id', 'opened_at'], unique: true },
    { name: 'alert_episodes_state_opened', columns: ['state', 'opened_at'] },
    { name: 'alert_episodes_opened', columns: ['opened_at'] },
    { name: 'alert_episodes_resolved', columns: ['resolved_at'] },
  ],
  checks: [
    { name: 'alert_episodes_state_known', sql: "state IN ('open','resolved')" },
    { name: 'alert_episodes_band_known', sql: inListSql('band', EPISODE_BANDS) },
    { name: 'alert_episodes_peak_range', sql: 'peak_probability BETWEEN 0 AND 1' },
    { name: 'alert_episodes_score_kind_known', sql: inListSql('score_kind', EPISODE_SCORE_KINDS) },
  ],
};

/**
 * The episode state machine's memory per asset (issue #17): the runs that count towards opening, escalating and
 * resolving, the open episode, and the latest reading folded (older readings change nothing).
 */
export const alertAssetStatesTable: TableDefinition = {
  name: 'alert_asset_states',
  description: 'Per-asset state of the alert-episode fold: hold and hysteresis counters, open episode',
  rapid: false,
  columns: [
    assetId,
    {
      name: 'last_folded_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'Reading time of the latest reading folded (UTC); NULL before the first',
    },
    {
      name: 'open_episode_id',
      type: 'VARCHAR(96)',
      nullable: true,
      description: 'The episode open now, if any',
    },
    {
      name: 'run_count',
      type: 'INT',
      defaultSql: '0',
      description: 'Consecutive readings at or above the open threshold while none is open',
    },
    { name: 'run_started_at', type: 'DATETIME(3)', nullable: true, description: 'First reading of that run' },
    {
      name: 'run_peak_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Highest probability in it',
    },
    { name: 'run_peak_at', type: 'DATETIME(3)', nullable: true, description: 'When that was read (UTC)' },
    {
      name: 'high_run_count',
      type: 'INT',
      defaultSql: '0',
      description: 'Consecutive readings at or above the high band',
    },
    {
      name: 'high_run_started_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'First reading of that run',
    },
    {
      name: 'high_run_peak_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Highest probability in it',
    },
    {
      name: 'high_run_peak_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When that was read (UTC)',
    },
    {
      name: 'low_since',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'While open: first reading of the current run below the resolve threshold',
    },
    {
      name: 'updated_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When the row last changed (UTC)',
    },
  ],
  primaryKey: ['asset_id'],
};

/**
 * The notification outbox (issue #17): one row per episode event that must reach the outbound channel, written in
 * the same transaction as the episode, delivered at least once by the API's dispatcher.
 */
export const alertNotificationsTable: TableDefinition = {
  name: 'alert_notifications',
  description:
    'Outbox of episode notifications (open, escalate): dedup key, attempts, next attempt, delivery, last error',
  rapid: false,
  columns: [
    { name: 'notification_id', type: 'BIGINT', autoIncrement: true, description: 'Surrogate key' },
    episodeIdColumn,
    { name: 'event', type: 'VARCHAR(16)', description: 'open or escalate' },
    { name: 'event_at', type: 'DATETIME(3)', description: 'Reading time of the event (UTC)' },
    {
      name: 'dedup_key',
      type: 'VARCHAR(128)',
      description: 'Same on every delivery attempt: receivers drop repeats by it',
    },
    { name: 'attempts', type: 'INT', defaultSql: '0', description: 'Delivery attempts started' },
    {
      name: 'next_attempt_at',
      type: 'DATETIME(3)',
      description: 'Not sent before then (UTC): backoff after a failure, lease while sending',
    },
    {
      name: 'last_attempt_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When the latest attempt started (UTC)',
    },
    {
      name: 'delivered_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When the channel accepted it (UTC); NULL while pending',
    },
    {
      name: 'delivered_via',
      type: 'VARCHAR(16)',
      nullable: true,
      description: 'Channel that accepted it: webhook or ons',
    },
    {
      name: 'last_error',
      type: 'VARCHAR(1024)',
      nullable: true,
      description: 'Why the latest failed attempt failed',
    },
    createdAt,
  ],
  primaryKey: ['notification_id'],
  indexes: [
    { name: 'alert_notifications_dedup', columns: ['dedup_key'], unique: true },
    { name: 'alert_notifications_due', columns: ['delivered_at', 'next_attempt_at'] },
    { name: 'alert_notifications_episode', columns: ['episode_id'] },
  ],
  checks: [{ name: 'alert_notifications_event_known', sql: "event IN ('open','escalate')" }],
};
