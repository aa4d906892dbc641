import type { Migration } from './migration.js';

/**
 * The asset register (issue #17): manufacturer, model, install date, expected service life, criticality, site and
 * line per asset, for remaining life and end of life (ADR 0042). Frozen like every released migration: a later
 * change is a new migration.
 */
export const migration0004AssetMasterData: Migration = {
  id: 4,
  name: 'asset-master-data',
  up: [
    `CREATE TABLE IF NOT EXISTS \`asset_master_data\` (
  \`asset_id\` VARCHAR(64) NOT NULL COMMENT 'Machine identifier',
  \`manufacturer\` VARCHAR(128) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`model\` VARCHAR(128) NOT NULL COMMENT 'The manufacturer''s model designation',
  \`installed_on\` DATE NOT NULL COMMENT 'Install date (a calendar day, no zone)',
  \`service_life_months\` SMALLINT NOT NULL COMMENT 'Expected service life from the install date [month]',
  \`criticality\` CHAR(1) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`site_id\` VARCHAR(64) NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`line_id\` VARCHAR(64) NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`source\` VARCHAR(16) NOT NULL COMMENT 'RAPID_COLUMN=ENCODING=SORTED',
  \`source_file\` VARCHAR(1024) NULL COMMENT 'Register file the row was imported from',
  \`source_line\` INT NULL COMMENT 'Line of that file (1-based, header = 1)',
  \`created_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row was first written (UTC)',
  \`updated_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When a value of the row last changed (UTC); an unchanged re-import leaves it',
  PRIMARY KEY (\`asset_id\`),
  CONSTRAINT \`asset_master_data_criticality_known\` CHECK (criticality IN ('A','B','C')),
  CONSTRAINT \`asset_master_data_service_life_range\` CHECK (service_life_months BETWEEN 1 AND 1200),
  CONSTRAINT \`asset_master_data_installed_on_range\` CHECK (installed_on >= '1950-01-01'),
  CONSTRAINT \`asset_master_data_source_known\` CHECK (source IN ('import','generator'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Asset register: manufacturer, model, install date, expected service life, criticality, site and line per asset' /*!80013 SECONDARY_ENGINE=RAPID */`,
  ],
  down: ['DROP TABLE IF EXISTS `asset_master_data`'],
};
