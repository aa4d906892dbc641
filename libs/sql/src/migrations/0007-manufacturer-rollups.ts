import type { Migration } from './migration.js';

/* Readings scored in an hour; an hour built before migration 5 counts as fully scored when it has a mean. */
const SCORED =
  'COALESCE(h.scored_count, CASE WHEN h.mean_failure_probability IS NULL THEN 0 ELSE h.reading_count END)';

/**
 * Trends by manufacturer (issue #17, ADR 0047): `daily_manufacturer_rollups`, the daily rollups with the asset
 * register's manufacturer as a fifth key column. A new table rather than a new key on `daily_rollups`: changing the
 * primary key of a RAPID-defined table that HeatWave has loaded needs SECONDARY_UNLOAD, SECONDARY_ENGINE=NULL, the
 * ALTER, SECONDARY_ENGINE=RAPID and a reload, none of which a migration can run on MariaDB or undo cleanly; a
 * CREATE TABLE IF NOT EXISTS can run again. The table is then filled from the hourly aggregates already there (the
 * statement of libs/sql rebuildDailyRollups as of this migration, over every day), so a deployment's existing history
 * has its manufacturer trends without a rebuild; the DELETE before it lets the migration run again after a failure.
 * Frozen like every released migration: a later change is a new migration.
 */
export const migration0007ManufacturerRollups: Migration = {
  id: 7,
  name: 'manufacturer-rollups',
  up: [
    `CREATE TABLE IF NOT EXISTS \`daily_manufacturer_rollups\` (
  \`day_start\` DATETIME NOT NULL COMMENT 'Start of the day (UTC)',
  \`site_id\` VARCHAR(64) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`line_id\` VARCHAR(64) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`asset_type\` CHAR(1) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`manufacturer\` VARCHAR(128) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
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
  PRIMARY KEY (\`day_start\`, \`site_id\`, \`line_id\`, \`asset_type\`, \`manufacturer\`),
  CONSTRAINT \`daily_manufacturer_rollups_asset_type_known\` CHECK (asset_type IN ('L','M','H'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Daily aggregates of the failure probability per site, line, asset type and manufacturer, rolled up from hourly_aggregates and asset_master_data' /*!80013 SECONDARY_ENGINE=RAPID */`,
    'DELETE FROM `daily_manufacturer_rollups`',
    `INSERT INTO \`daily_manufacturer_rollups\` (day_start, site_id, line_id, asset_type, manufacturer, asset_count,
  reading_count, scored_count, mean_failure_probability, min_failure_probability, max_failure_probability,
  count_probability_above_0_6, count_probability_above_0_9, failure_count)
SELECT CAST(DATE_FORMAT(h.hour_start, '%Y-%m-%d 00:00:00') AS DATETIME) AS day_start,
  COALESCE(h.site_id, '') AS site, COALESCE(h.line_id, '') AS line, h.asset_type,
  COALESCE(m.manufacturer, '') AS maker, COUNT(DISTINCT h.asset_id), SUM(h.reading_count), SUM(${SCORED}),
  SUM(h.mean_failure_probability * ${SCORED}) / NULLIF(SUM(${SCORED}), 0),
  MIN(h.min_failure_probability), MAX(h.max_failure_probability),
  SUM(h.count_probability_above_0_6), SUM(h.count_probability_above_0_9), SUM(h.failure_count)
FROM \`hourly_aggregates\` h LEFT JOIN \`asset_master_data\` m ON m.asset_id = h.asset_id
GROUP BY day_start, site, line, h.asset_type, maker`,
  ],
  down: ['DROP TABLE IF EXISTS `daily_manufacturer_rollups`'],
};
