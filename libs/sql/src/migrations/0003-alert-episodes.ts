import type { Migration } from './migration.js';

/**
 * Alert episodes (issue #17): the episodes, the per-asset state of the fold that opens and resolves them, and the
 * notification outbox. Operational tables (InnoDB only, not loaded into RAPID); each has a primary key, as Group
 * Replication on highly available DB systems requires. Frozen like every released migration.
 */
export const migration0003AlertEpisodes: Migration = {
  id: 3,
  name: 'alert-episodes',
  up: [
    `CREATE TABLE IF NOT EXISTS \`alert_episodes\` (
  \`episode_id\` VARCHAR(96) NOT NULL COMMENT 'Episode id: <asset_id>~<opened_at epoch ms>',
  \`asset_id\` VARCHAR(64) NOT NULL COMMENT 'Machine identifier',
  \`state\` VARCHAR(16) NOT NULL COMMENT 'open or resolved',
  \`band\` VARCHAR(16) NOT NULL COMMENT 'Highest risk band held: elevated (>= 0.6) or high (>= 0.9)',
  \`opened_at\` DATETIME(3) NOT NULL COMMENT 'Reading time at which the risk had held long enough (UTC)',
  \`first_high_at\` DATETIME(3) NOT NULL COMMENT 'First reading at or above the open threshold (UTC)',
  \`last_high_at\` DATETIME(3) NOT NULL COMMENT 'Latest reading at or above the open threshold (UTC)',
  \`escalated_at\` DATETIME(3) NULL COMMENT 'When it escalated from elevated to high (UTC)',
  \`peak_probability\` DOUBLE NOT NULL COMMENT 'Highest failure probability in the episode',
  \`peak_at\` DATETIME(3) NOT NULL COMMENT 'Reading time of the peak (UTC)',
  \`peak_model_id\` INT NULL COMMENT 'Registry id of the model that scored the peak',
  \`peak_modes\` VARCHAR(64) NULL COMMENT 'Failure modes the peak points to, comma separated',
  \`peak_explanation\` JSON NULL COMMENT 'Feature contributions behind the peak prediction',
  \`resolved_at\` DATETIME(3) NULL COMMENT 'When it resolved: the reading after the hysteresis time, or the operator action (UTC)',
  \`resolved_by\` VARCHAR(128) NULL COMMENT 'Who resolved it by hand; NULL when the risk fell (hysteresis)',
  \`acknowledged_at\` DATETIME(3) NULL COMMENT 'When first acknowledged (UTC)',
  \`acknowledged_by\` VARCHAR(128) NULL COMMENT 'API key id or JWT subject that acknowledged it',
  \`assigned_to\` VARCHAR(128) NULL COMMENT 'Person or team the episode is assigned to',
  \`snoozed_until\` DATETIME(3) NULL COMMENT 'Notifications held back and hidden from the attention list until then (UTC)',
  \`note\` VARCHAR(512) NULL COMMENT 'Free text from the operator',
  \`created_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row was first written (UTC)',
  \`updated_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row last changed (UTC)',
  PRIMARY KEY (\`episode_id\`),
  UNIQUE KEY \`alert_episodes_asset_opened\` (\`asset_id\`, \`opened_at\`),
  KEY \`alert_episodes_state_opened\` (\`state\`, \`opened_at\`),
  KEY \`alert_episodes_opened\` (\`opened_at\`),
  KEY \`alert_episodes_resolved\` (\`resolved_at\`),
  CONSTRAINT \`alert_episodes_state_known\` CHECK (state IN ('open','resolved')),
  CONSTRAINT \`alert_episodes_band_known\` CHECK (band IN ('elevated','high')),
  CONSTRAINT \`alert_episodes_peak_range\` CHECK (peak_probability BETWEEN 0 AND 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Alert episodes: one per asset and period of sustained failure risk, with peak, band and operator actions'`,
    `CREATE TABLE IF NOT EXISTS \`alert_asset_states\` (
  \`asset_id\` VARCHAR(64) NOT NULL COMMENT 'Machine identifier',
  \`last_folded_at\` DATETIME(3) NULL COMMENT 'Reading time of the latest reading folded (UTC); NULL before the first',
  \`open_episode_id\` VARCHAR(96) NULL COMMENT 'The episode open now, if any',
  \`run_count\` INT NOT NULL DEFAULT 0 COMMENT 'Consecutive readings at or above the open threshold while none is open',
  \`run_started_at\` DATETIME(3) NULL COMMENT 'First reading of that run',
  \`run_peak_probability\` DOUBLE NULL COMMENT 'Highest probability in it',
  \`run_peak_at\` DATETIME(3) NULL COMMENT 'When that was read (UTC)',
  \`high_run_count\` INT NOT NULL DEFAULT 0 COMMENT 'Consecutive readings at or above the high band',
  \`high_run_started_at\` DATETIME(3) NULL COMMENT 'First reading of that run',
  \`high_run_peak_probability\` DOUBLE NULL COMMENT 'Highest probability in it',
  \`high_run_peak_at\` DATETIME(3) NULL COMMENT 'When that was read (UTC)',
  \`low_since\` DATETIME(3) NULL COMMENT 'While open: first reading of the current run below the resolve threshold',
  \`updated_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row last changed (UTC)',
  PRIMARY KEY (\`asset_id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Per-asset state of the alert-episode fold: hold and hysteresis counters, open episode'`,
    `CREATE TABLE IF NOT EXISTS \`alert_notifications\` (
  \`notification_id\` BIGINT NOT NULL AUTO_INCREMENT COMMENT 'Surrogate key',
  \`episode_id\` VARCHAR(96) NOT NULL COMMENT 'Episode id: <asset_id>~<opened_at epoch ms>',
  \`event\` VARCHAR(16) NOT NULL COMMENT 'open or escalate',
  \`event_at\` DATETIME(3) NOT NULL COMMENT 'Reading time of the event (UTC)',
  \`dedup_key\` VARCHAR(128) NOT NULL COMMENT 'Same on every delivery attempt: receivers drop repeats by it',
  \`attempts\` INT NOT NULL DEFAULT 0 COMMENT 'Delivery attempts started',
  \`next_attempt_at\` DATETIME(3) NOT NULL COMMENT 'Not sent before then (UTC): backoff after a failure, lease while sending',
  \`last_attempt_at\` DATETIME(3) NULL COMMENT 'When the latest attempt started (UTC)',
  \`delivered_at\` DATETIME(3) NULL COMMENT 'When the channel accepted it (UTC); NULL while pending',
  \`delivered_via\` VARCHAR(16) NULL COMMENT 'Channel that accepted it: webhook or ons',
  \`last_error\` VARCHAR(1024) NULL COMMENT 'Why the latest failed attempt failed',
  \`created_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row was first written (UTC)',
  PRIMARY KEY (\`notification_id\`),
  UNIQUE KEY \`alert_notifications_dedup\` (\`dedup_key\`),
  KEY \`alert_notifications_due\` (\`delivered_at\`, \`next_attempt_at\`),
  KEY \`alert_notifications_episode\` (\`episode_id\`),
  CONSTRAINT \`alert_notifications_event_known\` CHECK (event IN ('open','escalate'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Outbox of episode notifications (open, escalate): dedup key, attempts, next attempt, delivery, last error'`,
  ],
  down: [
    'DROP TABLE IF EXISTS `alert_notifications`',
    'DROP TABLE IF EXISTS `alert_asset_states`',
    'DROP TABLE IF EXISTS `alert_episodes`',
  ],
};
