import type { Migration } from './migration.js';

/**
 * Predicting ahead (issue #18, ADR 0050):
 * - `asset_window_states`: the per-asset rolling-window state behind the horizon model's features (libs/domain
 *   window-features), written by the ingest function in the transaction that stores the readings, so a function
 *   instance that restarts, or another instance that takes the partition over, goes on from the stored state.
 * - `horizon_risks`: per scored reading, the risk of a failure within the horizon model's horizon and the expected
 *   minutes of operation to the next failure. A table of its own rather than new columns on `readings` or
 *   `predictions`: both are RAPID-defined, and HeatWave needs SECONDARY_UNLOAD before most ALTERs of a loaded table,
 *   which a migration cannot run portably; a CREATE TABLE IF NOT EXISTS can run again.
 * - `alert_episodes` gains `score_kind` (what its thresholds were applied to) and `expected_failure_at`; the table is
 *   not RAPID-defined, so the ALTER is plain. Rows from before keep `reading`.
 * Frozen like every released migration: a later change is a new migration.
 */
export const migration0008HorizonRisk: Migration = {
  id: 8,
  name: 'horizon-risk',
  up: [
    `CREATE TABLE IF NOT EXISTS \`asset_window_states\` (
  \`asset_id\` VARCHAR(64) NOT NULL COMMENT 'Machine identifier',
  \`last_recorded_at\` DATETIME(3) NOT NULL COMMENT 'Reading time of the latest reading folded into the state (UTC)',
  \`state_version\` SMALLINT NOT NULL COMMENT 'Layout version of state; a state of another version is started afresh',
  \`state\` JSON NOT NULL COMMENT 'Rolling means, counters and the latest values behind the window features',
  \`updated_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row last changed (UTC)',
  PRIMARY KEY (\`asset_id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Per-asset rolling-window state of the horizon features, carried across function instances and restarts'`,
    `CREATE TABLE IF NOT EXISTS \`horizon_risks\` (
  \`asset_id\` VARCHAR(64) NOT NULL COMMENT 'Machine identifier',
  \`recorded_at\` DATETIME(3) NOT NULL COMMENT 'Instant of the scored reading (UTC, ms)',
  \`model_id\` INT NOT NULL COMMENT 'Registry id of the model whose horizon part scored it',
  \`horizon_minutes\` INT NOT NULL COMMENT 'Horizon of risk, minutes of operation',
  \`risk\` DOUBLE NOT NULL COMMENT 'Probability of a failure within the horizon',
  \`expected_minutes_to_failure\` DOUBLE NULL COMMENT 'Expected minutes of operation to the next failure; NULL when the risks give no estimate',
  \`scored_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When it was scored (UTC)',
  PRIMARY KEY (\`asset_id\`, \`recorded_at\`),
  KEY \`horizon_risks_recorded_at\` (\`recorded_at\`),
  CONSTRAINT \`horizon_risks_risk_range\` CHECK (risk BETWEEN 0 AND 1),
  CONSTRAINT \`horizon_risks_horizon_range\` CHECK (horizon_minutes BETWEEN 1 AND 10080),
  CONSTRAINT \`horizon_risks_minutes_to_failure_range\` CHECK (expected_minutes_to_failure IS NULL OR expected_minutes_to_failure >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Risk of a failure within the horizon and expected minutes to failure, per scored reading' /*!80013 SECONDARY_ENGINE=RAPID */`,
    `ALTER TABLE \`alert_episodes\`
  ADD COLUMN \`score_kind\` VARCHAR(16) NOT NULL DEFAULT 'reading' COMMENT 'What the thresholds were applied to: reading (failure probability) or horizon (risk within the horizon)',
  ADD COLUMN \`expected_failure_at\` DATETIME(3) NULL COMMENT 'Expected failure time at the latest reading at or above the open threshold (UTC); NULL without a horizon estimate',
  ADD CONSTRAINT \`alert_episodes_score_kind_known\` CHECK (score_kind IN ('reading','horizon'))`,
  ],
  down: [
    'ALTER TABLE `alert_episodes` DROP CONSTRAINT `alert_episodes_score_kind_known`, DROP COLUMN `expected_failure_at`, DROP COLUMN `score_kind`',
    'DROP TABLE IF EXISTS `horizon_risks`',
    'DROP TABLE IF EXISTS `asset_window_states`',
  ],
};
