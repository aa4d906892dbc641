import type { ColumnDefinition, TableDefinition } from './table-definition.js';

/** The five measured quantities: column name, unit and meaning, in AI4I column order. */
export const MEASURE_COLUMNS = [
  { name: 'air_temperature_k', unit: 'K', description: 'Air temperature' },
  { name: 'process_temperature_k', unit: 'K', description: 'Process temperature' },
  { name: 'rotational_speed_rpm', unit: 'rpm', description: 'Spindle rotational speed' },
  { name: 'torque_nm', unit: 'Nm', description: 'Torque' },
  { name: 'tool_wear_min', unit: 'min', description: 'Cumulative tool wear' },
] as const;

/** The failure label columns (AI4I: machine failure plus five modes). */
export const LABEL_COLUMNS = [
  { name: 'machine_failure', description: 'Any failure mode occurred (ground truth)' },
  { name: 'twf', description: 'Tool wear failure (ground truth)' },
  { name: 'hdf', description: 'Heat dissipation failure (ground truth)' },
  { name: 'pwf', description: 'Power failure (ground truth)' },
  { name: 'osf', description: 'Overstrain failure (ground truth)' },
  { name: 'rnf', description: 'Random failure (ground truth)' },
] as const;

const assetId: ColumnDefinition = {
  name: 'asset_id',
  type: 'VARCHAR(64)',
  description: 'Machine identifier',
};
const assetType: ColumnDefinition = {
  name: 'asset_type',
  type: 'CHAR(1)',
  description: 'Product quality variant L/M/H',
  rapidEncoding: 'SORTED',
};
const siteId: ColumnDefinition = {
  name: 'site_id',
  type: 'VARCHAR(64)',
  nullable: true,
  description: 'Plant the asset stands in',
  rapidEncoding: 'SORTED',
};
const lineId: ColumnDefinition = {
  name: 'line_id',
  type: 'VARCHAR(64)',
  nullable: true,
  description: 'Production line within the site',
  rapidEncoding: 'SORTED',
};
const createdAt: ColumnDefinition = {
  name: 'created_at',
  type: 'DATETIME(3)',
  defaultSql: 'CURRENT_TIMESTAMP(3)',
  description: 'When the row was first written (UTC)',
};
const assetTypeCheck = { name: 'asset_type_known', sql: "asset_type IN ('L','M','H')" };

/** Machines of the fleet. */
export const assetsTable: TableDefinition = {
  name: 'assets',
  description:
    'Machines of the fleet, with where they stand; registered on first reading or by the fleet loader',
  rapid: true,
  columns: [
    assetId,
    assetType,
    siteId,
    lineId,
    {
      name: 'first_seen_at',
      type: 'DATETIME(3)',
      description: 'Instant of the earliest reading stored (UTC)',
    },
    { name: 'last_seen_at', type: 'DATETIME(3)', description: 'Instant of the latest reading stored (UTC)' },
    createdAt,
  ],
  primaryKey: ['asset_id'],
  indexes: [{ name: 'assets_site_line', columns: ['site_id', 'line_id'] }],
  checks: [assetTypeCheck],
};

/**
 * Sensor readings, one row per asset and instant. The key (asset_id, recorded_at) is the event's identity:
 * a redelivered stream batch or a re-run load upserts onto the same rows instead of duplicating them.
 */
export const readingsTable: TableDefinition = {
  name: 'readings',
  description:
    'Sensor readings, one per asset and instant, with physics features and the failure probability',
  rapid: true,
  workshopCounterpart: 'T_LIVE_EVENT_FEED_DATA',
  columns: [
    assetId,
    {
      name: 'recorded_at',
      type: 'DATETIME(3)',
      description: 'Instant of the reading (UTC, millisecond precision)',
    },
    assetType,
    ...MEASURE_COLUMNS.map((m): ColumnDefinition => ({ ...m, type: 'DOUBLE' })),
    { name: 'power_w', type: 'DOUBLE', unit: 'W', description: 'Mechanical power: torque x angular speed' },
    {
      name: 'temperature_difference_k',
      type: 'DOUBLE',
      unit: 'K',
      description: 'Process minus air temperature',
    },
    { name: 'overstrain_min_nm', type: 'DOUBLE', unit: 'min·Nm', description: 'Tool wear x torque' },
    ...LABEL_COLUMNS.map((l): ColumnDefinition => ({ ...l, type: 'TINYINT', nullable: true })),
    {
      name: 'failure_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Probability of failure from the active model; NULL until a model scored it',
    },
    { name: 'model_id', type: 'INT', nullable: true, description: 'Registry id of the model that scored it' },
    {
      name: 'source',
      type: 'VARCHAR(16)',
      description: 'How the row arrived: stream, bulk or replay',
      rapidEncoding: 'SORTED',
    },
    {
      name: 'stream_partition',
      type: 'INT',
      nullable: true,
      description: 'Stream partition it was read from',
    },
    { name: 'stream_offset', type: 'BIGINT', nullable: true, description: 'Stream offset it was read from' },
    {
      name: 'ingested_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When the platform first stored the row (UTC)',
    },
  ],
  primaryKey: ['asset_id', 'recorded_at'],
  indexes: [{ name: 'readings_recorded_at', columns: ['recorded_at'] }],
  checks: [
    assetTypeCheck,
    { name: 'readings_air_temperature_range', sql: 'air_temperature_k BETWEEN 200 AND 400' },
    { name: 'readings_process_temperature_range', sql: 'process_temperature_k BETWEEN 200 AND 500' },
    { name: 'readings_speed_range', sql: 'rotational_speed_rpm BETWEEN 0 AND 10000' },
    { name: 'readings_torque_range', sql: 'torque_nm BETWEEN 0 AND 500' },
    { name: 'readings_tool_wear_range', sql: 'tool_wear_min BETWEEN 0 AND 1000' },
    {
      name: 'readings_probability_range',
      sql: 'failure_probability IS NULL OR failure_probability BETWEEN 0 AND 1',
    },
    { name: 'readings_source_known', sql: "source IN ('stream','bulk','replay')" },
  ],
};

/** Failures and maintenance, as events on a timeline (labels of the history, tool changes, repairs). */
export const failureEventsTable: TableDefinition = {
  name: 'failure_events',
  description:
    'Failure labels and maintenance events per asset: what happened, when, and which failure modes',
  rapid: true,
  columns: [
    { name: 'event_id', type: 'BIGINT', autoIncrement: true, description: 'Surrogate key' },
    assetId,
    { name: 'occurred_at', type: 'DATETIME(3)', description: 'When it happened (UTC)' },
    {
      name: 'event_kind',
      type: 'VARCHAR(16)',
      description: 'failure, maintenance or tool_change',
      rapidEncoding: 'SORTED',
    },
    ...LABEL_COLUMNS.map((l): ColumnDefinition => ({ ...l, type: 'TINYINT', defaultSql: '0' })),
    {
      name: 'note',
      type: 'VARCHAR(512)',
      nullable: true,
      description: 'Free text from the technician or loader',
    },
    createdAt,
  ],
  primaryKey: ['event_id'],
  indexes: [
    { name: 'failure_events_identity', columns: ['asset_id', 'occurred_at', 'event_kind'], unique: true },
  ],
  checks: [
    { name: 'failure_events_kind_known', sql: "event_kind IN ('failure','maintenance','tool_change')" },
  ],
};

/** Records that could not be stored, kept whole with every reason so nothing is silently lost. */
export const deadLettersTable: TableDefinition = {
  name: 'dead_letters',
  description: 'Rejected records with their raw bytes, every reason, and where they came from',
  rapid: false,
  columns: [
    { name: 'dead_letter_id', type: 'BIGINT', autoIncrement: true, description: 'Surrogate key' },
    {
      name: 'dedup_key',
      type: 'CHAR(64)',
      description: 'sha256 of origin and payload: a redelivered record is counted, not duplicated',
    },
    {
      name: 'source',
      type: 'VARCHAR(16)',
      description: 'Pipeline stage that rejected it: stream, connector, bulk, replay',
    },
    {
      name: 'stream_name',
      type: 'VARCHAR(255)',
      nullable: true,
      description: 'Stream (topic) it was read from',
    },
    { name: 'stream_partition', type: 'INT', nullable: true, description: 'Stream partition' },
    { name: 'stream_offset', type: 'BIGINT', nullable: true, description: 'Stream offset' },
    { name: 'source_file', type: 'VARCHAR(1024)', nullable: true, description: 'File it was read from' },
    {
      name: 'source_line',
      type: 'BIGINT',
      nullable: true,
      description: 'Line number in that file (1-based)',
    },
    { name: 'record_index', type: 'INT', nullable: true, description: 'Position of the record in its batch' },
    {
      name: 'raw_payload',
      type: 'LONGBLOB',
      description: 'The record exactly as received',
      notSecondary: true,
    },
    { name: 'primary_reason', type: 'VARCHAR(64)', description: 'First reason code, for grouping' },
    { name: 'reasons', type: 'JSON', description: 'Every problem: [{path, reason, message}]' },
    {
      name: 'error_message',
      type: 'TEXT',
      nullable: true,
      description: 'Error text when a failure, not data, caused it',
    },
    { name: 'delivery_count', type: 'INT', defaultSql: '1', description: 'How many times it arrived' },
    createdAt,
    {
      name: 'last_seen_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'Latest arrival (UTC)',
    },
  ],
  primaryKey: ['dead_letter_id'],
  indexes: [
    { name: 'dead_letters_dedup', columns: ['dedup_key'], unique: true },
    { name: 'dead_letters_reason', columns: ['primary_reason', 'created_at'] },
  ],
  checks: [{ name: 'dead_letters_source_known', sql: "source IN ('stream','connector','bulk','replay')" }],
};

/** Model outputs per reading, with the explanation, kept per model so versions can be compared. */
export const predictionsTable: TableDefinition = {
  name: 'predictions',
  description: 'Failure probability and explanation per reading and model',
  rapid: true,
  columns: [
    assetId,
    { name: 'recorded_at', type: 'DATETIME(3)', description: 'Instant of the scored reading (UTC, ms)' },
    { name: 'model_id', type: 'INT', description: 'Registry id of the model' },
    { name: 'failure_probability', type: 'DOUBLE', description: 'Probability of machine failure' },
    {
      name: 'predicted_failure',
      type: 'TINYINT',
      description: 'Probability at or above the model threshold',
    },
    {
      name: 'predicted_modes',
      type: 'VARCHAR(64)',
      nullable: true,
      description: 'Failure modes the explanation points to, comma separated',
      rapidEncoding: 'SORTED',
    },
    {
      name: 'explanation',
      type: 'JSON',
      nullable: true,
      description: 'Feature contributions behind the prediction',
      notSecondary: true,
    },
    {
      name: 'scored_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When scored (UTC)',
    },
  ],
  primaryKey: ['asset_id', 'recorded_at', 'model_id'],
  indexes: [{ name: 'predictions_recorded_at', columns: ['recorded_at'] }],
  checks: [{ name: 'predictions_probability_range', sql: 'failure_probability BETWEEN 0 AND 1' }],
};

/** Versioned failure models; at most one is active (enforced by a unique generated column). */
export const modelsTable: TableDefinition = {
  name: 'models',
  description: 'Model registry: versioned failure models with parameters, metrics and the serialised model',
  rapid: false,
  columns: [
    { name: 'model_id', type: 'INT', autoIncrement: true, description: 'Registry id' },
    { name: 'name', type: 'VARCHAR(128)', description: 'Model family name' },
    { name: 'version', type: 'INT', description: 'Version within the family, from 1' },
    { name: 'algorithm', type: 'VARCHAR(64)', description: 'Learning algorithm' },
    { name: 'parameters', type: 'JSON', description: 'Hyper-parameters and seed' },
    { name: 'features', type: 'JSON', description: 'Ordered feature list the model expects' },
    { name: 'training_fingerprint', type: 'CHAR(64)', description: 'sha256 of the training data' },
    { name: 'metrics', type: 'JSON', description: 'Evaluation metrics' },
    {
      name: 'decision_threshold',
      type: 'DOUBLE',
      description: 'Probability at which a failure is predicted',
    },
    {
      name: 'artifact',
      type: 'LONGBLOB',
      nullable: true,
      description: 'Serialised model',
      notSecondary: true,
    },
    {
      name: 'heatwave_model_handle',
      type: 'VARCHAR(255)',
      nullable: true,
      description: 'HeatWave AutoML model handle when trained in the database',
    },
    { name: 'is_active', type: 'TINYINT', defaultSql: '0', description: '1 for the model used for scoring' },
    {
      name: 'active_marker',
      type: 'TINYINT',
      nullable: true,
      generatedAsSql: 'CASE WHEN is_active = 1 THEN 1 END',
      description: 'Equals 1 only on the active model; its unique key allows one active model',
    },
    createdAt,
    { name: 'activated_at', type: 'DATETIME(3)', nullable: true, description: 'When it became active (UTC)' },
  ],
  primaryKey: ['model_id'],
  indexes: [
    { name: 'models_name_version', columns: ['name', 'version'], unique: true },
    { name: 'models_one_active', columns: ['active_marker'], unique: true },
  ],
};

function aggregateColumns(): ColumnDefinition[] {
  return MEASURE_COLUMNS.flatMap((m) =>
    (['mean', 'min', 'max'] as const).map((stat): ColumnDefinition => ({
      name: `${stat}_${m.name}`,
      type: 'DOUBLE',
      unit: m.unit,
      description: `${stat === 'mean' ? 'Mean' : stat === 'min' ? 'Minimum' : 'Maximum'} ${m.description.toLowerCase()} in the hour`,
    })),
  );
}

/** The silver layer: one row per asset and hour, built by the Data Flow job (or SQL locally). */
export const hourlyAggregatesTable: TableDefinition = {
  name: 'hourly_aggregates',
  description: 'Hourly per-asset aggregates of every measure and of the failure probability (silver layer)',
  rapid: true,
  workshopCounterpart: 'T_AGGR_DEVICE_PRED_HOUR',
  columns: [
    assetId,
    { name: 'hour_start', type: 'DATETIME', description: 'Start of the hour (UTC)' },
    assetType,
    siteId,
    lineId,
    { name: 'reading_count', type: 'INT', description: 'Readings in the hour' },
    {
      name: 'scored_count',
      type: 'INT',
      nullable: true,
      description: 'Readings with a failure probability; NULL on rows built before migration 5',
    },
    ...aggregateColumns(),
    {
      name: 'mean_failure_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Mean failure probability',
    },
    {
      name: 'min_failure_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Lowest failure probability',
    },
    {
      name: 'max_failure_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Highest failure probability',
    },
    { name: 'count_probability_above_0_6', type: 'INT', description: 'Readings with probability above 0.6' },
    { name: 'count_probability_above_0_9', type: 'INT', description: 'Readings with probability above 0.9' },
    { name: 'failure_count', type: 'INT', description: 'Labelled machine failures in the hour' },
    {
      name: 'built_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When built (UTC)',
    },
  ],
  primaryKey: ['asset_id', 'hour_start'],
  indexes: [{ name: 'hourly_aggregates_hour', columns: ['hour_start'] }],
  checks: [assetTypeCheck],
};

/**
 * The gold layer of the trend charts: one row per UTC day, site, line and asset type, rolled up from
 * `hourly_aggregates` (a month of a 100-asset fleet is a few hundred rows). Site and line are part of the key, and a
 * key column cannot be NULL, so an asset without a known site or line is stored under ''.
 */
export const dailyRollupsTable: TableDefinition = {
  name: 'daily_rollups',
  description:
    'Daily aggregates of the failure probability per site, line and asset type, rolled up from hourly_aggregates',
  rapid: true,
  columns: [
    { name: 'day_start', type: 'DATETIME', description: 'Start of the day (UTC)' },
    { ...siteId, nullable: false, description: "Plant the assets stand in; '' when not known" },
    { ...lineId, nullable: false, description: "Production line within the site; '' when not known" },
    assetType,
    { name: 'asset_count', type: 'INT', description: 'Assets with readings that day' },
    { name: 'reading_count', type: 'INT', description: 'Readings that day' },
    { name: 'scored_count', type: 'INT', description: 'Readings with a failure probability' },
    {
      name: 'mean_failure_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Mean failure probability over the scored readings; NULL when none was scored',
    },
    {
      name: 'min_failure_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Lowest failure probability',
    },
    {
      name: 'max_failure_probability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Highest failure probability',
    },
    {
      name: 'count_probability_above_0_6',
      type: 'INT',
      description: 'Readings with probability above 0.6 (sum of the hourly counts)',
    },
    {
      name: 'count_probability_above_0_9',
      type: 'INT',
      description: 'Readings with probability above 0.9 (sum of the hourly counts)',
    },
    { name: 'failure_count', type: 'INT', description: 'Labelled machine failures that day' },
    {
      name: 'built_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When built (UTC)',
    },
  ],
  primaryKey: ['day_start', 'site_id', 'line_id', 'asset_type'],
  checks: [assetTypeCheck],
};

/**
 * The table over the silver files the Data Flow job writes: a Lakehouse external table on HeatWave, an InnoDB table
 * of the same shape elsewhere (`bulk-load heatwave load` creates and fills it).
 */
export const HOURLY_AGGREGATES_LAKE_TABLE = `${hourlyAggregatesTable.name}_lake`;

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

/**
 * Asset register: what the workshop's Analytics workbook knows of each machine and the platform did not. One row per
 * asset, keyed like `assets` but kept apart from it: `assets` is written by ingest on every batch and keyed to the
 * readings (first/last seen), while this table is written by the register import and the demo's generator, and may
 * hold machines that have not reported yet. Type, and for reporting assets site and line, stay in `assets`; the
 * register's site and line are kept for machines `assets` does not know (ADR 0042).
 */
export const assetMasterDataTable: TableDefinition = {
  name: 'asset_master_data',
  description:
    'Asset register: manufacturer, model, install date, expected service life, criticality, site and line per asset',
  rapid: true,
  columns: [
    assetId,
    {
      name: 'manufacturer',
      type: 'VARCHAR(128)',
      description: 'Who built the machine',
      rapidEncoding: 'SORTED',
    },
    { name: 'model', type: 'VARCHAR(128)', description: "The manufacturer's model designation" },
    { name: 'installed_on', type: 'DATE', description: 'Install date (a calendar day, no zone)' },
    {
      name: 'service_life_months',
      type: 'SMALLINT',
      unit: 'month',
      description: 'Expected service life from the install date',
    },
    {
      name: 'criticality',
      type: 'CHAR(1)',
      description: 'A: failure stops production, B: reduces output, C: has a workaround',
      rapidEncoding: 'SORTED',
    },
    { ...siteId, description: 'Site the register places the asset in' },
    { ...lineId, description: 'Line the register places the asset on' },
    {
      name: 'source',
      type: 'VARCHAR(16)',
      description: 'Who wrote the row: import (a register CSV) or generator (the simulated fleet)',
      rapidEncoding: 'SORTED',
    },
    {
      name: 'source_file',
      type: 'VARCHAR(1024)',
      nullable: true,
      description: 'Register file the row was imported from',
    },
    {
      name: 'source_line',
      type: 'INT',
      nullable: true,
      description: 'Line of that file (1-based, header = 1)',
    },
    createdAt,
    {
      name: 'updated_at',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When a value of the row last changed (UTC); an unchanged re-import leaves it',
    },
  ],
  primaryKey: ['asset_id'],
  checks: [
    { name: 'criticality_known', sql: "criticality IN ('A','B','C')" },
    { name: 'service_life_range', sql: 'service_life_months BETWEEN 1 AND 1200' },
    { name: 'installed_on_range', sql: "installed_on >= '1950-01-01'" },
    { name: 'source_known', sql: "source IN ('import','generator')" },
  ],
};

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
    { name: 'alert_episodes_band_known', sql: "band IN ('elevated','high')" },
    { name: 'alert_episodes_peak_range', sql: 'peak_probability BETWEEN 0 AND 1' },
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

/** Every table, in creation order. */
export const TABLES: readonly TableDefinition[] = [
  assetsTable,
  readingsTable,
  failureEventsTable,
  deadLettersTable,
  predictionsTable,
  modelsTable,
  hourlyAggregatesTable,
  apiKeysTable,
  alertAcknowledgementsTable,
  assetMasterDataTable,
  alertEpisodesTable,
  alertAssetStatesTable,
  alertNotificationsTable,
  dailyRollupsTable,
];
