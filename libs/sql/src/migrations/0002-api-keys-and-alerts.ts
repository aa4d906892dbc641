import type { Migration } from './migration.js';

/**
 * Tables written by the HTTP API (issue #7): hashed API keys and alert acknowledgements. Frozen like every released
 * migration: a later change is a new migration.
 */
export const migration0002ApiKeysAndAlerts: Migration = {
  id: 2,
  name: 'api-keys-and-alerts',
  up: [
    `CREATE TABLE IF NOT EXISTS \`api_keys\` (
  \`key_id\` VARCHAR(32) NOT NULL COMMENT 'Public identifier of the key (its prefix)',
  \`key_hash\` CHAR(64) NOT NULL COMMENT 'sha256 hex of the whole key; the key is never stored',
  \`name\` VARCHAR(128) NOT NULL COMMENT 'Who or what the key is for',
  \`scopes\` VARCHAR(64) NOT NULL COMMENT 'Comma-separated scopes: read, admin',
  \`created_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When the row was first written (UTC)',
  \`revoked_at\` DATETIME(3) NULL COMMENT 'When revoked (UTC); NULL while valid',
  PRIMARY KEY (\`key_id\`),
  UNIQUE KEY \`api_keys_hash\` (\`key_hash\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='API keys of the HTTP API: sha256 of the key, its scopes, and whether it was revoked'`,
    `CREATE TABLE IF NOT EXISTS \`alert_acknowledgements\` (
  \`asset_id\` VARCHAR(64) NOT NULL COMMENT 'Machine identifier',
  \`recorded_at\` DATETIME(3) NOT NULL COMMENT 'Instant of the reading that raised the alert (UTC, ms)',
  \`failure_probability\` DOUBLE NOT NULL COMMENT 'Failure probability of the reading when acknowledged',
  \`acknowledged_by\` VARCHAR(128) NOT NULL COMMENT 'API key id or JWT subject that acknowledged it',
  \`note\` VARCHAR(512) NULL COMMENT 'Free text from the operator',
  \`acknowledged_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'When acknowledged (UTC)',
  PRIMARY KEY (\`asset_id\`, \`recorded_at\`),
  KEY \`alert_acknowledgements_at\` (\`acknowledged_at\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Acknowledged alerts: which reading, who acknowledged it and when'`,
  ],
  down: ['DROP TABLE IF EXISTS `alert_acknowledgements`', 'DROP TABLE IF EXISTS `api_keys`'],
};
