import type { TableDefinition } from './table-definition.js';
import { assetId, createdAt } from './shared-columns.js';

/** API keys of the Fastify API: only a sha256 of each key is stored; the key itself is shown once, at creation. */
export const apiKeysTable: TableDefinition = {
  name: 'api_keys',
  description: 'API keys of the HTTP API: sha256 of the key, its scopes, and whether it was revoked',
  rapid: false,
  columns: [
    { name: 'key_id', type: 'VARCHAR(32)', description: 'Public identifier of the key (its prefix)' },
    {
      name: 'key_hash',
      type: 'CHAR(64)',
      description: 'sha256 hex of the whole key; the key is never stored',
    },
    { name: 'name', type: 'VARCHAR(128)', description: 'Who or what the key is for' },
    { name: 'scopes', type: 'VARCHAR(64)', description: 'Comma-separated scopes: read, admin' },
    createdAt,
    {
      name: 'revoked_at',
      type: 'DATETIME(3)',
      nullable: true,
      description: 'When revoked (UTC); NULL while valid',
    },
  ],
  primaryKey: ['key_id'],
  indexes: [{ name: 'api_keys_hash', columns: ['key_hash'], unique: true }],
};

/** Alert state written by the API: an alert (a reading above the threshold) once acknowledged by an operator. */
export const alertAcknowledgementsTable: TableDefinition = {
  name: 'alert_acknowledgements',
  description: 'Acknowledged alerts: which reading, who acknowledged it and when',
  rapid: false,
  columns: [
    assetId,
    {
      name: 'recorded_at',
      type: 'DATETIME(3)',
      description: 'Instant of the reading that raised the alert (UTC, ms)',
    },
    {
      name: 'failure_probability',
      type: 'DOUBLE',
      description: 'Failure probability of the reading when acknowledged',
    },
    {
      name: 'acknowledged_by',
      type: 'VARCHAR(128)',
      description: 'API key id or JWT subject that acknowledged it',
    },
    { name: 'note', type: 'VARCHAR(512)', nullable: true, description: 'Free text from the operator' },
    {
      name: 'acknowledged_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When acknowledged (UTC)',
    },
  ],
  primaryKey: ['asset_id', 'recorded_at'],
  indexes: [{ name: 'alert_acknowledgements_at', columns: ['acknowledged_at'] }],
};
