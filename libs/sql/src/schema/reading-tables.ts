import { PHYSICAL_RANGES, type Measure } from '@lakehouse/domain';
import { betweenSql } from './check-sql.js';
import type { CheckDefinition, ColumnDefinition, TableDefinition } from './table-definition.js';
import {
  LABEL_COLUMNS,
  MEASURE_COLUMNS,
  assetId,
  assetType,
  assetTypeCheck,
  createdAt,
} from './shared-columns.js';

/** Names of the readings range checks, as migration 1 created them. */
const RANGE_CHECK_NAMES: Readonly<Record<Measure, string>> = {
  airTemperatureK: 'readings_air_temperature_range',
  processTemperatureK: 'readings_process_temperature_range',
  rotationalSpeedRpm: 'readings_speed_range',
  torqueNm: 'readings_torque_range',
  toolWearMin: 'readings_tool_wear_range',
};

/** One CHECK per measure from libs/domain's PHYSICAL_RANGES: the database rejects what validateReading rejects. */
const measureRangeChecks: readonly CheckDefinition[] = MEASURE_COLUMNS.map((m) => ({
  name: RANGE_CHECK_NAMES[m.field],
  sql: betweenSql(m.name, PHYSICAL_RANGES[m.field]),
}));

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
      field: 'recordedAt',
      type: 'DATETIME(3)',
      description: 'Instant of the reading (UTC, millisecond precision)',
    },
    assetType,
    ...MEASURE_COLUMNS.map((m): ColumnDefinition => ({ ...m, type: 'DOUBLE' })),
    {
      name: 'power_w',
      field: 'powerW',
      type: 'DOUBLE',
      unit: 'W',
      description: 'Mechanical power: torque x angular speed',
    },
    {
      name: 'temperature_difference_k',
      field: 'temperatureDifferenceK',
      type: 'DOUBLE',
      unit: 'K',
      description: 'Process minus air temperature',
    },
    {
      name: 'overstrain_min_nm',
      field: 'overstrainMinNm',
      type: 'DOUBLE',
      unit: 'min·Nm',
      description: 'Tool wear x torque',
    },
    ...LABEL_COLUMNS.map((l): ColumnDefinition => ({ ...l, type: 'TINYINT', nullable: true })),
    {
      name: 'failure_probability',
      field: 'failureProbability',
      type: 'DOUBLE',
      nullable: true,
      description: 'Probability of failure from the active model; NULL until a model scored it',
    },
    {
      name: 'model_id',
      field: 'modelId',
      type: 'INT',
      nullable: true,
      description: 'Registry id of the model that scored it',
    },
    {
      name: 'source',
      field: 'source',
      type: 'VARCHAR(16)',
      description: 'How the row arrived: stream, bulk or replay',
      rapidEncoding: 'SORTED',
    },
    {
      name: 'stream_partition',
      field: 'streamPartition',
      type: 'INT',
      nullable: true,
      description: 'Stream partition it was read from',
    },
    {
      name: 'stream_offset',
      field: 'streamOffset',
      type: 'BIGINT',
      nullable: true,
      description: 'Stream offset it was read from',
    },
    {
      name: 'ingested_at',
      field: 'ingestedAt',
      type: 'DATETIME(3)',
      defaultSql: 'CURRENT_TIMESTAMP(3)',
      description: 'When the platform first stored the row (UTC)',
    },
  ],
  primaryKey: ['asset_id', 'recorded_at'],
  indexes: [{ name: 'readings_recorded_at', columns: ['recorded_at'] }],
  checks: [
    assetTypeCheck,
    ...measureRangeChecks,
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
