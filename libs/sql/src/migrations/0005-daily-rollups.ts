import type { Migration } from './migration.js';

/**
 * History scoring and trends (issue #17): `hourly_aggregates` gains the scored-reading count and the lowest
 * probability (what a daily rollup needs to weight means and keep the range), and `daily_rollups` is created.
 * The table comes first: `CREATE TABLE IF NOT EXISTS` can run again if the ALTER fails, the ALTER cannot. On
 * HeatWave the ALTER is allowed on a loaded table; queries on it run in InnoDB until it is loaded again. Frozen like
 * every released migration: a later change is a new migration.
 */
export const migration0005DailyRollups: Migration = {
  id: 5,
  name: 'daily-rollups',
  up: [
    `CREATE TABLE IF NOT EXISTS \`daily_rollups\` (
  \`day_start\` DATETIME NOT NULL COMMENT 'Start of the day (UTC)',
  \`site_id\` VARCHAR(64) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`line_id\` VARCHAR(64) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`asset_type\` CHAR(1) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`asset_count\` INT NOT NULL COMMENT 'Assets with readings that day',
  \`reading_count\` INT NOT NULL COMMENT 'Readings that day',
  \`scored_count\` INT NOT NULL COMMENT 'Readings with a failure probability',
  \`mean_failure_probability\` DOUBLE NULL COMMENT 'Mean failure probability over the scored readings; NULL when none was scored',
  \`min_failure_probability\` DOUBLE NULL COMMENT 'Lowest failure probability',
  \`max_failure_probability\` DOUBLE NULL COMMENT 'Highest failure probability',
  \`count_probability_above_0_6\` INT NOT NULL COMMENT 'Readings with probability above 0.6 (sum of the hourly counts)',
  \`count_probability_above_0_9\` INT NOT NULL COMMENT 'Readings with probability above 0.9 (sum of the hourly counts)',
  \`failure_count\` INT NOT NULL COMMENT 'Labelled machine failures that day',
  \`built_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When built (UTC)',
  PRIMARY KEY (\`day_start\`, \`site_id\`, \`line_id\`, \`asset_type\`),
  CONSTRAINT \`daily_rollups_asset_type_known\` CHECK (asset_type IN ('L','M','H'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Daily aggregates of the failure probability per site, line and asset type, rolled up from hourly_aggregates' /*!80013 SECONDARY_ENGINE=RAPID */`,
    `ALTER TABLE \`hourly_aggregates\`
  ADD COLUMN \`scored_count\` INT NULL COMMENT 'Readings with a failure probability; NULL on rows built before migration 5' AFTER \`reading_count\`,
  ADD COLUMN \`min_failure_probability\` DOUBLE NULL COMMENT 'Lowest failure probability' AFTER \`mean_failure_probability\``,
  ],
  down: [
    'ALTER TABLE `hourly_aggregates` DROP COLUMN `min_failure_probability`, DROP COLUMN `scored_count`',
    'DROP TABLE IF EXISTS `daily_rollups`',
  ],
};
