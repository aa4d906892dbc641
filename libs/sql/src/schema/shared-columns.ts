import { ASSET_TYPES, type FailureMode, type Measure } from '@lakehouse/domain';
import { inListSql } from './check-sql.js';
import type { ColumnDefinition } from './table-definition.js';

/** The five measured quantities: column name, domain field, unit and meaning, in AI4I column order. */
export const MEASURE_COLUMNS = [
  { name: 'air_temperature_k', field: 'airTemperatureK', unit: 'K', description: 'Air temperature' },
  {
    name: 'process_temperature_k',
    field: 'processTemperatureK',
    unit: 'K',
    description: 'Process temperature',
  },
  {
    name: 'rotational_speed_rpm',
    field: 'rotationalSpeedRpm',
    unit: 'rpm',
    description: 'Spindle rotational speed',
  },
  { name: 'torque_nm', field: 'torqueNm', unit: 'Nm', description: 'Torque' },
  { name: 'tool_wear_min', field: 'toolWearMin', unit: 'min', description: 'Cumulative tool wear' },
] as const satisfies readonly { name: string; field: Measure; unit: string; description: string }[];

/** The failure label columns (AI4I: machine failure plus five modes), with the domain label each holds. */
export const LABEL_COLUMNS = [
  {
    name: 'machine_failure',
    field: 'machineFailure',
    description: 'Any failure mode occurred (ground truth)',
  },
  { name: 'twf', field: 'TWF', description: 'Tool wear failure (ground truth)' },
  { name: 'hdf', field: 'HDF', description: 'Heat dissipation failure (ground truth)' },
  { name: 'pwf', field: 'PWF', description: 'Power failure (ground truth)' },
  { name: 'osf', field: 'OSF', description: 'Overstrain failure (ground truth)' },
  { name: 'rnf', field: 'RNF', description: 'Random failure (ground truth)' },
] as const satisfies readonly { name: string; field: 'machineFailure' | FailureMode; description: string }[];

/** `asset_id`, the key of every per-asset table. */
export const assetId: ColumnDefinition = {
  name: 'asset_id',
  field: 'assetId',
  type: 'VARCHAR(64)',
  description: 'Machine identifier',
};
/** `asset_type`, the product quality variant. */
export const assetType: ColumnDefinition = {
  name: 'asset_type',
  field: 'assetType',
  type: 'CHAR(1)',
  description: 'Product quality variant L/M/H',
  rapidEncoding: 'SORTED',
};
/** `site_id`, the plant. */
export const siteId: ColumnDefinition = {
  name: 'site_id',
  field: 'siteId',
  type: 'VARCHAR(64)',
  nullable: true,
  description: 'Plant the asset stands in',
  rapidEncoding: 'SORTED',
};
/** `line_id`, the production line. */
export const lineId: ColumnDefinition = {
  name: 'line_id',
  field: 'lineId',
  type: 'VARCHAR(64)',
  nullable: true,
  description: 'Production line within the site',
  rapidEncoding: 'SORTED',
};
/** `created_at`, defaulted by the database. */
export const createdAt: ColumnDefinition = {
  name: 'created_at',
  type: 'DATETIME(3)',
  defaultSql: 'CURRENT_TIMESTAMP(3)',
  description: 'When the row was first written (UTC)',
};
/** The asset type is one of the domain's ASSET_TYPES. */
export const assetTypeCheck = { name: 'asset_type_known', sql: inListSql('asset_type', ASSET_TYPES) };
