import type { ColumnDefinition, TableDefinition } from './table-definition.js';
import { MEASURE_COLUMNS, assetId, assetType, assetTypeCheck, lineId, siteId } from './shared-columns.js';

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
 * The daily rollups with the asset register's manufacturer as a fifth key column (migration 7, ADR 0047): a second
 * table rather than a new key on `daily_rollups`, whose primary key HeatWave would only let change on an unloaded
 * table. An asset without a register row is stored under manufacturer ''. Rows per day are bounded by the fleet's
 * sites x lines x types x manufacturers, and by its assets.
 */
export const dailyManufacturerRollupsTable: TableDefinition = {
  ...dailyRollupsTable,
  name: 'daily_manufacturer_rollups',
  description:
    'Daily aggregates of the failure probability per site, line, asset type and manufacturer, rolled up from hourly_aggregates and asset_master_data',
  columns: dailyRollupsTable.columns.flatMap((c): ColumnDefinition[] =>
    c.name === 'asset_type'
      ? [
          c,
          {
            name: 'manufacturer',
            type: 'VARCHAR(128)',
            description: "The asset register's manufacturer; '' when the asset has no register row",
            rapidEncoding: 'SORTED',
          },
        ]
      : [c],
  ),
  primaryKey: ['day_start', 'site_id', 'line_id', 'asset_type', 'manufacturer'],
};

/**
 * The table over the silver files the Data Flow job writes: a Lakehouse external table on HeatWave, an InnoDB table
 * of the same shape elsewhere (`bulk-load heatwave load` creates and fills it).
 */
export const HOURLY_AGGREGATES_LAKE_TABLE = `${hourlyAggregatesTable.name}_lake`;
