import type { TableDefinition } from './table-definition.js';
import { assetId } from './shared-columns.js';

/**
 * The rolling-window state per asset behind the horizon model's features (issue #18, ADR 0050): what the ingest
 * function needs to go on computing an asset's window features after a restart or on another instance.
 */
export const assetWindowStatesTable: TableDefinition = {
  name: 'asset_window_states',
  description:
    'Per-asset rolling-window state of the horizon features, carried across function instances and restarts',
  rapid: false,
  columns: [
    assetId,
    {
      name: 'last_recorded_at',
      type: 'DATETIME(3)',
      description: 'Reading time of the latest reading folded into the state (UTC)',
    },
    {
      name: 'state_version',
      type: 'SMALLINT',
      description: 'Layout version of state; a state of another version is started afresh',
    },
    {
      name: 'state',
      type: 'JSON',
      description: 'Rolling means, counters and the latest values behind the window features',
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

/** Per scored reading: the risk of a failure within the horizon and the expected minutes to the next failure. */
export const horizonRisksTable: TableDefinition = {
  name: 'horizon_risks',
  description: 'Risk of a failure within the horizon and expected minutes to failure, per scored reading',
  rapid: true,
  columns: [
    assetId,
    { name: 'recorded_at', type: 'DATETIME(3)', description: 'Instant of the scored reading (UTC, ms)' },
    {
      name: 'model_id',
      type: 'INT',
      description: 'Registry id of the model whose horizon part scored it',
    },
    {
      name: 'horizon_minutes',
      type: 'INT',
      unit: 'min',
      description: 'Horizon of risk, minutes of operation',
    },
    { name: 'risk', type: 'DOUBLE', description: 'Probability of a failure within the horizon' },
    {
      name: 'expected_minutes_to_failure',
      type: 'DOUBLE',
      nullable: true,
      unit: 'min',
      description: 'Expected minutes of operation to the next failure; NULL when the risks give no estimate',
    },
    {
      name: 'scored_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When it was scored (UTC)',
    },
  ],
  primaryKey: ['asset_id', 'recorded_at'],
  indexes: [{ name: 'horizon_risks_recorded_at', columns: ['recorded_at'] }],
  checks: [
    { name: 'risk_range', sql: 'risk BETWEEN 0 AND 1' },
    { name: 'horizon_range', sql: 'horizon_minutes BETWEEN 1 AND 10080' },
    {
      name: 'minutes_to_failure_range',
      sql: 'expected_minutes_to_failure IS NULL OR expected_minutes_to_failure >= 0',
    },
  ],
};
